/// A rule's `RuleMatch` prepared once for the engine's loop over every event.
///
/// Category, severity and region (the conditions most rules have) are tested first from small arrays, without
/// hashing, and the match is held by reference, so a rule that does not apply to an event costs a few comparisons
/// and copies nothing.
final class CompiledMatch: Sendable {
    let match: RuleMatch
    /// Empty: any.
    private let categories: [Category]
    private let severities: [Severity]
    private let regions: [Region]

    init(_ match: RuleMatch) {
        self.match = match
        categories = Category.allCases.filter { match.categories.contains($0) }
        severities = Severity.allCases.filter { severity in match.minimumSeverity.map { severity >= $0 } ?? false }
        regions = Region.allCases.filter { match.regions.contains($0) }
    }

    func matches(_ event: Event, _ input: inout RuleInput) -> Bool {
        if !categories.isEmpty, !categories.contains(event.classification.category) { return false }
        if !severities.isEmpty, !severities.contains(event.classification.severity) { return false }
        if !regions.isEmpty {
            guard let region = event.classification.location?.region, regions.contains(region) else { return false }
        }
        return match.matchesBeyondClassification(event, &input)
    }
}
