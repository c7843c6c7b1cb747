/// A dedup snapshot that cannot be read.
public struct DedupSnapshotError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
