import Synchronization

/// Assigns a category, severity, language, place and entities to a post, and says why.
///
/// Every category's score is the sum of the weights of its distinct lexicon terms found in the post (minus its
/// negative terms), plus the votes of named equipment. The best category wins if it reaches the lexicon's
/// minimum score; otherwise the post is `other`. Severity is the category's default, raised by the lexicon's
/// escalations (large counts, certain equipment). See `docs/classification.md`.
public final class Classifier: Sendable {
    private let model: ClassifierModel
    /// Working memory lent to one classification at a time; a call that finds it lent out makes its own.
    private let spareScratch = Mutex<AnalysisScratch?>(nil)

    /// Compiles `lexicon` and `gazetteer` for matching; build once and reuse, classification is thread-safe.
    public init(lexicon: Lexicon, gazetteer: Gazetteer) {
        model = ClassifierModel(lexicon: lexicon, gazetteer: gazetteer)
    }

    /// Classifies one post. `normalized` is what is matched; `text` is the post as written.
    public func classify(text: String, normalized: NormalizedText) -> Classification {
        let scratch = spareScratch.withLock { $0.take() } ?? AnalysisScratch()
        defer { spareScratch.withLock { $0 = scratch } }
        return normalized.bytes.withUnsafeBufferPointer { bytes in
            let analysis = PostAnalysis(model: model, bytes: bytes, buffers: scratch.buffers)
            scratch.buffers = analysis.buffers
            let language =
                analysis.letters.isExact
                ? LanguageDetector.detect(analysis.letters, evidence: analysis.evidence)
                : LanguageDetector.detect(bytes, evidence: analysis.evidence)
            return decide(analysis, language: language, scratch: scratch)
        }
    }

    private func decide(_ analysis: PostAnalysis, language: Language, scratch: AnalysisScratch) -> Classification {
        let buffers = analysis.buffers
        let scores = buffers.scores
        var winner: Int?
        for position in 0..<scores.count where scores[position] >= model.minimumScore {
            if winner.map({ scores[position] > scores[$0] }) ?? true { winner = position }
        }
        if winner == nil { winner = model.otherPosition }
        var runnerUp: Int?
        for position in 0..<scores.count where position != winner && scores[position] > 0 {
            if runnerUp.map({ scores[position] > scores[$0] }) ?? true { runnerUp = position }
        }

        let places = makeArray(
            buffers.places, scratch.repeatedPlaces, single: model.singlePlaces, all: model.places)
        let equipment = makeArray(
            buffers.equipment, scratch.repeatedEquipment, single: model.singleEquipment, all: model.equipmentIDs)
        let direction = analysis.direction.map { model.places[$0] }
        let location = places.first { $0.kind != .region } ?? places.first ?? direction
        // Made once, at the end: a classification built early and changed would be copied on the way out.
        var category = Category.other
        var severity = Severity.info
        var score = 0.0
        var matchedTerms: [String] = []
        if let winner {
            category = model.categories[winner]
            score = scores[winner]
            matchedTerms = self.matchedTerms(buffers.hits, category: winner, scratch.repeatedTerms)
            severity = model.severities[winner]
            var maximumCount: Int?
            for index in 0..<buffers.counts.count where maximumCount.map({ buffers.counts[index] > $0 }) ?? true {
                maximumCount = buffers.counts[index]
            }
            for escalation in model.escalations[winner]
            where escalation.severity > severity
                && escalation.applies(maximumCount: maximumCount, equipment: equipment)
            {
                severity = escalation.severity
            }
        }
        return Classification(
            category: category, severity: severity, language: language, location: location,
            entities: Entities(
                places: places, equipment: equipment, counts: makeCounts(buffers.counts, scratch.repeatedCounts),
                direction: direction),
            score: score, matchedTerms: matchedTerms, runnerUp: runnerUp.map { model.categories[$0] },
            runnerUpScore: runnerUp.map { scores[$0] } ?? 0)
    }

    /// The elements `entries` name (numbers into `all`), as an array shared with the posts that name the same:
    /// one element from the model's prepared one-element arrays, more from `repeated`'s cache.
    private func makeArray<Element>(
        _ entries: ScratchBuffer<Int32>, _ repeated: RepeatedArrays<Element>, single: [[Element]], all: [Element]
    ) -> [Element] {
        if entries.count <= 1 { return entries.isEmpty ? [] : single[Int(entries[0])] }
        var key = RepeatedArrays<Element>.Key()
        for index in 0..<entries.count { key.add(Int(entries[index])) }
        return repeated.array(for: key) {
            var elements: [Element] = []
            elements.reserveCapacity(entries.count)
            for index in 0..<entries.count { elements.append(all[Int(entries[index])]) }
            return elements
        }
    }

    private func makeCounts(_ counts: ScratchBuffer<Int>, _ repeated: RepeatedArrays<Int>) -> [Int] {
        if counts.isEmpty { return [] }
        var key = RepeatedArrays<Int>.Key()
        for index in 0..<counts.count { key.add(counts[index]) }
        return repeated.array(for: key) { Array(counts.elements) }
    }

    /// The labels of the hits for `category`, in order.
    private func matchedTerms(
        _ hits: ScratchBuffer<AnalysisScratch.Hit>, category: Int, _ repeated: RepeatedArrays<String>
    ) -> [String] {
        var count = 0
        var only = 0
        var key = RepeatedArrays<String>.Key()
        for index in 0..<hits.count where hits[index].category == category {
            count += 1
            only = Int(hits[index].label)
            key.add(only)
        }
        if count <= 1 { return count == 0 ? [] : model.singleLabels[only] }
        return repeated.array(for: key) {
            var terms: [String] = []
            terms.reserveCapacity(count)
            for index in 0..<hits.count where hits[index].category == category {
                terms.append(model.labels[Int(hits[index].label)])
            }
            return terms
        }
    }
}
