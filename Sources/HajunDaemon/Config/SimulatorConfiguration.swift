import Foundation
import HajunSimulator

/// The `simulator:` section: a Telegram-style channel simulator (`docs/simulator.md`) that `hajund run` starts
/// in-process on loopback, so that a configuration can show the daemon at work with no network and no real channel.
/// Feeds reach it through `simulator:/PATH` URLs, which become `http://127.0.0.1:PORT/PATH` once it listens.
///
/// ```yaml
/// simulator:
///   seed: 1
///   initial_burst: 30
///   rate: 12/min
///   opening_alarm: true
/// feeds:
///   - name: simulator
///     url: simulator:/bot5000000001:AAHajunSimulatorDemoTokenNotASecret0/getUpdates
///     format: telegram-bot-api
/// ```
public struct SimulatorConfiguration: Sendable, Hashable {
    /// The URL scheme feeds use for the in-process simulator.
    public static let scheme = "simulator:"

    /// The port on 127.0.0.1; 0 picks a free one. The simulator never listens beyond loopback.
    public var port: Int
    /// The generator's seed: the same seed gives the same stream of posts.
    public var seed: UInt64
    /// Posts published at once when the simulator starts, so that events appear within seconds.
    public var initialBurst: Int
    /// Then, on average, this many posts per second, the simulated day's rhythm and bursts kept.
    public var postsPerSecond: Double
    /// The timeline opens with a missile-launch wave and a busy airfield, so the default rules fire at once.
    public var openingAlarm: Bool
    /// Channel usernames; empty for the simulator's default four.
    public var channels: [String]
    /// The bot token the simulator accepts; nil for its documented demo token (which is not a secret).
    public var token: String?

    public init(
        port: Int = 0,
        seed: UInt64 = 1,
        initialBurst: Int = 30,
        postsPerSecond: Double = 0.2,
        openingAlarm: Bool = true,
        channels: [String] = [],
        token: String? = nil
    ) {
        self.port = port
        self.seed = seed
        self.initialBurst = initialBurst
        self.postsPerSecond = postsPerSecond
        self.openingAlarm = openingAlarm
        self.channels = channels
        self.token = token
    }

    static let keys: Set<String> = ["port", "seed", "initial_burst", "rate", "opening_alarm", "channels", "token"]

    init(from node: ConfigNode) throws {
        self.init()
        let map = try node.mapping(allowedKeys: Self.keys)
        if let value = map.optional("port") {
            port = try value.int()
            guard (0...65_535).contains(port) else { throw value.error("must be between 0 and 65535") }
        }
        if let value = map.optional("seed") {
            let number = try value.int()
            guard number >= 0 else { throw value.error("must not be negative") }
            seed = UInt64(number)
        }
        if let value = map.optional("initial_burst") {
            initialBurst = try value.int()
            guard initialBurst >= 0 else { throw value.error("must not be negative") }
        }
        if let value = map.optional("rate") {
            let text = try value.string()
            guard let rate = Self.postsPerSecond(parsing: text) else {
                throw value.error("expected realtime or a rate such as 0.2/s, 12/min, 100/h or 1000/day, not '\(text)'")
            }
            postsPerSecond = rate
        }
        if let value = map.optional("opening_alarm") { openingAlarm = try value.bool() }
        if let value = map.optional("channels") {
            channels = try value.stringList().map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            guard !channels.isEmpty,
                channels.allSatisfy({ name in
                    !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
                })
            else {
                throw value.error("expected one or more channel usernames (letters, digits and '_')")
            }
        }
        if let value = map.optional("token") {
            let text = try value.string()
            guard !text.isEmpty, !text.contains("/") else { throw value.error("must be non-empty, without '/'") }
            token = text
        }
    }

    /// `realtime` (about 1,000 posts a day), or `N/s`, `N/min`, `N/h`, `N/day`, or a plain N per second: the
    /// simulator's own rates, but not `max` or `manual`, which make no sense for a daemon's demo feed.
    static func postsPerSecond(parsing text: String) -> Double? {
        guard case .postsPerSecond(let rate)? = SimulatorRate(parsing: text.trimmingCharacters(in: .whitespaces))
        else { return nil }
        return rate
    }
}
