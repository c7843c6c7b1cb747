/// What one batch changed, committed in one transaction after the log lines up to `lastSeq` are durable.
public struct StateCommit: Sendable {
    public struct SeenPost: Sendable, Hashable {
        public var feed: String
        public var key: UInt64
        public var postedAtSeconds: Int64

        public init(feed: String, key: UInt64, postedAtSeconds: Int64) {
            self.feed = feed
            self.key = key
            self.postedAtSeconds = postedAtSeconds
        }
    }

    /// The times a feed's forgotten keys covered: from the oldest post the feed ever gave up to the last cutoff.
    public struct SeenBounds: Sendable, Hashable {
        /// The oldest post time (seconds) the feed has ever given.
        public var oldest: Int64
        /// Keys of posts before this time (seconds) were forgotten; `oldest` or less when none were.
        public var forgottenBefore: Int64

        public init(oldest: Int64, forgottenBefore: Int64) {
            self.oldest = oldest
            self.forgottenBefore = forgottenBefore
        }
    }

    /// The dedup index as of `seq`.
    public struct DedupCheckpoint: Sendable {
        public var seq: Int64
        public var bytes: [UInt8]

        public init(seq: Int64, bytes: [UInt8]) {
            self.seq = seq
            self.bytes = bytes
        }
    }

    public var lastSeq: Int64
    /// Cursors of the feeds this batch advanced, whole.
    public var cursors: [String: FeedCursor] = [:]
    public var newlySeen: [SeenPost] = []
    /// Forget every feed's keys of posts before this time (seconds).
    public var forgetSeenBeforeSeconds: Int64?
    /// Forget one feed's keys of posts before its time (seconds): the exact window behind its newest post.
    public var forgetSeenBefore: [String: Int64] = [:]
    /// Feeds whose `SeenBounds` changed, whole.
    public var seenBounds: [String: SeenBounds] = [:]
    public var dedupSnapshot: DedupCheckpoint?

    public init(lastSeq: Int64) {
        self.lastSeq = lastSeq
    }

    /// Whether committing would change anything but `last_seq`.
    public var isEmpty: Bool {
        cursors.isEmpty && newlySeen.isEmpty && forgetSeenBeforeSeconds == nil && forgetSeenBefore.isEmpty
            && seenBounds.isEmpty && dedupSnapshot == nil
    }
}
