import HajunCore

/// One thing that happened, which channels then report one or more times.
struct Incident: Sendable {
    var id: String
    var category: Category
    /// Where it was seen; nil for nationwide or unplaced incidents (the truth's region is then null).
    var place: Place?
    /// Where a convoy was heading.
    var destination: Place?
    var equipment: Equipment?
    var count: Int
    var time: Timestamp
    /// Picks the story for categories whose wordings tell different stories (see `ReportTemplates.isStory`).
    var story: Int = 0

    var region: Region? { place?.region }
}
