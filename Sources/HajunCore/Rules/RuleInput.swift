/// What the rules look up in one event beyond its plain fields, made the first time a rule needs it and shared by
/// the rules after it: the folded text for text patterns, the lowercased place names for `place`.
struct RuleInput {
    let event: Event
    private var foldedText: FoldedText?
    private var places: [String]?

    init(_ event: Event) {
        self.event = event
    }

    /// The post's text, lowercased once (`FoldedText`).
    mutating func folded() -> FoldedText {
        if let foldedText { return foldedText }
        let made = FoldedText(event.report.text)
        foldedText = made
        return made
    }

    /// The lowercased ids and names of every place the post names: its location, its direction, the others.
    mutating func placeKeys() -> [String] {
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
