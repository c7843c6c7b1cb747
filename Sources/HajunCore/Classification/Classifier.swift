/// Assigns a category, severity, language, place and entities to a post, and says why.
///
/// Every category's score is the sum of the weights of its distinct lexicon terms found in the post (minus its
/// negative terms), plus the votes of named equipment. The best category wins if it reaches the lexicon's
/// minimum score; otherwise the post is `other`. Severity is the category's default, raised by the lexicon's
/// escalations (large counts, certain equipment). See `docs/classification.md`.
public final class Classifier: Sendable {
    private let model: ClassifierModel

    /// Compiles `lexicon` and `gazetteer` for matching; build once and reuse, classification is thread-safe.
    public init(lexicon: Lexicon, gazetteer: Gazetteer) {
        model = ClassifierModel(lexicon: lexicon, gazetteer: gazetteer)
    }

    /// Classifies one post. `normalized` is what is matched; `text` is the post as written.
    public func classify(text: String, normalized: NormalizedText) -> Classification {
        normalized.bytes.withUnsafeBufferPointer { bytes in
            let analysis = PostAnalysis(model: model, bytes: bytes)
            let language = LanguageDetector.detect(bytes, evidence: analysis.evidence)
            return decide(analysis, language: language)
        }
    }

    private func decide(_ analysis: PostAnalysis, language: Language) -> Classification {
        let scores = analysis.scores
        var winner: Int?
        for position in scores.indices where scores[position] >= model.minimumScore {
            if winner.map({ scores[position] > scores[$0] }) ?? true { winner = position }
        }
        if winner == nil { winner = model.otherPosition }
        var runnerUp: Int?
        for position in scores.indices where position != winner && scores[position] > 0 {
            if runnerUp.map({ scores[position] > scores[$0] }) ?? true { runnerUp = position }
        }

        let entities = Entities(
            places: analysis.places, equipment: analysis.equipment, counts: analysis.counts,
            direction: analysis.direction)
        let location = analysis.places.first { $0.kind != .region } ?? analysis.places.first ?? analysis.direction
        var classification = Classification(
            category: .other, severity: .info, language: language, location: location, entities: entities,
            runnerUp: runnerUp.map { model.categories[$0] }, runnerUpScore: runnerUp.map { scores[$0] } ?? 0)
        guard let winner else { return classification }

        classification.category = model.categories[winner]
        classification.score = scores[winner]
        classification.matchedTerms = analysis.hits.filter { $0.category == winner }.map(\.label)
        var severity = model.severities[winner]
        let maximumCount = analysis.counts.max()
        for escalation in model.escalations[winner]
        where escalation.severity > severity
            && escalation.applies(maximumCount: maximumCount, equipment: analysis.equipment)
        {
            severity = escalation.severity
        }
        classification.severity = severity
        return classification
    }
}
