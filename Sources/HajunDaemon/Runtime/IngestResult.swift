import HajunCore

/// What ingesting one fetch did.
struct IngestResult: Sendable {
    var postsRead = 0
    var eventsLogged = 0
    var inputProblems = 0
    var alertsDelivered = 0
    /// Every post of the fetch was taken (no log failure stopped it), so the cursor moved on.
    var complete = true
    /// The Bot API returned updates: there may be more waiting.
    var moreAvailable = false
    /// The cursor the feed polls with next.
    var cursor = FeedCursor()
    /// The newest post time among the events logged, for the lag metric.
    var newestPostedAt: Timestamp?
}
