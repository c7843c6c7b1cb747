/// What the rules look up in one event beyond its plain fields, made the first time a rule needs it and shared by
/// the rules after it: the folded text for text patterns, the lowercased place names for `place`.
///
/// It holds no copy of the event (each rule is given the event itself), so an event no rule looks into costs
/// nothing here.
struct RuleInput {
    private var foldedText: FoldedText?
    private var places: [String]?

    init() {}

    /// The post's text, lowercased once (`FoldedText`).
    mutating func folded(_ event: Event) -> FoldedText {
        if let foldedText { return foldedText }
        let made = FoldedText(event.report.text)
        foldedText = made
        return made
    }

    /// The lowercased ids and names of every place the post names: its location, its direction, the others.
    mutating func placeKeys(_ event: Event) -> [String] {
        if let places { return places }
        let classification = event.classification
        var mentions = classification.entities.places
        if let direction = classification.entities.direction { mentions.insert(direction, at: 0) }
        if let location = classification.location { mentions.insert(location, at: 0) }
        let made = mentions.flatMap { [$0.id.lowercased(), $0.name.lowercased()] }
        places = made
        return made
    }
}
