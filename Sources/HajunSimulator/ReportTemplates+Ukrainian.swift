import HajunCore

extension ReportTemplates {
    /// Ukrainian wordings for the categories Ukrainian channels reposted most; other categories have none.
    static let ukrainian: [Category: ReportTemplates] = [
        .troopMovement: ReportTemplates(
            located: [
                "Колона техніки, район: {nom}. {n:одиниця|одиниці|одиниць}, серед них {eq}. Напрямок — {dirnom}"
            ],
            unlocated: []
        ),
        .aviation: ReportTemplates(
            located: [
                "Зліт {eq} з аеродрому {nom}, {n:борт|борти|бортів}"
            ],
            unlocated: [
                "{time} у повітрі {eq}, можлива загроза"
            ]
        ),
        .missileLaunch: ReportTemplates(
            located: [
                "Увага! Пуски ракет з території Білорусі, район: {nom}. Зафіксовано {n:пуск|пуски|пусків}"
            ],
            unlocated: [
                "Пуски ракет з території Білорусі о {time}! Загроза для півночі України"
            ]
        ),
    ]
}
