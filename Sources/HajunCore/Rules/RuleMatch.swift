/// Which events a rule (or a silence) looks at. Every given condition must hold; an empty set means "any".
public struct RuleMatch: Sendable, Hashable {
    public var categories: Set<Category>
    /// The lowest severity that matches.
    public var minimumSeverity: Severity?
    public var regions: Set<Region>
    /// Gazetteer place ids or names (compared lowercased) of any place the post names, its direction included.
    public var places: Set<String>
    /// Canonical equipment ids (`su-34`, `iskander`) of which the post must name at least one.
    public var equipment: Set<String>
    /// A case-insensitive regular expression the post's text must contain a match of.
    public var text: TextPattern?
    public var feeds: Set<String>
    /// Channel usernames (without `@`) or numeric ids.
    public var chats: Set<String>
    public var statuses: Set<DedupStatus>

    public init(
        categories: Set<Category> = [],
        minimumSeverity: Severity? = nil,
        regions: Set<Region> = [],
        places: Set<String> = [],
        equipment: Set<String> = [],
        text: TextPattern? = nil,
        feeds: Set<String> = [],
        chats: Set<String> = [],
        statuses: Set<DedupStatus> = []
    ) {
        self.categories = categories
        self.minimumSeverity = minimumSeverity
        self.regions = regions
        self.places = Set(places.map { $0.lowercased() })
        self.equipment = Set(equipment.map { $0.lowercased() })
        self.text = text
        self.feeds = feeds
        self.chats = chats
        self.statuses = statuses
    }

    /// Whether no condition is given (everything matches).
    public var isEmpty: Bool {
        categories.isEmpty && minimumSeverity == nil && regions.isEmpty && places.isEmpty && equipment.isEmpty
            && text == nil && feeds.isEmpty && chats.isEmpty && statuses.isEmpty
    }

    public func matches(_ event: Event) -> Bool {
        var input = RuleInput()
        return matches(event, &input)
    }

    /// `matches(_:)`, sharing the post's folded text and place names with the other rules evaluated on the same
    /// event: they are made the first time a rule needs them, after its cheap conditions held.
    func matches(_ event: Event, _ input: inout RuleInput) -> Bool {
        if !categories.isEmpty, !categories.contains(event.classification.category) { return false }
        if let minimumSeverity, event.classification.severity < minimumSeverity { return false }
        if !regions.isEmpty {
            guard let region = event.classification.location?.region, regions.contains(region) else { return false }
        }
        return matchesBeyondClassification(event, &input)
    }

    /// The conditions other than category, severity and region (which `CompiledMatch` tests its own way).
    func matchesBeyondClassification(_ event: Event, _ input: inout RuleInput) -> Bool {
        if !feeds.isEmpty, !feeds.contains(event.report.feed) { return false }
        if !chats.isEmpty, !chats.contains(event.report.chat) { return false }
        if !statuses.isEmpty, !statuses.contains(event.dedup.status) { return false }
        if !equipment.isEmpty,
            !event.classification.entities.equipment.contains(where: { equipment.contains($0.lowercased()) })
        {
            return false
        }
        if !places.isEmpty, !input.placeKeys(event).contains(where: { places.contains($0) }) { return false }
        if let text {
            guard text.usesFoldedText else { return text.matchesRegex(event.report.text) }
            return text.matches(input.folded(event), text: event.report.text)
        }
        return true
    }

    /// Whether a notice without an event (flatline, resolved) matches, judged by its group labels alone.
    /// A condition the labels cannot answer does not hold.
    public func matches(labels: [GroupLabel]) -> Bool {
        func value(_ field: GroupField) -> String? { labels.first { $0.name == field.rawValue }?.value }
        if !categories.isEmpty {
            guard let value = value(.category), let category = Category(rawValue: value), categories.contains(category)
            else { return false }
        }
        if let minimumSeverity {
            guard let value = value(.severity), let severity = Severity(rawValue: value), severity >= minimumSeverity
            else { return false }
        }
        if !regions.isEmpty {
            guard let value = value(.region), let region = Region(rawValue: value), regions.contains(region) else {
                return false
            }
        }
        if !places.isEmpty {
            guard let value = value(.place), places.contains(value.lowercased()) else { return false }
        }
        if !feeds.isEmpty {
            guard let value = value(.feed), feeds.contains(value) else { return false }
        }
        if !chats.isEmpty {
            guard let value = value(.chat), chats.contains(value) else { return false }
        }
        return equipment.isEmpty && text == nil && statuses.isEmpty
    }
}
