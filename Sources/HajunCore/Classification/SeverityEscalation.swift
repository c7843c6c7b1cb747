/// Raises an event's severity when the post states a large count or names certain equipment.
///
/// The escalation applies when either condition holds: the largest stated count is at least `minimumCount`,
/// or one of `equipment` (canonical ids) is named.
public struct SeverityEscalation: Sendable, Hashable {
    public var severity: Severity
    public var minimumCount: Int?
    public var equipment: [String]

    public init(severity: Severity, minimumCount: Int? = nil, equipment: [String] = []) {
        self.severity = severity
        self.minimumCount = minimumCount
        self.equipment = equipment
    }

    func applies(maximumCount: Int?, equipment named: [String]) -> Bool {
        if let minimumCount, let maximumCount, maximumCount >= minimumCount { return true }
        return equipment.contains { named.contains($0) }
    }
}
