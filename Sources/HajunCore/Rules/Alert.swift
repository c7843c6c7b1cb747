/// One alert: a rule fired for an event.
public struct Alert: Sendable, Hashable {
    /// Stable for the rule and the event, so receivers can use it as an idempotency key.
    public var id: String
    public var rule: String
    public var receiver: String
    public var firedAt: Timestamp
    public var event: Event

    public init(rule: AlertRule, event: Event, firedAt: Timestamp) {
        var key = Array(rule.name.utf8)
        key.append(0)
        withUnsafeBytes(of: event.id.rawValue.littleEndian) { key.append(contentsOf: $0) }
        self.id = XXH3.hash64(key).hex16
        self.rule = rule.name
        self.receiver = rule.receiver
        self.firedAt = firedAt
        self.event = event
    }

    /// `{"alert_id":…,"rule":…,"receiver":…,"fired_at":…,"event":{…}}` on one line.
    public func encodedLine() -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"alert_id":""#.utf8)
        out.append(contentsOf: id.utf8)
        out.append(contentsOf: #"","rule":"#.utf8)
        JSONEscaping.append(rule, to: &out)
        out.append(contentsOf: #","receiver":"#.utf8)
        JSONEscaping.append(receiver, to: &out)
        out.append(contentsOf: #","fired_at":""#.utf8)
        out.append(contentsOf: firedAt.rfc3339.utf8)
        out.append(contentsOf: #"","event":"#.utf8)
        EventEncoder.encode(event, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
