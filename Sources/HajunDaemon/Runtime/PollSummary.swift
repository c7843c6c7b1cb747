/// What one poll did, for logs, tests and `--once` output.
public struct PollSummary: Sendable, Equatable {
    public var postsRead = 0
    public var eventsLogged = 0
    public var alertsDelivered = 0
    public var feedErrors = 0
    public var inputProblems = 0

    public init() {}

    public static func += (lhs: inout PollSummary, rhs: PollSummary) {
        lhs.postsRead += rhs.postsRead
        lhs.eventsLogged += rhs.eventsLogged
        lhs.alertsDelivered += rhs.alertsDelivered
        lhs.feedErrors += rhs.feedErrors
        lhs.inputProblems += rhs.inputProblems
    }
}
