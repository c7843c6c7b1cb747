/// What the classifier decided about one post, and why.
public struct Classification: Sendable, Hashable {
    public var category: Category
    public var severity: Severity
    public var language: Language
    /// The main place of the report (the first named place, else the direction), if any.
    public var location: PlaceMention?
    public var entities: Entities
    /// The winning category's score.
    public var score: Double
    /// The lexicon terms (or rules) that matched for the winning category, as `lang:term`.
    public var matchedTerms: [String]
    /// The second-best category and its score, if any other scored.
    public var runnerUp: Category?
    public var runnerUpScore: Double

    public init(
        category: Category,
        severity: Severity,
        language: Language,
        location: PlaceMention? = nil,
        entities: Entities = .empty,
        score: Double = 0,
        matchedTerms: [String] = [],
        runnerUp: Category? = nil,
        runnerUpScore: Double = 0
    ) {
        self.category = category
        self.severity = severity
        self.language = language
        self.location = location
        self.entities = entities
        self.score = score
        self.matchedTerms = matchedTerms
        self.runnerUp = runnerUp
        self.runnerUpScore = runnerUpScore
    }
}
