import HajunCore

/// A simulated Telegram channel: its identity and how it writes.
public struct SimulatedChannel: Sendable, Hashable {
    /// The username without `@`.
    public var username: String
    /// The Bot API chat id (`-100…`), derived from the username so it is stable.
    public var id: Int64
    public var title: String
    /// How often it writes in each language.
    public var languages: [(Language, Double)]
    /// How often it is the first to report an incident, relative to the other channels.
    public var originWeight: Double
    /// Author signatures it puts on posts (`author_signature`); empty for none.
    public var signatures: [String]
    /// The line it appends to its own posts ("Напісаць нам: @bot").
    public var footer: String?
    /// Its bot for reports, named in notices.
    public var bot: String

    public init(
        username: String,
        title: String? = nil,
        languages: [(Language, Double)] = [(.ru, 0.55), (.be, 0.33), (.en, 0.08), (.uk, 0.04)],
        originWeight: Double = 1,
        signatures: [String] = [],
        footer: String? = nil
    ) {
        self.username = username
        self.id = SimulatedChannel.chatID(for: username)
        self.title =
            title
            ?? username.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
        self.languages = languages
        self.originWeight = originWeight
        self.signatures = signatures
        self.footer = footer
        self.bot = "@" + username + "_bot"
    }

    /// The channels `hajund simulate` uses unless told otherwise.
    public static let defaults: [SimulatedChannel] = [
        SimulatedChannel(
            username: "hajun_demo",
            title: "Беларускі Гаюн (demo)",
            languages: [(.ru, 0.55), (.be, 0.37), (.en, 0.05), (.uk, 0.03)],
            originWeight: 5,
            signatures: ["Адмін", "Дзяжурны", "Рэдакцыя"],
            footer: "Напісаць нам: @hajun_demo_bot"
        ),
        SimulatedChannel(
            username: "hajun_mirror",
            title: "Hajun Mirror",
            languages: [(.ru, 0.6), (.be, 0.3), (.en, 0.1)],
            originWeight: 1.5
        ),
        SimulatedChannel(
            username: "homiel_watch",
            title: "Гомельский наблюдатель",
            languages: [(.ru, 0.72), (.be, 0.2), (.uk, 0.08)],
            originWeight: 2,
            footer: "Прислать информацию: @homiel_watch_bot"
        ),
        SimulatedChannel(
            username: "belarus_watch_en",
            title: "Belarus Watch (EN)",
            languages: [(.en, 0.85), (.ru, 0.15)],
            originWeight: 1,
            signatures: ["Desk"]
        ),
    ]

    /// Channels by username: the defaults' profiles for their names, a plain profile for any other name.
    public static func named(_ usernames: [String]) -> [SimulatedChannel] {
        usernames.enumerated().map { index, name in
            if let known = defaults.first(where: { $0.username == name }) { return known }
            return SimulatedChannel(username: name, originWeight: index == 0 ? 3 : 1)
        }
    }

    /// `-100` followed by ten digits, from an FNV-1a hash of the username.
    static func chatID(for username: String) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in username.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return -(1_000_000_000_000 + 1_000_000_000 + Int64(hash % 999_000_000))
    }

    public static func == (lhs: SimulatedChannel, rhs: SimulatedChannel) -> Bool {
        lhs.username == rhs.username && lhs.title == rhs.title && lhs.id == rhs.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(username)
    }
}
