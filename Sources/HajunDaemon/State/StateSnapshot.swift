/// The state as the last commit left it.
public struct StateSnapshot: Sendable {
    /// The highest `seq` whose effects (cursors, seen keys) the state holds.
    public var lastSeq: Int64 = 0
    /// The highest `seq` the dedup snapshot includes (it is saved less often than the rest: the log replays the
    /// events after it).
    public var dedupSeq: Int64 = 0
    public var cursors: [String: FeedCursor] = [:]
    public var seen: [String: Set<UInt64>] = [:]
    public var dedupSnapshot: [UInt8]?

    public init() {}
}
