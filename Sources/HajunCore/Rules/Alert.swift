/// One alert notice: a rule fired for an event or a group, or a stateful rule's condition stopped holding.
public struct Alert: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case firing, resolved
    }

    /// Stable for what caused the notice (the rule and the event, or the rule, group and episode), so receivers
    /// can use it as an idempotency key and a re-processed event gives the same id.
    public var id: String
    public var rule: String
    public var kind: AlertRule.Kind
    public var receiver: String
    public var status: Status
    /// When the notice was made.
    public var firedAt: Timestamp
    /// When the condition began: the incident's time for `any` and `corroborated`, the episode's start otherwise.
    public var startsAt: Timestamp
    /// When the condition stopped holding (resolved notices only).
    public var endsAt: Timestamp?
    /// The rule's `group_by` fields and their values for this notice.
    public var group: [GroupLabel]
    /// Incidents in the window (frequency, spike), events in the window (flatline), sources (corroborated); 1 for any.
    public var count: Int
    /// The rule's N.
    public var threshold: Int
    /// The event that made the rule fire; nil for time-driven notices (flatline, reminders, resolved).
    public var event: Event?
    /// One human-readable line.
    public var summary: String

    /// The notice of `rule` firing for `event`.
    public init(rule: AlertRule, event: Event, firedAt: Timestamp) {
        self.init(
            id: Alert.id(rule: rule.name, event: event.id),
            rule: rule,
            status: .firing,
            firedAt: firedAt,
            startsAt: event.report.postedAt,
            group: GroupField.labels(rule.groupBy, for: event),
            count: rule.kind == .corroborated ? event.dedup.sources : 1,
            event: event,
            summary: AlertSummary.firing(rule: rule, event: event)
        )
    }

    public init(
        id: String,
        rule: AlertRule,
        status: Status,
        firedAt: Timestamp,
        startsAt: Timestamp,
        endsAt: Timestamp? = nil,
        group: [GroupLabel],
        count: Int,
        event: Event?,
        summary: String
    ) {
        self.id = id
        self.rule = rule.name
        self.kind = rule.kind
        self.receiver = rule.receiver
        self.status = status
        self.firedAt = firedAt
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.group = group
        self.count = count
        self.threshold = rule.condition.threshold
        self.event = event
        self.summary = summary
    }

    /// `region=homiel`; empty without `group_by`.
    public var groupKey: String { GroupLabel.key(group) }

    /// The id of `rule` firing for the event `event`.
    public static func id(rule: String, event: EventID) -> String {
        var key = Array(rule.utf8)
        key.append(0)
        withUnsafeBytes(of: event.rawValue.littleEndian) { key.append(contentsOf: $0) }
        return XXH3.hash64(key).hex16
    }

    /// The id of a time-driven notice: the rule, the group, the episode's start, and which notice of the episode
    /// (0 for the first firing, 1… for reminders, -1 for resolved).
    public static func id(rule: String, groupKey: String, episodeStart: Timestamp, sequence: Int) -> String {
        var key = Array(rule.utf8)
        key.append(0)
        key.append(contentsOf: groupKey.utf8)
        key.append(0)
        withUnsafeBytes(of: episodeStart.millisecondsSince1970.littleEndian) { key.append(contentsOf: $0) }
        withUnsafeBytes(of: Int64(sequence).littleEndian) { key.append(contentsOf: $0) }
        return XXH3.hash64(key, seed: 0x6861_6a75_6e64).hex16
    }

    /// The notice as one JSON object on one line (`docs/alerts.md`):
    /// `{"alert_id":…,"rule":…,"kind":…,"status":…,"receiver":…,"fired_at":…,"starts_at":…,"ends_at":…,
    /// "group":{…},"count":…,"threshold":…,"summary":…,"event":{…}|null}`.
    public func encodedLine() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + (event?.report.text.utf8.count ?? 0) * 2)
        out.append(contentsOf: #"{"alert_id":""#.utf8)
        out.append(contentsOf: id.utf8)
        out.append(contentsOf: #"","rule":"#.utf8)
        JSONEscaping.append(rule, to: &out)
        out.append(contentsOf: #","kind":""#.utf8)
        out.append(contentsOf: kind.rawValue.utf8)
        out.append(contentsOf: #"","status":""#.utf8)
        out.append(contentsOf: status.rawValue.utf8)
        out.append(contentsOf: #"","receiver":"#.utf8)
        JSONEscaping.append(receiver, to: &out)
        out.append(contentsOf: #","fired_at":""#.utf8)
        out.append(contentsOf: firedAt.rfc3339.utf8)
        out.append(contentsOf: #"","starts_at":""#.utf8)
        out.append(contentsOf: startsAt.rfc3339.utf8)
        out.append(contentsOf: #"","ends_at":"#.utf8)
        if let endsAt {
            JSONEscaping.append(endsAt.rfc3339, to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","group":{"#.utf8)
        for (index, label) in group.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONEscaping.append(label.name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONEscaping.append(label.value, to: &out)
        }
        out.append(contentsOf: #"},"count":"#.utf8)
        out.append(contentsOf: String(count).utf8)
        out.append(contentsOf: #","threshold":"#.utf8)
        out.append(contentsOf: String(threshold).utf8)
        out.append(contentsOf: #","summary":"#.utf8)
        JSONEscaping.append(summary, to: &out)
        out.append(contentsOf: #","event":"#.utf8)
        if let event {
            EventEncoder.encode(event, into: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
