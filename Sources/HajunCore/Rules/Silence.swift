/// Mutes firing notices until it expires: of one rule or of all, and of the events (or group labels) it matches.
///
/// Resolved notices are never silenced: they close what an earlier notice opened.
public struct Silence: Sendable, Hashable {
    /// The rule it mutes; nil mutes every rule.
    public var rule: String?
    /// Which notices it mutes: matched against the notice's event, or its group labels when it has none.
    public var match: RuleMatch
    /// When it starts; nil means at once.
    public var startsAt: Timestamp?
    /// When it expires.
    public var endsAt: Timestamp
    /// Why (for people reading the config or the silences file).
    public var comment: String

    public init(
        rule: String? = nil, match: RuleMatch = RuleMatch(), startsAt: Timestamp? = nil, endsAt: Timestamp,
        comment: String = ""
    ) {
        self.rule = rule
        self.match = match
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.comment = comment
    }

    public func isActive(at now: Timestamp) -> Bool {
        now < endsAt && (startsAt.map { $0 <= now } ?? true)
    }

    /// Whether it mutes a firing notice of `rule` at `now`, for `event` or, without one, for `labels`.
    public func mutes(rule name: String, event: Event?, labels: [GroupLabel], at now: Timestamp) -> Bool {
        guard isActive(at: now), rule == nil || rule == name else { return false }
        if match.isEmpty { return true }
        if let event { return match.matches(event) }
        return match.matches(labels: labels)
    }
}
