/// What a parser made of one input: every post it could read, and every problem it found on the way.
///
/// A bad post does not stop the others: a parser reports it as a problem and goes on where the format allows.
public struct FeedParseResult: Sendable {
    public var format: FeedFormat
    public var reports: [Report]
    public var problems: [FeedProblem]
    /// For Bot API input: the highest `update_id` seen, so a poller can ask for `offset = max + 1`.
    public var lastUpdateID: Int64?

    public init(format: FeedFormat, reports: [Report] = [], problems: [FeedProblem] = [], lastUpdateID: Int64? = nil) {
        self.format = format
        self.reports = reports
        self.problems = problems
        self.lastUpdateID = lastUpdateID
    }
}

/// A problem in a feed's input, naming the feed, the file (or URL, redacted) and the position.
public struct FeedProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var feed: String
    /// File path or redacted URL the bytes came from.
    public var origin: String
    public var position: SourcePosition
    public var message: String

    public init(feed: String, origin: String, position: SourcePosition, message: String) {
        self.feed = feed
        self.origin = origin
        self.position = position
        self.message = message
    }

    public var description: String {
        "feed '\(feed)': \(origin): \(position): \(message)"
    }
}

/// Limits every parser enforces.
public struct FeedLimits: Sendable, Hashable {
    /// The longest post text accepted, in UTF-8 bytes; longer posts are refused with a problem.
    public var maxPostBytes: Int

    public init(maxPostBytes: Int = 64 * 1024) {
        self.maxPostBytes = maxPostBytes
    }

    public static let `default` = FeedLimits()
}
