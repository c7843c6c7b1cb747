/// What the term index found in one normalized post, turned into category scores, entities and language
/// evidence. The classifier makes its decision from this.
struct PostAnalysis {
    /// Score per category, in the model's category order.
    var scores: [Double]
    /// Matched term labels with the category they voted for, in order of appearance.
    var hits: [(category: Int, label: String)] = []
    var places: [PlaceMention] = []
    var equipment: [String] = []
    var counts: [Int] = []
    var direction: PlaceMention?
    var evidence = LanguageDetector.Evidence()

    init(model: ClassifierModel, bytes: UnsafeBufferPointer<UInt8>) {
        scores = [Double](repeating: 0, count: model.categories.count)
        var words: [WordSpan] = []
        words.reserveCapacity(bytes.count / 4 + 1)
        WordSpan.split(bytes, into: &words)
        var matches: [TermIndex.Match] = []
        matches.reserveCapacity(32)
        words.withUnsafeBufferPointer { words in
            model.index.collect(in: bytes, words: words, into: &matches)
            interpret(matches, model: model, bytes: bytes, words: words)
        }
    }

    private mutating func interpret(
        _ matches: [TermIndex.Match], model: ClassifierModel, bytes: UnsafeBufferPointer<UInt8>,
        words: UnsafeBufferPointer<WordSpan>
    ) {
        var termMatches: [(match: TermIndex.Match, category: Int, weight: Double, label: Int)] = []
        var seenEquipment: [Int] = []
        var countableWords: [Int32] = []
        var countNounWords: [Int32] = []
        var equipmentWords: [Int32] = []
        var numberWords: [(word: Int32, value: Int)] = []
        var prepositionEnds: [Int32] = []
        var directionEnds: [Int32] = []
        var placeCandidates: [TermIndex.Match] = []
        var equipmentCandidates: [TermIndex.Match] = []
        var languagePatterns: [Int32] = []

        for match in matches {
            if let language = model.index.languages[Int(match.pattern)], !languagePatterns.contains(match.pattern) {
                languagePatterns.append(match.pattern)
                evidence.add(language)
            }
            switch model.index.payloads[Int(match.pattern)] {
            case let .term(category, weight, label):
                termMatches.append((match, category, weight, label))
            case .equipment:
                equipmentCandidates.append(match)
            case .place:
                placeCandidates.append(match)
            case .countNoun:
                countableWords.append(match.start)
                if match.length == 1 { countNounWords.append(match.start) }
            case .directionMarker:
                directionEnds.append(match.start + match.length)
            case .preposition:
                prepositionEnds.append(match.start + match.length)
            case let .number(value):
                numberWords.append((match.start, value))
            }
        }
        score(termMatches, model: model, wordCount: words.count)
        for match in TermIndex.longestFirst(equipmentCandidates) {
            guard case let .equipment(type) = model.index.payloads[Int(match.pattern)] else { continue }
            countableWords.append(match.start)
            for word in match.start..<(match.start + match.length) { equipmentWords.append(word) }
            guard !seenEquipment.contains(type) else { continue }
            seenEquipment.append(type)
            equipment.append(model.equipmentIDs[type])
            if let vote = model.equipmentVotes[type] {
                scores[vote.category] += vote.weight
                hits.append((vote.category, "equipment:" + model.equipmentIDs[type]))
            }
        }
        choosePlaces(placeCandidates, model: model, prepositionEnds: prepositionEnds, directionEnds: directionEnds)
        findCounts(
            bytes: bytes, words: words, countableWords: countableWords, countNounWords: countNounWords,
            equipmentWords: equipmentWords, numberWords: numberWords)
    }

    /// Adds term weights to category scores so that each word counts at most once per category: longer and
    /// heavier terms first, so "военная техника" counts as itself and not again as "военн*" and "техника", and
    /// a word that several languages spell alike ("релейн*" in ru and uk) counts once. Negative terms always
    /// subtract, once each.
    private mutating func score(
        _ termMatches: [(match: TermIndex.Match, category: Int, weight: Double, label: Int)], model: ClassifierModel,
        wordCount: Int
    ) {
        guard !termMatches.isEmpty else { return }
        let ordered = termMatches.sorted {
            if $0.match.length != $1.match.length { return $0.match.length > $1.match.length }
            if $0.weight != $1.weight { return $0.weight > $1.weight }
            return $0.match.start < $1.match.start
        }
        let stride = (wordCount + 63) / 64
        var covered = [UInt64](repeating: 0, count: stride * model.categories.count)
        var seenLabels: [Int] = []
        var counted: [(start: Int32, category: Int, label: Int)] = []
        for term in ordered where !seenLabels.contains(term.label) {
            let words = Int(term.match.start)..<Int(term.match.start + term.match.length)
            let base = term.category * stride
            if term.weight > 0 {
                guard !words.contains(where: { covered[base + $0 / 64] & (1 << UInt64($0 % 64)) != 0 }) else {
                    continue
                }
                for word in words { covered[base + word / 64] |= 1 << UInt64(word % 64) }
            }
            seenLabels.append(term.label)
            scores[term.category] += term.weight
            counted.append((term.match.start, term.category, term.label))
        }
        for term in counted.sorted(by: { $0.start < $1.start }) {
            hits.append((term.category, model.labels[term.label]))
        }
    }

    /// Keeps the longest place at each position, skipping common-word names without a preposition; the first
    /// place right after a direction marker is the direction.
    private mutating func choosePlaces(
        _ candidates: [TermIndex.Match], model: ClassifierModel, prepositionEnds: [Int32], directionEnds: [Int32]
    ) {
        var chosen: [(start: Int32, place: Int)] = []
        for match in TermIndex.longestFirst(candidates) {
            guard case let .place(entry) = model.index.payloads[Int(match.pattern)] else { continue }
            if model.placeNeedsPreposition[entry]
                && !prepositionEnds.contains(match.start) && !directionEnds.contains(match.start)
            {
                continue
            }
            chosen.append((match.start, entry))
            if !places.contains(where: { $0.id == model.places[entry].id }) { places.append(model.places[entry]) }
        }
        for end in directionEnds {
            if let target = chosen.first(where: { $0.start >= end && $0.start <= end + 2 }) {
                direction = model.places[target.place]
                break
            }
        }
    }

    /// A number (digits or a number word) followed by a count noun or equipment, directly or after one word
    /// ("27 единиц", "3 Су-34", "20 военных грузовиков"), or right after a count noun, the Russian way of saying
    /// "about" ("штук 8", "человек 200").
    private mutating func findCounts(
        bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, countableWords: [Int32],
        countNounWords: [Int32], equipmentWords: [Int32], numberWords: [(word: Int32, value: Int)]
    ) {
        guard !countableWords.isEmpty else { return }
        for word in 0..<words.count {
            let position = Int32(word)
            guard !equipmentWords.contains(position) else { continue }
            guard
                let value = words[word].number(in: bytes)
                    ?? numberWords.first(where: { $0.word == position })?.value,
                value > 0 && value <= 10_000
            else { continue }
            // The minutes of a time of day ("16:32 Пуски ракет", normalized to "16 32 пуски …") count nothing.
            if word > 0 && words[word].end - words[word].start == 2 && value <= 59,
                words[word - 1].end - words[word - 1].start <= 2, let hour = words[word - 1].number(in: bytes),
                hour <= 23
            {
                continue
            }
            var countable = countableWords.contains(position + 1) || countNounWords.contains(position - 1)
            if !countable && word + 2 < words.count && words[word + 1].number(in: bytes) == nil
                && !numberWords.contains(where: { $0.word == position + 1 })
            {
                countable = countableWords.contains(position + 2)
            }
            if countable && !counts.contains(value) { counts.append(value) }
        }
    }
}
