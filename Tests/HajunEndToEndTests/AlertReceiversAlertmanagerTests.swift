import Foundation
import HajunCore
import HajunTestSupport
import Testing

/// `hajund run` pushing to Prometheus Alertmanager (Debian package `prometheus-alertmanager`) on loopback.
@Suite(.serialized)
struct AlertReceiversAlertmanagerTests {
    @Test func alertsShowUpInAlertmanagerAndStatefulOnesResolve() async throws {
        let directory = try TemporaryDirectory()
        let manager = try await AlertmanagerTool.start(in: directory)
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - {name: reports, path: reports.jsonl, format: jsonl, interval: 100ms}
            log: {path: var/log/events.jsonl}
            state: {directory: var/state}
            receivers:
              - name: am
                type: alertmanager
                url: \(manager.baseURL)
                labels: {source: hajund-e2e}
                resend: 1s
                hold: 10m
            rules:
              - name: launch
                match: {category: missile_launch}
                receiver: am
              - name: busy-region
                type: frequency
                count: 1
                window: 20s
                group_by: region
                receiver: am
            """
        )
        var environment = ProcessInfo.processInfo.environment
        environment["HAJUND_LOG_LEVEL"] = "info"
        let hajund = try await ServiceProcess.start(
            Hajund.path, ["run", "--config", config], in: directory, name: "hajund", environment: environment)
        // The frequency rule counts a post only while its date is inside the window at the time hajund takes it:
        // post once hajund runs, so that a slow start on a loaded machine cannot age the post out of the window.
        #expect(
            await AlertWait.until(timeout: .seconds(60)) { hajund.output.contains("hajund running") },
            "\(hajund.output)")
        try ReportFeed.append(
            directory, recent: true, [(1, "Пуск ракет из-под Мозыря, воздушная тревога по всей Украине")])

        func listed() async -> [String: [String: Any]] {
            let alerts = (try? await AlertmanagerTool.alerts(manager)) ?? []
            var byName: [String: [String: Any]] = [:]
            for alert in alerts {
                if let name = (alert["labels"] as? [String: String])?["alertname"] { byName[name] = alert }
            }
            return byName
        }
        func names() async -> [String] { await listed().keys.sorted() }
        // A loaded machine may let the frequency alert's window pass before this test looks, so each alert is
        // taken the first time Alertmanager lists it rather than requiring both at the same moment.
        var seen: [String: [String: Any]] = [:]
        #expect(
            await AlertWait.until(timeout: .seconds(60)) {
                seen.merge(await listed()) { first, _ in first }
                return seen.keys.sorted() == ["busy-region", "launch"]
            }, "\(hajund.output)")
        let launch = try #require(seen["launch"])
        let labels = launch["labels"] as? [String: String] ?? [:]
        #expect(labels["source"] == "hajund-e2e")
        #expect(labels["category"] == "missile_launch")
        #expect(labels["hajund_kind"] == "any")
        let event = try #require(ReportFeed.events(directory).first)
        #expect(labels["alert_id"] == Alert.id(rule: "launch", event: EventID(event["id"] as! String)!))
        let busy = try #require(seen["busy-region"])
        #expect(
            (busy["labels"] as? [String: String])?["region"] == event["location"].flatMap {
                ($0 as? [String: Any])?["region"] as? String
            } ?? "none")

        // The frequency window passes: hajund sends endsAt and Alertmanager stops listing it; `launch` is held.
        #expect(await AlertWait.until(timeout: .seconds(90)) { await names() == ["launch"] }, "\(hajund.output)")
        #expect(hajund.terminate() == 0, "\(hajund.output)")
        manager.terminate()
    }
}
