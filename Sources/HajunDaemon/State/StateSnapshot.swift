/// The state as the last commit left it.
public struct StateSnapshot: Sendable {
    /// The highest `seq` whose effects (cursors, seen keys) the state holds.
    public var lastSeq: Int64 = 0
    /// The highest `seq` the dedup snapshot includes (it is saved less often than the rest: the log replays the
    /// events after it).
    public var dedupSeq: Int64 = 0
    public var cursors: [String: FeedCursor] = [:]
    /// Each feed's taken posts: key → the time they are remembered by (seconds).
    public var seenTimes: [String: [UInt64: Int64]] = [:]
    /// Each feed's range of forgotten post times.
    public var seenBounds: [String: StateCommit.SeenBounds] = [:]
    public var dedupSnapshot: [UInt8]?

    /// Each feed's taken post keys.
    public var seen: [String: Set<UInt64>] { seenTimes.mapValues { Set($0.keys) } }

    public init() {}
}
