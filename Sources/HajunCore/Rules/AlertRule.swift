/// A named alert rule: what to match, how to decide, and where to send.
public struct AlertRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Every matching incident, once: duplicates of an incident that already fired don't fire again.
        case any
    }

    public var name: String
    public var kind: Kind
    public var match: RuleMatch
    /// The receiver's name.
    public var receiver: String

    public init(name: String, kind: Kind = .any, match: RuleMatch = RuleMatch(), receiver: String) {
        self.name = name
        self.kind = kind
        self.match = match
        self.receiver = receiver
    }
}
