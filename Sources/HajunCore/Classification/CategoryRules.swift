/// The lexicon's rules for one category: the terms that vote for it, the terms that vote against it,
/// its default severity and when that severity is raised.
public struct CategoryRules: Sendable, Hashable {
    public var category: Category
    /// The severity of an event of this category unless an escalation raises it.
    public var severity: Severity
    /// Terms that add their weight to the category's score (each distinct term counts once per post).
    public var terms: [LexiconTerm]
    /// Terms that subtract their weight from the category's score.
    public var negativeTerms: [LexiconTerm]
    public var escalations: [SeverityEscalation]

    public init(
        category: Category,
        severity: Severity,
        terms: [LexiconTerm] = [],
        negativeTerms: [LexiconTerm] = [],
        escalations: [SeverityEscalation] = []
    ) {
        self.category = category
        self.severity = severity
        self.terms = terms
        self.negativeTerms = negativeTerms
        self.escalations = escalations
    }
}
