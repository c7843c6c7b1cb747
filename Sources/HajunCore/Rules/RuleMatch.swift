/// Which events a rule looks at. Every given condition must hold; an empty list means "any".
public struct RuleMatch: Sendable, Hashable {
    public var categories: Set<Category>
    /// The lowest severity that matches.
    public var minimumSeverity: Severity?
    public var regions: Set<Region>
    public var feeds: Set<String>
    public var statuses: Set<DedupStatus>

    public init(
        categories: Set<Category> = [],
        minimumSeverity: Severity? = nil,
        regions: Set<Region> = [],
        feeds: Set<String> = [],
        statuses: Set<DedupStatus> = []
    ) {
        self.categories = categories
        self.minimumSeverity = minimumSeverity
        self.regions = regions
        self.feeds = feeds
        self.statuses = statuses
    }

    public func matches(_ event: Event) -> Bool {
        if !categories.isEmpty, !categories.contains(event.classification.category) { return false }
        if let minimumSeverity, event.classification.severity < minimumSeverity { return false }
        if !regions.isEmpty {
            guard let region = event.classification.location?.region, regions.contains(region) else { return false }
        }
        if !feeds.isEmpty, !feeds.contains(event.report.feed) { return false }
        if !statuses.isEmpty, !statuses.contains(event.dedup.status) { return false }
        return true
    }
}
