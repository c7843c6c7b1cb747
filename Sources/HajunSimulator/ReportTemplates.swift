import HajunCore

/// Report wordings per category and language.
///
/// Slots: `{loc}` locative with its preposition ("в Мозыре"), `{Loc}` the same capitalised, `{nom}`, `{gen}`
/// (genitive: "в сторону Мозыря"), `{dir}` the destination's genitive, `{dirnom}` its nominative, `{eq}` equipment, `{n}` the count,
/// `{n:one|few|many}` the count with an agreeing noun (English: `{n:one|many}`), `{time}` local time.
/// Located templates always name the main place before any destination, so the place's region is the truth.
struct ReportTemplates: Sendable {
    /// Wordings for incidents with a place.
    var located: [String]
    /// Wordings for incidents without one (nationwide, or the place is not known).
    var unlocated: [String]

    /// The templates for a category in a language; nil when the language has none for it.
    static func templates(_ category: Category, _ language: Language) -> ReportTemplates? {
        switch language {
        case .ru: return russian[category]
        case .be: return belarusian[category]
        case .en: return english[category]
        case .uk: return ukrainian[category]
        case .undetermined: return nil
        }
    }

    /// Whether the wordings of an incident tell different stories rather than the same one in other words
    /// ("road closed" and "fire at a warehouse" are both `other`): then an incident keeps its story in every
    /// report, and the lists are aligned across languages.
    static func isStory(_ incident: Incident) -> Bool {
        incident.place == nil || incident.category == .other || incident.category == .cyberAttack
    }

    /// What re-wordings of a story put in front of it.
    static let leadIns: [Language: [String]] = [
        .ru: ["Нам пишут: ", "Подписчик сообщает: ", "Ещё одно сообщение: "],
        .be: ["Нам пішуць: ", "Падпісчык паведамляе: "],
        .en: ["Subscribers report: ", "Another report: "],
        .uk: ["Пишуть: "],
    ]

    /// Languages that have wordings for a category.
    static func languages(for category: Category) -> [Language] {
        [.ru, .be, .en, .uk].filter { templates(category, $0) != nil }
    }
}
