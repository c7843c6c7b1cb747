import HajunCore

/// An incident whose reports are not all posted yet.
struct ActiveIncident {
    /// The first report as posted, which forwards, reposts and edits copy.
    struct Original {
        var post: SimulatedPost
        var body: String
        var decoration: PostDecoration
        var template: String
    }

    var incident: Incident
    /// The language of the first report.
    var language: Language
    /// Reports still to be posted.
    var pending: Int
    var original: Original?
}
