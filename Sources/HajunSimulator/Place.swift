import HajunCore

/// A real Belarusian place with the inflected forms that templates need.
public struct Place: Sendable, Hashable {
    /// Names in one language: nominative, genitive ("в сторону Мозыря") and locative with its preposition
    /// ("в Мозыре", "у Мазыры").
    public struct Forms: Sendable, Hashable {
        public var nominative: String
        public var genitive: String
        public var locative: String
    }

    /// What a place is good for in a report.
    public struct Roles: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// A military airfield.
        public static let airfield = Roles(rawValue: 1)
        /// An area missiles were launched from in 2022 (near the Ukrainian border).
        public static let launchSite = Roles(rawValue: 2)
        /// A railway junction.
        public static let railNode = Roles(rawValue: 4)
        /// A training ground or garrison.
        public static let garrison = Roles(rawValue: 8)
        /// A regional or large town.
        public static let city = Roles(rawValue: 16)
    }

    public var id: String
    public var region: Region
    public var roles: Roles
    public var russian: Forms
    public var belarusian: Forms
    public var ukrainian: String
    public var english: String

    /// The forms in a language (Ukrainian and English have one form; templates put it after a preposition
    /// that takes the nominative).
    public func forms(_ language: Language) -> Forms {
        switch language {
        case .ru: return russian
        case .be: return belarusian
        case .uk: return Forms(nominative: ukrainian, genitive: ukrainian, locative: "у районі " + ukrainian)
        case .en, .undetermined: return Forms(nominative: english, genitive: english, locative: "in " + english)
        }
    }

    /// A hashtag as Hajun-style channels add them (`#Мазыр`).
    public func hashtag(_ language: Language) -> String {
        let name = language == .en ? english : belarusian.nominative
        return "#" + String(name.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
