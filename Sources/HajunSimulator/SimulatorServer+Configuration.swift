import HajunCore

extension SimulatorServer {
    /// Everything about a server run: where it listens, its bot, what it publishes and how fast, what fails.
    public struct Configuration: Sendable {
        /// The TCP port on 127.0.0.1; 0 picks a free one (read it back from `SimulatorServer.port`).
        public var port: Int
        /// The bot token clients must use in `/bot<token>/METHOD`.
        public var token: String
        public var botUsername: String
        public var seed: UInt64
        public var channels: [SimulatedChannel]
        /// Posts to publish (edits come on top); nil publishes forever (needs a paced rate).
        public var posts: Int?
        public var rate: SimulatorRate
        /// Posts published at once when the server starts, before pacing begins (paced rates only).
        public var initialBurst: Int
        /// The average posts per simulated day, which sets the timeline's density.
        public var postsPerDay: Double
        public var bursts: Bool
        /// Open with a missile-launch wave and a busy airfield, so that alert rules fire within seconds.
        public var openingAlarm: Bool
        /// The simulated clock's start for the `unlimited` and `manual` rates, which keep simulated dates;
        /// nil puts it so far back that the timeline of `posts` posts ends about now.
        public var start: Timestamp?
        public var faults: [FaultRule]
        /// Items in each RSS feed (RSSHub shows a channel's last page).
        public var rssItemLimit: Int
        /// The longest `getUpdates` long poll the server honours, in seconds.
        public var longPollLimitSeconds: Int

        public init(
            port: Int = 0,
            token: String = SimulatorServer.defaultToken,
            botUsername: String = "hajun_sim_bot",
            seed: UInt64 = 1,
            channels: [SimulatedChannel] = SimulatedChannel.defaults,
            posts: Int? = 1000,
            rate: SimulatorRate = .unlimited,
            initialBurst: Int = 0,
            postsPerDay: Double = 1000,
            bursts: Bool = true,
            openingAlarm: Bool = false,
            start: Timestamp? = nil,
            faults: [FaultRule] = [],
            rssItemLimit: Int = 50,
            longPollLimitSeconds: Int = 600
        ) {
            self.port = port
            self.token = token
            self.botUsername = botUsername
            self.seed = seed
            self.channels = channels
            self.posts = posts
            self.rate = rate
            self.initialBurst = initialBurst
            self.postsPerDay = postsPerDay
            self.bursts = bursts
            self.openingAlarm = openingAlarm
            self.start = start
            self.faults = faults
            self.rssItemLimit = rssItemLimit
            self.longPollLimitSeconds = longPollLimitSeconds
        }

        /// For a live demo: the default channels, opening with a missile-launch wave and a busy airfield, 25 posts
        /// at once so that events and alerts appear within seconds, then one post every five seconds on average (the
        /// daily rhythm and bursts compressed), forever.
        public static func demo(seed: UInt64 = 1, port: Int = 0) -> Configuration {
            Configuration(
                port: port, seed: seed, posts: nil, rate: .postsPerSecond(0.2), initialBurst: 25, openingAlarm: true)
        }

        func validated() throws -> Configuration {
            guard !channels.isEmpty else {
                throw SimulatorError.invalidConfiguration("the simulator needs at least one channel")
            }
            guard !token.isEmpty, !token.contains("/") else {
                throw SimulatorError.invalidConfiguration("the bot token must be non-empty and contain no '/'")
            }
            guard (0...65_535).contains(port) else {
                throw SimulatorError.invalidConfiguration("port \(port) is out of range")
            }
            if posts == nil, rate == .unlimited {
                throw SimulatorError.invalidConfiguration("an unlimited rate needs a number of posts")
            }
            if let posts, posts < 0 {
                throw SimulatorError.invalidConfiguration("the number of posts cannot be negative")
            }
            if case .postsPerSecond(let rate) = rate, !(rate > 0 && rate.isFinite) {
                throw SimulatorError.invalidConfiguration("the rate must be a positive number of posts per second")
            }
            return self
        }

        /// The generator's configuration at server start.
        func corpus(now: Timestamp) -> CorpusConfiguration {
            let clockStart: Timestamp
            switch rate {
            case .postsPerSecond: clockStart = start ?? now
            case .unlimited, .manual:
                let span = Double(posts ?? 0) * 86_400 / max(postsPerDay, 0.001)
                clockStart = start ?? Timestamp(secondsSince1970: now.secondsSince1970 - Int64(span))
            }
            return CorpusConfiguration(
                seed: seed, channels: channels, start: clockStart, postsPerDay: postsPerDay, bursts: bursts,
                maximumPosts: posts, openingAlarm: openingAlarm
            )
        }
    }
}
