/// Evaluates alert rules against each event as it is logged.
public final class RuleEngine {
    public let rules: [AlertRule]
    /// Incidents each rule has fired for, so that duplicates of an incident don't fire again.
    private var firedIncidents: [String: Set<UInt64>] = [:]

    public init(rules: [AlertRule]) {
        self.rules = rules
    }

    /// The rules that fire for `event`.
    public func evaluate(_ event: Event) -> [AlertRule] {
        var fired: [AlertRule] = []
        let incident = (event.dedup.of ?? event.id).rawValue
        for rule in rules where rule.match.matches(event) {
            switch rule.kind {
            case .any:
                if firedIncidents[rule.name, default: []].insert(incident).inserted { fired.append(rule) }
            }
        }
        return fired
    }
}
