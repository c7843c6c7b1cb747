import Foundation
import HajunCore
import HajunTestSupport
import Testing

@testable import HajunDaemon

/// The Alertmanager receiver against Prometheus Alertmanager (Debian package `prometheus-alertmanager`).
@Suite(.serialized) struct ReceiverAlertmanagerTests {
    @Test func alertsShowUpAndStatefulOnesResolve() async throws {
        let directory = try TemporaryDirectory()
        let manager = try await AlertmanagerTool.start(in: directory)
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers:
                "- {name: am, type: alertmanager, url: \"\(manager.baseURL)/\", labels: {team: duty}, resend: 1s, hold: 10m}",
            rules: """
                - {name: launch, match: {category: missile_launch}, receiver: am}
                - {name: busy-region, type: frequency, count: 2, window: 20s, group_by: region, receiver: am}
                """
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        let first = AlertTestSupport.event(1)
        let second = AlertTestSupport.event(2, category: .aviation)
        var alerts: [Alert] = []
        for event in [first, second] {
            alerts += center.engine.evaluate(event).map { Alert(rule: $0, event: event, firedAt: event.receivedAt) }
        }
        #expect(alerts.map(\.rule) == ["launch", "busy-region"])
        try await AlertTestSupport.running(center) {
            try center.enqueue(alerts)
            // Each alert as Alertmanager first lists it: on a loaded machine the frequency alert's window may pass
            // (and it resolves) before both are listed at the same moment.
            var byName: [String: [String: Any]] = [:]
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(60)) {
                    for alert in try await AlertmanagerTool.alerts(manager) {
                        let name = (alert["labels"] as? [String: String])?["alertname"] ?? ""
                        if byName[name] == nil { byName[name] = alert }
                    }
                    return byName.count == 2
                })
            let launch = try #require(byName["launch"]?["labels"] as? [String: String])
            #expect(launch["alert_id"] == alerts[0].id)
            #expect(launch["category"] == "missile_launch")
            #expect(launch["region"] == "homiel")
            #expect(launch["team"] == "duty")
            #expect((byName["launch"]?["annotations"] as? [String: String])?["url"] == "https://t.me/hajun_test/1")
            let busy = try #require(byName["busy-region"]?["labels"] as? [String: String])
            #expect(
                busy == ["alertname": "busy-region", "hajund_kind": "frequency", "region": "homiel", "team": "duty"])
            // While it fires it is sent again every second; once the window has passed, resolved (endsAt).
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(60)) {
                    try center.outboxEntries(receiver: "am").contains { $0.key.contains("@") && $0.state == .delivered }
                })
            // hajund's own resolved notice is delivered (Alertmanager would also drop a firing alert whose endsAt
            // passed while resends were delayed, so its listing alone does not show the notice), and Alertmanager
            // then lists only the held `launch`.
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(90)) {
                    try center.outboxEntries(receiver: "am").contains {
                        $0.rule == "busy-region" && $0.status == "resolved" && $0.state == .delivered
                    }
                })
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(60)) {
                    let names = (try? await AlertmanagerTool.alerts(manager))?.compactMap {
                        ($0["labels"] as? [String: String])?["alertname"]
                    }
                    return names == ["launch"]
                })
            #expect(await AlertTestSupport.eventually(timeout: .seconds(30)) { try center.pendingCounts().isEmpty })
        }
        let statuses = try center.outboxEntries(receiver: "am").filter { $0.rule == "busy-region" }.map(\.status)
        #expect(statuses.last == "resolved", "\(statuses)")
        #expect(try center.pendingCounts().isEmpty)
        #expect(AlertTestSupport.jsonLines(center.deadLetterPath).isEmpty, "Alertmanager accepted every payload")
    }
}
