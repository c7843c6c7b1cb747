/// One alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts` with a list of these).
struct AlertmanagerAlert: Codable, Sendable, Hashable {
    var labels: [String: String]
    var annotations: [String: String]
    var startsAt: String
    /// Absent while a stateful alert is active: filled in at each send, a few re-send intervals ahead, so that
    /// Alertmanager resolves the alert by itself if hajund stops sending.
    var endsAt: String?
    var generatorURL: String?
}
