/// What the term index found in one normalized post, turned into category scores, entities and language
/// evidence. The classifier makes its decision from this.
///
/// Everything is worked out in the scratch buffers (`AnalysisScratch`), by index into the model's tables; the
/// classifier makes strings and arrays only for what the classification holds.
struct PostAnalysis {
    typealias Match = TermIndex.Match

    /// The working lists; the results are `scores` (per category, in the model's order), `hits` (in order of
    /// appearance), `places` (gazetteer entries), `equipment` (types) and `counts`.
    var buffers: AnalysisScratch.Buffers
    /// The gazetteer entry of the direction, if any.
    var direction: Int?
    var evidence = LanguageDetector.Evidence()
    /// The post's letters and function words, for language detection.
    var letters = LanguageWordTally()

    init(model: ClassifierModel, bytes: UnsafeBufferPointer<UInt8>, buffers: AnalysisScratch.Buffers) {
        self.buffers = buffers
        self.buffers.scores.reset(count: model.categories.count, to: 0)
        self.buffers.words.removeAll()
        WordSpan.split(bytes, into: &self.buffers.words)
        self.buffers.matches.removeAll()
        let words = UnsafeBufferPointer(self.buffers.words.elements)
        model.index.collect(
            in: bytes, words: words, memo: self.buffers.wordMemo, keys: &self.buffers.memoKeys,
            into: &self.buffers.matches, tally: &letters)
        interpret(model: model, bytes: bytes, words: words)
    }

    private mutating func interpret(
        model: ClassifierModel, bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>
    ) {
        buffers.termMatches.removeAll()
        buffers.equipmentCandidates.removeAll()
        buffers.placeCandidates.removeAll()
        buffers.countableWords.removeAll()
        buffers.countNounWords.removeAll()
        buffers.equipmentWords.removeAll()
        buffers.numberWords.removeAll()
        buffers.prepositionEnds.removeAll()
        buffers.directionEnds.removeAll()
        buffers.languagePatterns.removeAll()
        buffers.hits.removeAll()
        buffers.places.removeAll()
        buffers.equipment.removeAll()
        buffers.counts.removeAll()

        let matches = buffers.matches
        let meanings = model.index.meanings
        for index in 0..<matches.count {
            let match = matches[index]
            let meaning = meanings[Int(match.pattern)]
            if let language = meaning.language, !buffers.languagePatterns.contains(match.pattern) {
                buffers.languagePatterns.append(match.pattern)
                evidence.add(language)
            }
            switch meaning.kind {
            case .term:
                buffers.termMatches.append(
                    AnalysisScratch.TermMatch(
                        match: match, category: Int32(meaning.category), label: meaning.reference,
                        weight: meaning.weight))
            case .equipment:
                buffers.equipmentCandidates.append(match)
            case .place:
                buffers.placeCandidates.append(match)
            case .countNoun:
                buffers.countableWords.append(match.start)
                if match.length == 1 { buffers.countNounWords.append(match.start) }
            case .directionMarker:
                buffers.directionEnds.append(match.start + match.length)
            case .preposition:
                buffers.prepositionEnds.append(match.start + match.length)
            case .number:
                buffers.numberWords.append(AnalysisScratch.NumberAt(word: match.start, value: meaning.value))
            }
        }
        score(model: model, wordCount: words.count)
        TermIndex.longestFirst(buffers.equipmentCandidates, into: &buffers.longest)
        for index in 0..<buffers.longest.count {
            let match = buffers.longest[index]
            let meaning = meanings[Int(match.pattern)]
            guard meaning.kind == .equipment else { continue }
            let type = Int(meaning.reference)
            buffers.countableWords.append(match.start)
            for word in match.start..<(match.start + match.length) { buffers.equipmentWords.append(word) }
            guard !buffers.equipment.contains(Int32(type)) else { continue }
            buffers.equipment.append(Int32(type))
            if let vote = model.equipmentVotes[type] {
                buffers.scores[vote.category] += vote.weight
                buffers.hits.append(
                    AnalysisScratch.Hit(category: Int32(vote.category), label: Int32(model.equipmentLabel(type))))
            }
        }
        choosePlaces(model: model)
        findCounts(bytes: bytes, words: words)
    }

    /// Adds term weights to category scores so that each word counts at most once per category: longer and
    /// heavier terms first, so "военная техника" counts as itself and not again as "военн*" and "техника", and
    /// a word that several languages spell alike ("релейн*" in ru and uk) counts once. Negative terms always
    /// subtract, once each.
    private mutating func score(model: ClassifierModel, wordCount: Int) {
        guard !buffers.termMatches.isEmpty else { return }
        // Longest first, then heaviest, then by position; a stable insertion sort, as the lists are short.
        let ordered = buffers.termMatches.elements
        for index in 1..<ordered.count {
            let term = ordered[index]
            var slot = index
            while slot > 0 && PostAnalysis.precedes(term, ordered[slot - 1]) {
                ordered[slot] = ordered[slot - 1]
                slot -= 1
            }
            ordered[slot] = term
        }
        let stride = (wordCount + 63) / 64
        buffers.covered.reset(count: stride * model.categories.count, to: 0)
        buffers.seenLabels.removeAll()
        buffers.counted.removeAll()
        let covered = buffers.covered
        for term in ordered where !buffers.seenLabels.contains(term.label) {
            let words = Int(term.match.start)..<Int(term.match.start + term.match.length)
            let base = Int(term.category) * stride
            if term.weight > 0 {
                guard !words.contains(where: { covered[base + $0 / 64] & (1 << UInt64($0 % 64)) != 0 }) else {
                    continue
                }
                for word in words { covered[base + word / 64] |= 1 << UInt64(word % 64) }
            }
            buffers.seenLabels.append(term.label)
            buffers.scores[Int(term.category)] += term.weight
            buffers.counted.append(
                AnalysisScratch.Counted(start: term.match.start, category: term.category, label: term.label))
        }
        // In order of appearance (stable, so terms starting at the same word keep the order they counted in).
        let counted = buffers.counted.elements
        for index in 1..<max(counted.count, 1) {
            let term = counted[index]
            var slot = index
            while slot > 0 && term.start < counted[slot - 1].start {
                counted[slot] = counted[slot - 1]
                slot -= 1
            }
            counted[slot] = term
        }
        for term in counted {
            buffers.hits.append(AnalysisScratch.Hit(category: term.category, label: term.label))
        }
    }

    /// The order `score` counts terms in: longer, then heavier, then earlier.
    @inline(__always)
    private static func precedes(_ left: AnalysisScratch.TermMatch, _ right: AnalysisScratch.TermMatch) -> Bool {
        if left.match.length != right.match.length { return left.match.length > right.match.length }
        if left.weight != right.weight { return left.weight > right.weight }
        return left.match.start < right.match.start
    }

    /// Keeps the longest place at each position, skipping common-word names without a preposition; the first
    /// place right after a direction marker is the direction.
    private mutating func choosePlaces(model: ClassifierModel) {
        buffers.chosen.removeAll()
        TermIndex.longestFirst(buffers.placeCandidates, into: &buffers.longest)
        for index in 0..<buffers.longest.count {
            let match = buffers.longest[index]
            let meaning = model.index.meanings[Int(match.pattern)]
            guard meaning.kind == .place else { continue }
            let entry = Int(meaning.reference)
            if model.placeNeedsPreposition[entry]
                && !buffers.prepositionEnds.contains(match.start) && !buffers.directionEnds.contains(match.start)
            {
                continue
            }
            buffers.chosen.append(AnalysisScratch.PlaceAt(start: match.start, entry: Int32(entry)))
            // Places are told apart by id: the first entry with an id stands for all of them.
            let identity = model.placeIdentity[entry]
            if !buffers.places.contains({ model.placeIdentity[Int($0)] == identity }) {
                buffers.places.append(Int32(entry))
            }
        }
        for index in 0..<buffers.directionEnds.count {
            let end = buffers.directionEnds[index]
            let chosen = buffers.chosen
            var found = 0
            while found < chosen.count && !(chosen[found].start >= end && chosen[found].start <= end + 2) {
                found += 1
            }
            if found < chosen.count {
                direction = Int(chosen[found].entry)
                break
            }
        }
    }

    /// A number (digits or a number word) followed by a count noun or equipment, directly or after one word
    /// ("27 единиц", "3 Су-34", "20 военных грузовиков"), or right after a count noun, the Russian way of saying
    /// "about" ("штук 8", "человек 200").
    private mutating func findCounts(bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>) {
        guard !buffers.countableWords.isEmpty else { return }
        let countableWords = buffers.countableWords
        let countNounWords = buffers.countNounWords
        let numberWords = buffers.numberWords
        for word in 0..<words.count {
            let position = Int32(word)
            guard !buffers.equipmentWords.contains(position) else { continue }
            guard let value = words[word].number(in: bytes) ?? PostAnalysis.numberWord(at: position, numberWords),
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
                && PostAnalysis.numberWord(at: position + 1, numberWords) == nil
            {
                countable = countableWords.contains(position + 2)
            }
            if countable && !buffers.counts.contains(value) { buffers.counts.append(value) }
        }
    }

    /// The value of the first number word at word `position`, if any.
    private static func numberWord(
        at position: Int32, _ numberWords: ScratchBuffer<AnalysisScratch.NumberAt>
    ) -> Int? {
        for index in 0..<numberWords.count where numberWords[index].word == position {
            return numberWords[index].value
        }
        return nil
    }
}
