import HajunCore

/// What to generate: everything that, with the seed, determines a corpus byte for byte.
public struct CorpusConfiguration: Sendable {
    /// 2022-02-24T00:00:00Z, the night the war began and Hajun's busiest days.
    public static let defaultStart = Timestamp(secondsSince1970: 1_645_660_800)

    public var seed: UInt64
    public var channels: [SimulatedChannel]
    /// The simulated clock's start: the first incident happens shortly after.
    public var start: Timestamp
    /// The average number of posts a simulated day holds (Hajun had about a thousand on busy days).
    public var postsPerDay: Double
    /// Missile-launch waves, suddenly busy airfields and convoy surges on top of the daily rhythm.
    public var bursts: Bool
    /// Stop after this many posts (edits not counted); nil for an endless stream.
    public var maximumPosts: Int?
    /// The timeline opens with a missile-launch wave and a suddenly busy airfield (a demo shows alerts at once).
    public var openingAlarm: Bool

    public init(
        seed: UInt64 = 1,
        channels: [SimulatedChannel] = SimulatedChannel.defaults,
        start: Timestamp = CorpusConfiguration.defaultStart,
        postsPerDay: Double = 1000,
        bursts: Bool = true,
        maximumPosts: Int? = nil,
        openingAlarm: Bool = false
    ) {
        precondition(!channels.isEmpty, "a corpus needs at least one channel")
        self.seed = seed
        self.channels = channels
        self.start = start
        self.postsPerDay = postsPerDay
        self.bursts = bursts
        self.maximumPosts = maximumPosts
        self.openingAlarm = openingAlarm
    }
}
