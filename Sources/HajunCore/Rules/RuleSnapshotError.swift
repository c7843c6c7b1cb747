/// A rule-engine snapshot that cannot be read.
public struct RuleSnapshotError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "rule state: \(message)" }
}
