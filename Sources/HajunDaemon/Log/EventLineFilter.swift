import HajunCore

/// Which events `hajund tail` shows: by category, minimum severity, region and time.
public struct EventLineFilter: Sendable, Equatable {
    /// Allowed categories; empty allows all.
    public var categories: Set<String>
    /// Events of this severity or higher.
    public var minimumSeverity: Severity?
    /// Allowed regions of the event's location; empty allows all (an event without a location then passes).
    public var regions: Set<String>
    /// Events received at or after this time.
    public var since: Timestamp?

    public init(
        categories: Set<String> = [], minimumSeverity: Severity? = nil, regions: Set<String> = [],
        since: Timestamp? = nil
    ) {
        self.categories = categories
        self.minimumSeverity = minimumSeverity
        self.regions = regions
        self.since = since
    }

    /// Whether every event passes, so lines need not be decoded.
    public var isEmpty: Bool {
        categories.isEmpty && minimumSeverity == nil && regions.isEmpty && since == nil
    }

    public func matches(_ event: EventLineSummary) -> Bool {
        if !categories.isEmpty, !categories.contains(event.category ?? "") { return false }
        if let minimumSeverity {
            guard let severity = event.severity.flatMap(Severity.init(rawValue:)), severity >= minimumSeverity else {
                return false
            }
        }
        if !regions.isEmpty, !regions.contains(event.region ?? "") { return false }
        if let since {
            guard let time = event.time, time >= since else { return false }
        }
        return true
    }
}
