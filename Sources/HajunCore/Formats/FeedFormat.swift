/// The feed formats hajund reads.
public enum FeedFormat: String, Sendable, CaseIterable, Hashable, Codable {
    /// Detect from the content.
    case auto
    /// A Telegram Bot API `getUpdates` response (`{"ok":true,"result":[Update…]}`), a bare array of updates,
    /// or a single Update object.
    case telegramBotAPI = "telegram-bot-api"
    /// A Telegram Desktop channel export `result.json`.
    case telegramExport = "telegram-export"
    /// RSS 2.0 or Atom (RSSHub's Telegram channel feeds are the typical case).
    case rss
    /// JSON Lines of hajund's own report schema (`docs/feeds.md`).
    case jsonl
}
