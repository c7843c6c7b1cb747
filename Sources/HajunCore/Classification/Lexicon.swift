/// Everything the classifier knows about words: the category rules, equipment, and the small word lists
/// used for entity extraction. Built by code in the core; the daemon loads it from `config/lexicon.yaml`.
public struct Lexicon: Sendable, Hashable {
    /// One entry per category, in priority order: on equal scores the earlier category wins.
    public var categories: [CategoryRules]
    public var equipment: [EquipmentType]
    /// Nouns a count can apply to ("единиц", "машин", "units", "vehicles"): "27 единиц" gives the count 27.
    public var countNouns: [LexiconTerm]
    /// Phrases that introduce a direction ("в сторону", "towards", "у бок"): the place after them is the direction.
    public var directionMarkers: [LexiconTerm]
    public var numberWords: [NumberWord]
    /// A category wins only with at least this score; otherwise the post is `other`.
    public var minimumScore: Double

    public init(
        categories: [CategoryRules],
        equipment: [EquipmentType] = [],
        countNouns: [LexiconTerm] = [],
        directionMarkers: [LexiconTerm] = [],
        numberWords: [NumberWord] = [],
        minimumScore: Double = 1
    ) {
        self.categories = categories
        self.equipment = equipment
        self.countNouns = countNouns
        self.directionMarkers = directionMarkers
        self.numberWords = numberWords
        self.minimumScore = minimumScore
    }

    /// The rules for `category`, if the lexicon has any.
    public func rules(for category: Category) -> CategoryRules? {
        categories.first { $0.category == category }
    }
}
