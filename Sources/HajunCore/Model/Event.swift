/// One line of hajund's log: a report with every judgement made about it (event schema v1, `docs/events.md`).
public struct Event: Sendable, Hashable {
    public static let schemaVersion = 1

    public var id: EventID
    /// Increasing by one in each log, across files and restarts.
    public var seq: Int64
    public var report: Report
    public var receivedAt: Timestamp
    public var classification: Classification
    public var dedup: DedupVerdict
    public var fingerprint: Fingerprint
    /// Names of the alert rules that fired for this event.
    public var alerts: [String]

    public init(
        id: EventID,
        seq: Int64,
        report: Report,
        receivedAt: Timestamp,
        classification: Classification,
        dedup: DedupVerdict,
        fingerprint: Fingerprint,
        alerts: [String] = []
    ) {
        self.id = id
        self.seq = seq
        self.report = report
        self.receivedAt = receivedAt
        self.classification = classification
        self.dedup = dedup
        self.fingerprint = fingerprint
        self.alerts = alerts
    }
}
