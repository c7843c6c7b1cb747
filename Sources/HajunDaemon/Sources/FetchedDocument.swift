/// Bytes a source fetched, with where they came from (a path, or a redacted URL).
public struct FetchedDocument: Sendable {
    public var origin: String
    public var bytes: [UInt8]

    public init(origin: String, bytes: [UInt8]) {
        self.origin = origin
        self.bytes = bytes
    }
}
