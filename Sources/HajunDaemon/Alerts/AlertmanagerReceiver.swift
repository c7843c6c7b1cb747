import Foundation
import HajunCore

/// Prometheus Alertmanager (`POST <url>/api/v2/alerts`).
///
/// Alertmanager identifies an alert by its labels. `any` and `corroborated` notices are point events: each gets
/// its own `alert_id` label and stays active for `hold`. Stateful rules (frequency, spike, flatline) map to one
/// alert per rule and group, re-sent every `resend` while it fires (with `endsAt` a few intervals ahead, as
/// Prometheus does) and sent with `endsAt` when resolved.
struct AlertmanagerReceiver: AlertReceiver {
    let name: String
    /// `<base>/api/v2/alerts`.
    let endpoint: String
    let labels: [String: String]
    let resendMilliseconds: Int64
    let holdMilliseconds: Int64
    let retry: RetryPolicy
    let timeoutMilliseconds: Int64
    let http: HTTPPoster

    init(
        name: String, url: String, labels: [String: String], resendMilliseconds: Int64, holdMilliseconds: Int64,
        retry: RetryPolicy, timeoutMilliseconds: Int64, http: HTTPPoster
    ) {
        self.name = name
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        endpoint = base.hasSuffix("/api/v2/alerts") ? base : base + "/api/v2/alerts"
        self.labels = labels
        self.resendMilliseconds = resendMilliseconds
        self.holdMilliseconds = holdMilliseconds
        self.retry = retry
        self.timeoutMilliseconds = timeoutMilliseconds
        self.http = http
    }

    func series(for alert: Alert) -> String? {
        alert.kind.isStateful ? alert.rule + "\u{1F}" + alert.groupKey : nil
    }

    func payload(for alert: Alert) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(Self.alert(for: alert, labels: labels, hold: holdMilliseconds)))) ?? []
    }

    func deliver(_ payload: [UInt8], key: String, attempt: Int, timeoutMilliseconds: Int64) async -> DeliveryOutcome {
        guard var alert = try? JSONDecoder().decode(AlertmanagerAlert.self, from: Data(payload)) else {
            return .rejected(reason: "the stored Alertmanager payload is not readable")
        }
        if alert.endsAt == nil {
            alert.endsAt = Timestamp.now.adding(milliseconds: 4 * resendMilliseconds).rfc3339
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode([alert]) else {
            return .rejected(reason: "cannot encode the Alertmanager payload")
        }
        return await http.post(
            url: endpoint, headers: [("Content-Type", "application/json")], body: Array(body),
            timeoutMilliseconds: timeoutMilliseconds
        )
    }

    static func alert(for alert: Alert, labels extra: [String: String], hold: Int64) -> AlertmanagerAlert {
        var labels = extra
        labels["alertname"] = alert.rule
        labels["hajund_kind"] = alert.kind.rawValue
        for label in alert.group { labels[label.name] = label.value }
        var annotations: [String: String] = [
            "summary": alert.summary, "count": String(alert.count), "threshold": String(alert.threshold),
        ]
        var generatorURL: String?
        if let event = alert.event {
            annotations["text"] = event.report.text
            annotations["event_id"] = event.id.description
            annotations["feed"] = event.report.feed
            annotations["chat"] = event.report.chat
            annotations["posted_at"] = event.report.postedAt.rfc3339
            if let url = event.report.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
                annotations["url"] = url
                generatorURL = url
            }
        }
        var endsAt: String?
        if !alert.kind.isStateful, let event = alert.event {
            // A point event: its own identity, and active for `hold` after it fired.
            labels["alert_id"] = alert.id
            labels["category"] = event.classification.category.rawValue
            labels["severity"] = event.classification.severity.rawValue
            if let location = event.classification.location {
                labels["region"] = labels["region"] ?? location.region.rawValue
                labels["place"] = labels["place"] ?? location.id
            }
            endsAt = alert.firedAt.adding(milliseconds: hold).rfc3339
        }
        if alert.status == .resolved { endsAt = (alert.endsAt ?? alert.firedAt).rfc3339 }
        return AlertmanagerAlert(
            labels: labels, annotations: annotations, startsAt: alert.startsAt.rfc3339, endsAt: endsAt,
            generatorURL: generatorURL
        )
    }
}
