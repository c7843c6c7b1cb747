/// An event field whose value splits a rule's state into independent groups (`group_by`).
///
/// A frequency rule grouped by `region` counts incidents per region; cooldowns and silences apply per group too.
public enum GroupField: String, Sendable, Hashable, CaseIterable {
    case category, severity, region, place, feed, chat
    /// The incident (the id of its first event): one group per incident.
    case incident

    /// The value an event has for this field; `none` when the event has no such value (no region, no place).
    public func value(for event: Event) -> String {
        switch self {
        case .category: return event.classification.category.rawValue
        case .severity: return event.classification.severity.rawValue
        case .region: return event.classification.location?.region.rawValue ?? GroupField.noValue
        case .place: return event.classification.location?.id ?? GroupField.noValue
        case .feed: return event.report.feed
        case .chat: return event.report.chat
        case .incident: return (event.dedup.of ?? event.id).description
        }
    }

    /// The value of fields an event lacks.
    public static let noValue = "none"

    /// The labels of `event` for `fields`, in the fields' order.
    public static func labels(_ fields: [GroupField], for event: Event) -> [GroupLabel] {
        fields.map { GroupLabel(name: $0.rawValue, value: $0.value(for: event)) }
    }
}

/// One `group_by` field and its value, as an alert carries it (`"region": "homiel"`).
public struct GroupLabel: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `region=homiel,category=aviation`; empty for a rule without `group_by`.
    public static func key(_ labels: [GroupLabel]) -> String {
        labels.map { $0.name + "=" + $0.value }.joined(separator: ",")
    }
}
