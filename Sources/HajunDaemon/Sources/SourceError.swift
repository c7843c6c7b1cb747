/// Why a source could not fetch, naming the feed and the origin (redacted).
public struct SourceError: Error, Sendable, CustomStringConvertible {
    /// A short, fixed reason: a metric label and the key of the back-off decision.
    public enum Reason: String, Sendable, CaseIterable {
        /// HTTP 429 (or Telegram's `retry_after`): the server asked us to slow down.
        case throttled
        /// Any other non-success HTTP status.
        case status
        case timeout
        /// The response was larger than `limits.max_response_bytes`.
        case tooLarge = "too_large"
        /// A scheme other than http and https, or too many redirects.
        case refused
        /// Connection, TLS or protocol failure.
        case transport
        /// A file could not be read.
        case io
        /// Shutdown or reload stopped the fetch.
        case cancelled
    }

    public var feed: String
    public var origin: String
    public var message: String
    public var reason: Reason
    /// How long the server asked us to wait before the next request (HTTP 429 / Retry-After), if it did.
    public var retryAfterMilliseconds: Int64?

    public init(
        feed: String,
        origin: String,
        message: String,
        reason: Reason = .io,
        retryAfterMilliseconds: Int64? = nil
    ) {
        self.feed = feed
        self.origin = origin
        self.message = message
        self.reason = reason
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    public var description: String { "feed '\(feed)': \(origin): \(message)" }
}
