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
        words.withUnsafeBufferPointer { words in
            for word in 0..<words.count {
                model.index.collect(in: bytes, words: words, at: word, into: &matches)
            }
            interpret(matches, model: model, bytes: bytes, words: words)
        }
    }

    private mutating func interpret(
        _ matches: [TermIndex.Match], model: ClassifierModel, bytes: UnsafeBufferPointer<UInt8>,
        words: UnsafeBufferPointer<WordSpan>
    ) {
        var seenLabels: [Int] = []
        var seenEquipment: [Int] = []
        var countableWords: [Int32] = []
        var equipmentWords: [Int32] = []
        var numberWords: [(word: Int32, value: Int)] = []
        var prepositionEnds: [Int32] = []
        var directionEnds: [Int32] = []
        var placeCandidates: [TermIndex.Match] = []
        var languagePatterns: [Int32] = []

        for match in matches {
            let pattern = model.index.patterns[Int(match.pattern)]
            if let language = pattern.language, !languagePatterns.contains(match.pattern) {
                languagePatterns.append(match.pattern)
                evidence.add(language)
            }
            switch pattern.payload {
            case let .term(category, weight, label):
                guard !seenLabels.contains(label) else { continue }
                seenLabels.append(label)
                scores[category] += weight
                hits.append((category, model.labels[label]))
            case let .equipment(type):
                countableWords.append(match.start)
                for word in match.start..<(match.start + match.length) { equipmentWords.append(word) }
                guard !seenEquipment.contains(type) else { continue }
                seenEquipment.append(type)
                equipment.append(model.equipmentIDs[type])
                if let vote = model.equipmentVotes[type] {
                    scores[vote.category] += vote.weight
                    hits.append((vote.category, "equipment:" + model.equipmentIDs[type]))
                }
            case .place:
                placeCandidates.append(match)
            case .countNoun:
                countableWords.append(match.start)
            case .directionMarker:
                directionEnds.append(match.start + match.length)
            case .preposition:
                prepositionEnds.append(match.start + match.length)
            case let .number(value):
                numberWords.append((match.start, value))
            }
        }
        choosePlaces(placeCandidates, model: model, prepositionEnds: prepositionEnds, directionEnds: directionEnds)
        findCounts(
            bytes: bytes, words: words, countableWords: countableWords, equipmentWords: equipmentWords,
            numberWords: numberWords)
    }

    /// Keeps the longest place at each position, skipping places inside an earlier one and common-word names
    /// without a preposition; the first place right after a direction marker is the direction.
    private mutating func choosePlaces(
        _ candidates: [TermIndex.Match], model: ClassifierModel, prepositionEnds: [Int32], directionEnds: [Int32]
    ) {
        var coveredUntil: Int32 = 0
        var chosen: [(start: Int32, place: Int)] = []
        var index = 0
        while index < candidates.count {
            var best = candidates[index]
            var next = index + 1
            while next < candidates.count && candidates[next].start == best.start {
                if candidates[next].length > best.length { best = candidates[next] }
                next += 1
            }
            index = next
            guard best.start >= coveredUntil else { continue }
            guard case let .place(entry) = model.index.patterns[Int(best.pattern)].payload else { continue }
            if model.placeNeedsPreposition[entry]
                && !prepositionEnds.contains(best.start) && !directionEnds.contains(best.start)
            {
                continue
            }
            coveredUntil = best.start + best.length
            chosen.append((best.start, entry))
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
    /// ("27 единиц", "3 Су-34", "20 военных грузовиков").
    private mutating func findCounts(
        bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, countableWords: [Int32],
        equipmentWords: [Int32], numberWords: [(word: Int32, value: Int)]
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
            var countable = countableWords.contains(position + 1)
            if !countable && word + 2 < words.count && words[word + 1].number(in: bytes) == nil
                && !numberWords.contains(where: { $0.word == position + 1 })
            {
                countable = countableWords.contains(position + 2)
            }
            if countable && !counts.contains(value) { counts.append(value) }
        }
    }
}
