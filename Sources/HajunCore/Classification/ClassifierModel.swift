/// A lexicon and a gazetteer compiled for matching: one term index over every word list, plus the tables the
/// classifier reads its decisions from. Built once per `Classifier`; a class so that each classification
/// borrows it with one reference count instead of copying its tables.
final class ClassifierModel: Sendable {
    let index: TermIndex
    /// Lexicon order; on equal scores the earlier category wins.
    let categories: [Category]
    let severities: [Severity]
    let escalations: [[SeverityEscalation]]
    /// The position of `other` in `categories`, if the lexicon has rules for it.
    let otherPosition: Int?
    let minimumScore: Double
    /// Explanations of term matches, as `lang:term` (negatives as `-lang:term`), then of equipment votes, as
    /// `equipment:id` (`equipmentLabel(_:)`).
    let labels: [String]
    /// Each label alone in a list: the explanation of most posts, shared instead of allocated per post.
    let singleLabels: [[String]]
    let places: [PlaceMention]
    /// Each place alone in a list, shared by the posts that name only it.
    let singlePlaces: [[PlaceMention]]
    /// For each place, the first entry with its id: places are told apart by id.
    let placeIdentity: [Int]
    let placeNeedsPreposition: [Bool]
    let equipmentIDs: [String]
    /// Each equipment id alone in a list.
    let singleEquipment: [[String]]
    /// Where the equipment labels start in `labels`.
    private let equipmentLabelStart: Int
    /// For each equipment type, the category it votes for (position in `categories`) and the weight.
    let equipmentVotes: [(category: Int, weight: Double)?]

    init(lexicon: Lexicon, gazetteer: Gazetteer) {
        var patterns: [TermIndex.Pattern] = []
        var labels: [String] = []
        // The languages of each spelling, as bits (1 << `InflectionEndings.setIndex`).
        var spellings: [[UInt8]: UInt8] = [:]
        var spellingOfPattern: [[UInt8]] = []

        func add(_ text: String, language: Language, endingSet: Int, payload: TermIndex.Payload) {
            let words = TermParser.words(of: text, endingSet: endingSet)
            guard !words.isEmpty else { return }
            let spelling = Array(words.map { $0.stems[0] }.joined(separator: [0x20]))
            spellings[spelling, default: 0] |= 1 << InflectionEndings.setIndex(for: language)
            spellingOfPattern.append(spelling)
            patterns.append(TermIndex.Pattern(words: words, payload: payload, language: language))
        }

        let categories = lexicon.categories.map(\.category)
        for (position, rules) in lexicon.categories.enumerated() {
            for (terms, sign) in [(rules.terms, 1.0), (rules.negativeTerms, -1.0)] {
                for term in terms {
                    labels.append((sign < 0 ? "-" : "") + term.language.rawValue + ":" + term.text)
                    let payload = TermIndex.Payload.term(
                        category: position, weight: sign * term.weight, label: labels.count - 1)
                    add(term.text, language: term.language, endingSet: Self.endingSet(term.language), payload: payload)
                }
            }
        }
        var equipmentVotes: [(category: Int, weight: Double)?] = []
        for (position, equipment) in lexicon.equipment.enumerated() {
            for alias in equipment.aliases {
                add(alias, language: .undetermined, endingSet: 4, payload: .equipment(position))
            }
            let vote = equipment.category.flatMap { categories.firstIndex(of: $0) }.map { ($0, equipment.weight) }
            equipmentVotes.append(vote)
        }
        for noun in lexicon.countNouns {
            add(noun.text, language: noun.language, endingSet: Self.endingSet(noun.language), payload: .countNoun)
        }
        for marker in lexicon.directionMarkers {
            add(
                marker.text, language: marker.language, endingSet: Self.endingSet(marker.language),
                payload: .directionMarker)
        }
        for word in lexicon.numberWords {
            add(
                word.text, language: word.language, endingSet: Self.endingSet(word.language),
                payload: .number(word.value))
        }
        for preposition in gazetteer.prepositions {
            // Prepositions are short function words: matched exactly whatever the text says.
            add("=" + preposition.text, language: preposition.language, endingSet: 0, payload: .preposition)
        }
        for (position, entry) in gazetteer.entries.enumerated() {
            for language in Language.allCases {
                for name in entry.names[language] ?? [] {
                    add(name, language: language, endingSet: Self.endingSet(language), payload: .place(position))
                }
            }
        }

        // A spelling shared by several languages ("гомель", "су-34") is no evidence of any one of them.
        for index in patterns.indices where spellings[spellingOfPattern[index]]?.nonzeroBitCount != 1 {
            patterns[index].language = nil
        }
        for index in patterns.indices where patterns[index].language == .undetermined {
            patterns[index].language = nil
        }

        self.index = TermIndex(patterns: patterns)
        self.categories = categories
        self.severities = lexicon.categories.map(\.severity)
        self.escalations = lexicon.categories.map(\.escalations)
        self.otherPosition = categories.firstIndex(of: .other)
        self.minimumScore = lexicon.minimumScore
        self.equipmentLabelStart = labels.count
        labels += lexicon.equipment.map { "equipment:" + $0.id }
        self.labels = labels
        self.singleLabels = labels.map { [$0] }
        self.places = gazetteer.entries.map(\.mention)
        self.singlePlaces = gazetteer.entries.map { [$0.mention] }
        var firstEntry: [String: Int] = [:]
        for (position, entry) in gazetteer.entries.enumerated() where firstEntry[entry.id] == nil {
            firstEntry[entry.id] = position
        }
        self.placeIdentity = gazetteer.entries.map { firstEntry[$0.id] ?? 0 }
        self.placeNeedsPreposition = gazetteer.entries.map(\.needsPreposition)
        self.equipmentIDs = lexicon.equipment.map(\.id)
        self.singleEquipment = lexicon.equipment.map { [$0.id] }
        self.equipmentVotes = equipmentVotes
    }

    /// The label of equipment type `type`'s vote.
    func equipmentLabel(_ type: Int) -> Int { equipmentLabelStart + type }

    /// Words of unknown language (equipment aliases) may take the endings of any language.
    static func endingSet(_ language: Language) -> Int {
        InflectionEndings.setIndex(for: language)
    }
}
