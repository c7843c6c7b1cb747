/// The one-line human text of an alert, as chat receivers (Slack, Telegram) show it.
enum AlertSummary {
    /// Longest excerpt of the post's text in a summary, in characters.
    static let excerptLength = 280

    /// `missile-launch: missile_launch, critical, Mazyr (homiel): Пуск ракет из-под Мозыря…`
    static func firing(rule: AlertRule, event: Event) -> String {
        let classification = event.classification
        var out = rule.name + ": " + classification.category.rawValue + ", " + classification.severity.rawValue
        if let location = classification.location {
            out += ", " + location.name + " (" + location.region.rawValue + ")"
        }
        if case .corroborated = rule.condition { out += ", confirmed by \(event.dedup.sources) sources" }
        return out + ": " + excerpt(event.report.text)
    }

    /// `convoys-homiel firing: 5 incidents within 30m (≥ 3) [region=homiel]`
    static func condition(
        rule: AlertRule, status: Alert.Status, count: Int, labels: [GroupLabel], event: Event?
    ) -> String {
        var out = rule.name + " " + status.rawValue + ": "
        switch rule.condition {
        case .any, .corroborated:
            out += "\(count)"
        case .frequency(let threshold, let window):
            out += "\(count) incident\(count == 1 ? "" : "s") within \(duration(window)) (threshold \(threshold))"
        case .spike(let factor, let window, let reference, _):
            out += "\(count) incident\(count == 1 ? "" : "s") within \(duration(window)), "
            out += "\(number(factor))× the rate of the previous \(duration(reference))"
            if status == .resolved { out += " no longer" }
        case .flatline(let below, let window):
            out += "\(count) event\(count == 1 ? "" : "s") within \(duration(window)) (expected at least \(below))"
        }
        if !labels.isEmpty { out += " [" + GroupLabel.key(labels) + "]" }
        if let event { out += ": " + excerpt(event.report.text) }
        return out
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        guard flat.count > excerptLength else { return flat }
        return String(flat.prefix(excerptLength)) + "…"
    }

    /// `90s`, `30m`, `2h`, `1d`, `1500ms`.
    static func duration(_ milliseconds: Int64) -> String {
        let units: [(Int64, String)] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s")]
        for (scale, suffix) in units where milliseconds >= scale && milliseconds % scale == 0 {
            return "\(milliseconds / scale)\(suffix)"
        }
        return "\(milliseconds)ms"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
