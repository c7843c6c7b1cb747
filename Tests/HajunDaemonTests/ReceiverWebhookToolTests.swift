import Foundation
import HajunCore
import HajunTestSupport
import Testing

@testable import HajunDaemon

/// The webhook receiver against adnanh's `webhook` (Debian package `webhook`): it checks hajund's HMAC signature
/// itself, fails on purpose, and refuses.
@Suite(.serialized) struct ReceiverWebhookToolTests {
    private func alerts(_ center: AlertCenter, _ ids: ClosedRange<UInt64>) -> [Alert] {
        ids.flatMap { id in
            let event = AlertTestSupport.event(id)
            return center.engine.evaluate(event).map { Alert(rule: $0, event: event, firedAt: event.receivedAt) }
        }
    }

    @Test func signedAlertsPassWebhooksOwnHMACCheck() async throws {
        let directory = try TemporaryDirectory()
        let tool = try await WebhookTool.start(in: directory, secret: "correct horse")
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: """
                - {name: good, type: webhook, url: "\(tool.baseURL)/hooks/record", secret: {env: GOOD}}
                - {name: bad, type: webhook, url: "\(tool.baseURL)/hooks/record", secret: {env: BAD}, retry: {for: 1s, initial: 100ms}}
                """,
            rules: """
                - {name: launch, receiver: good}
                - {name: launch-copy, receiver: bad}
                """
        )
        let center = try AlertCenter(
            configuration: configuration, logger: CapturedLog().logger,
            environment: ["GOOD": "correct horse", "BAD": "wrong"]
        )
        let sent = alerts(center, 1...3)
        try await AlertTestSupport.running(center) {
            try center.enqueue(sent)
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(45)) {
                    WebhookTool.received(directory).count == 3
                        && AlertTestSupport.jsonLines(center.deadLetterPath).count == 3
                })
        }
        let good = sent.filter { $0.receiver == "good" }
        #expect(WebhookTool.received(directory).map(\.key) == good.map(\.id))
        #expect(WebhookTool.received(directory).map(\.alertID) == good.map(\.id), "webhook parsed the JSON body")
        // A wrong signature makes webhook's rule evaluation fail (HTTP 500): retried until the horizon, then dead.
        let dead = AlertTestSupport.jsonLines(center.deadLetterPath)
        #expect(dead.allSatisfy { $0["receiver"] as? String == "bad" })
        #expect(dead.allSatisfy { ($0["reason"] as? String)?.contains("HTTP 500") == true })
    }

    @Test func failingHookIsRetriedAndRefusingHookIsDeadLettered() async throws {
        let directory = try TemporaryDirectory()
        let tool = try await WebhookTool.start(in: directory, secret: "s", failures: 2)
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: """
                - {name: flaky, type: webhook, url: "\(tool.baseURL)/hooks/flaky", retry: {initial: 100ms, max: 200ms}}
                - {name: refuse, type: webhook, url: "\(tool.baseURL)/hooks/refuse"}
                """,
            rules: """
                - {name: to-flaky, receiver: flaky}
                - {name: to-refuse, receiver: refuse}
                """
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        let sent = alerts(center, 10...12)
        try await AlertTestSupport.running(center) {
            try center.enqueue(sent)
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(45)) {
                    WebhookTool.received(directory, file: "flaky.txt").count == 3
                })
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(45)) {
                    AlertTestSupport.jsonLines(center.deadLetterPath).count == 3
                })
        }
        #expect(
            WebhookTool.received(directory, file: "flaky.txt").map(\.key)
                == sent.filter { $0.receiver == "flaky" }.map(\.id))
        let attempts = try String(contentsOfFile: directory.file("flaky-attempts"), encoding: .utf8)
        #expect(attempts.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "2 failures, then 3 alerts")
        let dead = AlertTestSupport.jsonLines(center.deadLetterPath)
        #expect(
            Set(dead.compactMap { $0["alert_id"] as? String }) == Set(sent.filter { $0.receiver == "refuse" }.map(\.id))
        )
        #expect(
            dead.allSatisfy { ($0["reason"] as? String)?.hasPrefix("HTTP 400") == true && $0["attempts"] as? Int == 1 })
    }
}
