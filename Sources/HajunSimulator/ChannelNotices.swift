import HajunCore

/// What channels post besides reports: appeals, reminders, greetings and other noise.
enum ChannelNotices {
    /// Notices per language; `{bot}` is the channel's bot, `{channel}` its @username.
    static let notices: [Language: [String]] = [
        .ru: [
            "Присылайте информацию о передвижении техники в наш бот {bot}. Анонимность гарантируем.",
            "Друзья, не публикуйте фото с геолокацией и удаляйте переписку с ботом.",
            "📢 Подписывайтесь на наш канал {channel}, чтобы не пропустить важное",
            "Доброе утро! Ночь прошла спокойно, продолжаем наблюдение.",
            "Напоминаем: мы не публикуем непроверенную информацию.",
            "Вечером будет обзор за день.",
        ],
        .be: [
            "Дасылайце інфармацыю пра перамяшчэнне тэхнікі ў наш бот {bot}. Ананімнасць гарантуем.",
            "Сябры, не публікуйце фота з геалакацыяй і выдаляйце перапіску з ботам.",
            "Добрай раніцы! Ноч прайшла спакойна, працягваем назіранне.",
            "Жыве Беларусь! 🤍❤️🤍",
        ],
        .en: [
            "Send us what you see via {bot}. Anonymity guaranteed.",
            "Reminder: never post photos with geolocation.",
            "Follow {channel} for verified updates.",
        ],
        .uk: [
            "Надсилайте інформацію в наш бот {bot}."
        ],
    ]
}
