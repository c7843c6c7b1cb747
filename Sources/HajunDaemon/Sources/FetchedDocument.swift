/// Bytes a source fetched, with where they came from (a path, or a redacted URL).
public struct FetchedDocument: Sendable {
    public var origin: String
    public var bytes: [UInt8]

    public init(origin: String, bytes: [UInt8]) {
        self.origin = origin
        self.bytes = bytes
    }
}

/// Why a source could not fetch, naming the feed and the origin (redacted).
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var feed: String
    public var origin: String
    public var message: String
    /// How long the server asked us to wait before the next request (HTTP 429 / Retry-After), if it did.
    public var retryAfterMilliseconds: Int64?

    public init(feed: String, origin: String, message: String, retryAfterMilliseconds: Int64? = nil) {
        self.feed = feed
        self.origin = origin
        self.message = message
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    public var description: String { "feed '\(feed)': \(origin): \(message)" }
}
