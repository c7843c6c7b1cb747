/// What one fetch of a feed brought: the documents to parse (none for `304 Not Modified`), the validators to send
/// next time, and how many bytes came over the wire.
public struct FeedFetch: Sendable {
    public var documents: [FetchedDocument]
    /// The server answered `304 Not Modified`: nothing new.
    public var notModified: Bool
    public var etag: String?
    public var lastModified: String?
    public var bytes: Int

    public init(
        documents: [FetchedDocument], notModified: Bool = false, etag: String? = nil, lastModified: String? = nil
    ) {
        self.documents = documents
        self.notModified = notModified
        self.etag = etag
        self.lastModified = lastModified
        bytes = documents.reduce(0) { $0 + $1.bytes.count }
    }
}
