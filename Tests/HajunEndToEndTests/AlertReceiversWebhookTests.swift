import Foundation
import HajunCore
import HajunTestSupport
import Testing

/// `hajund run` delivering to adnanh's `webhook` (Debian package `webhook`) on loopback: signatures checked by
/// webhook itself, retries, dead letters, and no alert lost across a receiver outage and a SIGKILL.
@Suite(.serialized)
struct AlertReceiversWebhookTests {
    static let posts: [(id: Int, text: String)] = [
        (1, "Колонна из 27 единиц техники движется в сторону Мозыря"),
        (2, "Пуск ракет из-под Мозыря, воздушная тревога по всей Украине"),
        (3, "На аэродром Мачулищи прилетели 2 Су-34"),
        (4, "Задержан мужчина за фото колонны в Гомеле"),
        (5, "Relay cabinet burned near Asipovichy station"),
        (6, "В Бресте замечены 5 КамАЗов с белыми метками у вокзала"),
        (7, "Над Лунинцом пролетели два вертолета Ми-8 на малой высоте"),
        (8, "Сообщение для проверки отказа REFUSE-ME"),
        (9, "Эшелон с танками Т-72 прошёл через станцию Орша ночью"),
        (10, "Учения сил ПВО начались под Гродно, комплексы Тор-М2 на позициях"),
        (11, "Протест у здания исполкома в Пинске, люди с флагами"),
        (12, "Кибератака на сайт железной дороги: расписание недоступно"),
    ]

    static func configuration(_ directory: TemporaryDirectory, webhookPort: Int) throws -> String {
        try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - name: reports
                path: reports.jsonl
                format: jsonl
                interval: 100ms
            log:
              path: var/log/events.jsonl
            state:
              directory: var/state
            receivers:
              - name: hook
                type: webhook
                url: http://127.0.0.1:\(webhookPort)/hooks/record
                secret: {env: HAJUND_TEST_HOOK_SECRET}
                retry: {initial: 100ms, max: 500ms}
              - name: flaky
                type: webhook
                url: http://127.0.0.1:\(webhookPort)/hooks/flaky
                retry: {initial: 100ms, max: 300ms}
              - name: refuse
                type: webhook
                url: http://127.0.0.1:\(webhookPort)/hooks/refuse
                retry: {initial: 100ms, max: 500ms}
            rules:
              - name: all
                receiver: hook
              - name: aviation
                match: {category: aviation}
                receiver: flaky
              - name: refused
                match: {text: refuse-me}
                receiver: refuse
            """
        )
    }

    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["HAJUND_TEST_HOOK_SECRET"] = "correct horse battery staple"
        environment["HAJUND_LOG_LEVEL"] = "info"
        return environment
    }()

    static func startHajund(_ directory: TemporaryDirectory, config: String) async throws -> ServiceProcess {
        try await ServiceProcess.start(
            Hajund.path, ["run", "--config", config], in: directory, name: "hajund", environment: environment)
    }

    @Test func everyAlertArrivesAcrossAReceiverOutageAndSIGKILL() async throws {
        let directory = try TemporaryDirectory()
        let port = try ServiceProcess.freePort()
        var webhook = try await WebhookTool.start(
            in: directory, secret: "correct horse battery staple", port: port, failures: 0)
        let config = try Self.configuration(directory, webhookPort: port)
        var hajund = try await Self.startHajund(directory, config: config)

        // Receiver up: the first posts' alerts arrive.
        try ReportFeed.append(directory, Array(Self.posts[0..<3]))
        #expect(
            await AlertWait.until {
                let expected = ReportFeed.expectedAlertIDs(ReportFeed.events(directory), rule: "all")
                return expected.count == 3 && Set(WebhookTool.received(directory).map(\.key)).isSuperset(of: expected)
            }, "\(hajund.output)")

        // Receiver down: hajund logs the posts and keeps retrying, then is killed.
        webhook.terminate()
        try ReportFeed.append(directory, Array(Self.posts[3..<8]))
        #expect(
            await AlertWait.until {
                ReportFeed.events(directory).count == 8
                    && hajund.output.components(separatedBy: "alert delivery failed").count > 3
            }, "\(hajund.output)")
        hajund.kill9()

        // More posts while hajund is down; then both come back.
        try ReportFeed.append(directory, Array(Self.posts[8..<12]))
        webhook = try await WebhookTool.start(
            in: directory, secret: "correct horse battery staple", port: port, failures: 0)
        hajund = try await Self.startHajund(directory, config: config)
        let deadLetters = directory.file("var/state/dead-letters.jsonl")
        #expect(
            await AlertWait.until {
                let expected = ReportFeed.expectedAlertIDs(ReportFeed.events(directory), rule: "all")
                return ReportFeed.events(directory).count == 12 && expected.count == 12
                    && Set(WebhookTool.received(directory).map(\.key)).isSuperset(of: expected)
                    && FileManager.default.fileExists(atPath: deadLetters)
            }, "\(hajund.output)")

        let events = ReportFeed.events(directory)
        #expect(events.map { $0["seq"] as? Int } == Array(1...12), "every post logged once, in order")
        let expected = ReportFeed.expectedAlertIDs(events, rule: "all")
        let received = WebhookTool.received(directory)
        #expect(Set(received.map(\.key)) == Set(expected), "every alert arrived, nothing else did")
        #expect(received.allSatisfy { $0.key == $0.alertID }, "Idempotency-Key is the alert id in the body")
        #expect(received.count >= expected.count)

        // The alert the `refuse` hook answers with 400 is in the dead-letter file, with the reason.
        let dead = (try String(contentsOfFile: deadLetters, encoding: .utf8)).split(separator: "\n").compactMap {
            EventSchema.parse(String($0))
        }
        let refusedEvent = try #require(events.first { ($0["text"] as? String)?.contains("REFUSE-ME") == true })
        let refusedID = Alert.id(rule: "refused", event: EventID(refusedEvent["id"] as! String)!)
        #expect(dead.map { $0["alert_id"] as? String } == [refusedID])
        #expect(dead.first?["receiver"] as? String == "refuse")
        #expect((dead.first?["reason"] as? String)?.hasPrefix("HTTP 400") == true)
        #expect(!hajund.output.contains("correct horse"), "the secret is never printed")
        #expect(hajund.terminate() == 0, "\(hajund.output)")
        webhook.terminate()
    }

    @Test func aFailingHookGetsTheAlertOnceItRecovers() async throws {
        let directory = try TemporaryDirectory()
        let port = try ServiceProcess.freePort()
        let webhook = try await WebhookTool.start(
            in: directory, secret: "correct horse battery staple", port: port, failures: 3)
        let config = try Self.configuration(directory, webhookPort: port)
        let hajund = try await Self.startHajund(directory, config: config)
        try ReportFeed.append(
            directory,
            [
                (3, "На аэродром Мачулищи прилетели 2 Су-34"),
                (7, "Над Лунинцом пролетели два вертолета Ми-8 на малой высоте"),
            ])
        #expect(
            await AlertWait.until {
                let expected = ReportFeed.expectedAlertIDs(ReportFeed.events(directory), rule: "aviation")
                return !expected.isEmpty
                    && Set(WebhookTool.received(directory, file: "flaky.txt").map(\.key)) == Set(expected)
            }, "\(hajund.output)")
        let attempts = try String(contentsOfFile: directory.file("flaky-attempts"), encoding: .utf8)
        let expected = ReportFeed.expectedAlertIDs(ReportFeed.events(directory), rule: "aviation")
        #expect(
            Int(attempts.trimmingCharacters(in: .whitespacesAndNewlines)) == 3 + expected.count,
            "3 failures (HTTP 500), then each alert once")
        #expect(hajund.output.contains("HTTP 500"), "\(hajund.output)")
        #expect(hajund.terminate() == 0)
        webhook.terminate()
    }
}
