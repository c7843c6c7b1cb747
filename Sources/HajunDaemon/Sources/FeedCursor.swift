/// Where a feed stands between polls, persisted in the state store with the events it led to: the Bot API
/// `offset` to ask for next, and the validators for conditional requests.
public struct FeedCursor: Sendable, Hashable {
    /// `getUpdates` offset: one more than the highest `update_id` taken.
    public var botOffset: Int64?
    /// The last `ETag`, sent back as `If-None-Match`.
    public var etag: String?
    /// The last `Last-Modified`, sent back as `If-Modified-Since`.
    public var lastModified: String?

    public init(botOffset: Int64? = nil, etag: String? = nil, lastModified: String? = nil) {
        self.botOffset = botOffset
        self.etag = etag
        self.lastModified = lastModified
    }
}
