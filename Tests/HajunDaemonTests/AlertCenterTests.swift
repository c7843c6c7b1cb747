import Foundation
import HajunCore
import HajunTestSupport
import Synchronization
import Testing

@testable import HajunDaemon

/// The alert center against real loopback HTTP servers: payloads, signatures, retries, dead letters, durability.
@Suite struct AlertCenterTests {
    @Test func webhookGetsTheAlertSignedWithItsIdempotencyKey() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return .init(status: 204)
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: """
                - name: hook
                  type: webhook
                  url: \(server.baseURL)/hooks/hajund
                  secret: {env: HOOK_SECRET}
                  headers:
                    X-Team: duty
                """,
            rules: """
                - name: launch
                  match: {category: missile_launch}
                  receiver: hook
                """
        )
        let center = try AlertCenter(
            configuration: configuration, logger: CapturedLog().logger, environment: ["HOOK_SECRET": "s3cret"])
        let event = AlertTestSupport.event(1)
        let fired = center.engine.evaluate(event)
        #expect(fired.map(\.name) == ["launch"])
        let alert = Alert(rule: fired[0], event: event, firedAt: event.receivedAt)
        try await AlertTestSupport.running(center) {
            try center.enqueue([alert])
            #expect(await AlertTestSupport.eventually { recorder.count == 1 })
        }
        let request = try #require(recorder.all.first)
        #expect(request.method == "POST")
        #expect(request.path == "/hooks/hajund")
        #expect(request.headers["idempotency-key"] == alert.id)
        #expect(request.headers["x-hajund-alert-id"] == alert.id)
        #expect(request.headers["x-hajund-attempt"] == "1")
        #expect(request.headers["x-team"] == "duty")
        #expect(request.headers["content-type"] == "application/json")
        let signature = WebhookReceiver.signature(request.body, secret: Array("s3cret".utf8))
        #expect(request.headers["x-hajund-signature"] == signature)
        let body = AlertTestSupport.json(request.body)
        #expect(body["alert_id"] as? String == alert.id)
        #expect(body["rule"] as? String == "launch")
        #expect(body["status"] as? String == "firing")
        #expect((body["event"] as? [String: Any])?["id"] as? String == event.id.description)
        #expect(await AlertTestSupport.eventually { try center.pendingCounts().isEmpty })
        await server.stop()
    }

    @Test func serverErrorsAreRetriedAfterRetryAfter() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return recorder.count == 1
                ? .init(status: 503, headers: [("Retry-After", "1")], text: "busy") : .init(status: 200)
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: hook, type: webhook, url: \(server.baseURL)/h, retry: {initial: 50ms, max: 100ms}}",
            rules: "- {name: all, receiver: hook}"
        )
        let deliveries = Mutex<[AlertDelivery]>([])
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:]) {
            delivery in
            deliveries.withLock { $0.append(delivery) }
        }
        let event = AlertTestSupport.event(2)
        try await AlertTestSupport.running(center) {
            try center.enqueue(
                center.engine.evaluate(event).map { Alert(rule: $0, event: event, firedAt: event.receivedAt) })
            #expect(await AlertTestSupport.eventually { try recorder.count == 2 && center.pendingCounts().isEmpty })
        }
        let times = recorder.times
        #expect(times.count == 2)
        #expect(times[0].duration(to: times[1]) >= .milliseconds(990), "Retry-After: 1 outweighs the 50 ms back-off")
        #expect(recorder.all.map { $0.headers["x-hajund-attempt"] } == ["1", "2"])
        #expect(recorder.all[0].body == recorder.all[1].body, "the same bytes are sent again")
        #expect(deliveries.withLock { $0.map(\.result) } == [.retrying, .delivered])
        await server.stop()
    }

    @Test func clientErrorsGoToTheDeadLetterFileAndTheQueueGoesOn() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            let body = AlertTestSupport.json(request.body)
            if (body["event"] as? [String: Any])?["id"] as? String == EventID(rawValue: 11).description {
                return .init(status: 400, text: "{\"error\":\"bad payload\"}\n")
            }
            return .init(status: 200)
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: hook, type: webhook, url: \(server.baseURL)/h}",
            rules: "- {name: all, receiver: hook}"
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        let events = (10...12).map { AlertTestSupport.event(UInt64($0)) }
        let alerts = events.flatMap { event in
            center.engine.evaluate(event).map { Alert(rule: $0, event: event, firedAt: event.receivedAt) }
        }
        try await AlertTestSupport.running(center) {
            try center.enqueue(alerts)
            #expect(await AlertTestSupport.eventually { try recorder.count == 3 && center.pendingCounts().isEmpty })
        }
        let dead = AlertTestSupport.jsonLines(center.deadLetterPath)
        #expect(dead.count == 1)
        #expect(dead.first?["receiver"] as? String == "hook")
        #expect(dead.first?["alert_id"] as? String == alerts[1].id)
        #expect(dead.first?["attempts"] as? Int == 1)
        #expect(dead.first?["reason"] as? String == #"HTTP 400: {"error":"bad payload"}"#)
        #expect(
            (dead.first?["payload"] as? [String: Any])?["alert_id"] as? String == alerts[1].id,
            "the payload is kept as JSON")
        #expect(try center.outboxEntries().map(\.state) == [.delivered, .dead, .delivered])
        await server.stop()
    }

    @Test func aRedirectIsNotFollowedButDeadLettered() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return .init(status: 302, headers: [("Location", "/elsewhere")], text: "moved")
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: hook, type: webhook, url: \(server.baseURL)/old}",
            rules: "- {name: all, receiver: hook}"
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        let event = AlertTestSupport.event(6)
        try center.enqueue([Alert(rule: configuration.rules[0], event: event, firedAt: event.receivedAt)])
        await center.drain(timeout: .seconds(30))
        #expect(recorder.all.map(\.path) == ["/old"])
        let dead = AlertTestSupport.jsonLines(center.deadLetterPath)
        #expect((dead.first?["reason"] as? String)?.contains("alerts do not follow redirects") == true, "\(dead)")
        await server.stop()
    }

    @Test func anAlertOutOfTimeIsDeadLettered() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return .init(status: 502, text: "bad gateway")
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers:
                "- {name: hook, type: webhook, url: \(server.baseURL)/h, retry: {initial: 20ms, max: 50ms, for: 15s}}",
            rules: "- {name: all, receiver: hook}"
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        let event = AlertTestSupport.event(3)
        try await AlertTestSupport.running(center) {
            try center.enqueue([Alert(rule: configuration.rules[0], event: event, firedAt: event.receivedAt)])
            #expect(
                await AlertTestSupport.eventually(timeout: .seconds(90)) {
                    !AlertTestSupport.jsonLines(center.deadLetterPath).isEmpty
                })
        }
        let dead = try #require(AlertTestSupport.jsonLines(center.deadLetterPath).first)
        let reason = try #require(dead["reason"] as? String)
        #expect(reason.hasPrefix("gave up after "), "\(reason)")
        #expect(reason.hasSuffix("HTTP 502: bad gateway"), "\(reason)")
        #expect(dead["attempts"] as? Int == recorder.count, "every attempt reached the server")
        #expect(recorder.count >= 2, "retried within the horizon")
        await server.stop()
    }

    @Test func enqueueIsIdempotentByAlertIDAcrossRestarts() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return .init(status: 200)
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: hook, type: webhook, url: \(server.baseURL)/h}",
            rules: "- {name: all, receiver: hook}"
        )
        let event = AlertTestSupport.event(4)
        let alert = Alert(rule: configuration.rules[0], event: event, firedAt: event.receivedAt)
        do {
            let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
            try center.enqueue([alert, alert])
            try center.enqueue([alert])
            await center.drain(timeout: .seconds(30))
        }
        // After a crash the same event is processed again and its alert enqueued again: it is recognised.
        let restarted = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        try restarted.enqueue([alert])
        await restarted.drain(timeout: .seconds(30))
        #expect(recorder.count == 1)
        #expect(try restarted.outboxEntries().count == 1)
        await server.stop()
    }

    @Test func nothingEnqueuedIsLostWhileTheReceiverIsDownAcrossARestart() async throws {
        let up = Atomic<Bool>(false)
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            guard up.load(ordering: .sequentiallyConsistent) else { return .init(status: 503, text: "down") }
            recorder.record(request)
            return .init(status: 200)
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: hook, type: webhook, url: \(server.baseURL)/h, retry: {initial: 20ms, max: 200ms}}",
            rules: "- {name: all, receiver: hook}"
        )
        var ids: Set<String> = []
        do {
            let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
            try await AlertTestSupport.running(center) {
                for id in 20..<25 as Range<UInt64> {
                    let event = AlertTestSupport.event(id)
                    let alerts = center.engine.evaluate(event).map {
                        Alert(rule: $0, event: event, firedAt: event.receivedAt)
                    }
                    ids.formUnion(alerts.map(\.id))
                    try center.enqueue(alerts)
                }
                #expect(await AlertTestSupport.eventually { (try center.outboxEntries().first?.attempts ?? 0) >= 2 })
            }
            #expect(try center.pendingCounts() == ["hook": 5])
        }
        up.store(true, ordering: .sequentiallyConsistent)
        let restarted = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        await AlertTestSupport.running(restarted) {
            #expect(await AlertTestSupport.eventually { recorder.count >= 5 })
        }
        #expect(Set(recorder.all.compactMap { $0.headers["idempotency-key"] }) == ids)
        #expect(ids.count == 5)
        await server.stop()
    }

    @Test func enqueueWakesTheDeliveryTaskAtOnce() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return .init(status: 200)
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: hook, type: webhook, url: \(server.baseURL)/h}",
            rules: "- {name: all, receiver: hook}"
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        try await AlertTestSupport.running(center) {
            // The delivery task is idle now: its next wake-up is a minute away.
            try await Task.sleep(for: .milliseconds(300))
            let event = AlertTestSupport.event(5)
            try center.enqueue([Alert(rule: configuration.rules[0], event: event, firedAt: event.receivedAt)])
            #expect(await AlertTestSupport.eventually(timeout: .seconds(30)) { recorder.count == 1 })
        }
        await server.stop()
    }

    /// A burst for a file receiver is appended in batches (one fsync each): every alert once, in order, each
    /// delivered at its first attempt. When the append fails, the whole batch stays pending.
    @Test func aBurstToAFileArrivesOnceInOrder() async throws {
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.fileConfiguration(directory, path: "out/alerts.jsonl")
        let alerts = (200..<275).map { number in
            let event = AlertTestSupport.event(UInt64(number))
            return Alert(rule: configuration.rules[0], event: event, firedAt: event.receivedAt)
        }
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        try center.enqueue(alerts)
        await center.drain(timeout: .seconds(60))
        let lines = AlertTestSupport.jsonLines(directory.file("out/alerts.jsonl"))
        #expect(lines.compactMap { $0["alert_id"] as? String } == alerts.map(\.id))
        let entries = try center.outboxEntries()
        #expect(entries.count == alerts.count)
        #expect(entries.allSatisfy { $0.state == .delivered && $0.attempts == 1 })

        // A file where the receiver's directory should be: the append fails, nothing counts as delivered.
        let blocked = try TemporaryDirectory()
        try blocked.write("out", "not a directory")
        let failing = try AlertTestSupport.fileConfiguration(blocked, path: "out/alerts.jsonl")
        let refused = try AlertCenter(configuration: failing, logger: CapturedLog().logger, environment: [:])
        try refused.enqueue(Array(alerts.prefix(5)))
        await refused.drain(timeout: .seconds(5))
        let pending = try refused.outboxEntries()
        #expect(pending.count == 5)
        #expect(pending.allSatisfy { $0.state == .pending })
        #expect(pending.first?.lastError?.contains("alerts.jsonl") == true, "\(pending.first?.lastError ?? "")")
    }

    @Test func ruleStateSurvivesARestart() throws {
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: file, type: file, path: alerts.jsonl}",
            rules: """
                - {name: all, receiver: file}
                - {name: burst, type: frequency, count: 2, window: 10m, group_by: region, receiver: file}
                """
        )
        let first = AlertTestSupport.event(30)
        do {
            let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
            #expect(center.engine.evaluate(first).map(\.name) == ["all"])
            try center.enqueue([])  // saves the rule state even without alerts
        }
        let restarted = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        #expect(
            restarted.engine.evaluate(AlertTestSupport.event(31, duplicateOf: 30)).isEmpty,
            "a duplicate does not re-fire")
        #expect(
            restarted.engine.evaluate(first).map(\.name) == ["all"],
            "the same event re-processed fires with the same id")
        #expect(
            restarted.engine.evaluate(AlertTestSupport.event(32)).map(\.name) == ["all", "burst"], "the window survived"
        )
    }

    @Test func timeDrivenNoticesFlowThroughTick() async throws {
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: file, type: file, path: alerts.jsonl}",
            rules:
                "- {name: quiet-bot, type: flatline, count: 1, window: 30s, match: {feed: bot}, group_by: feed, receiver: file}"
        )
        let center = try AlertCenter(configuration: configuration, logger: CapturedLog().logger, environment: [:])
        // A timeline that ends a minute ago, so that drain's own tick (at the wall-clock time) finds the feed alive.
        let start = Timestamp.now.adding(milliseconds: -60_000)
        try center.tick(now: start)
        try center.tick(now: start.adding(milliseconds: 30_000))
        let event = AlertTestSupport.event(40, at: start.adding(milliseconds: 40_000))
        #expect(center.engine.evaluate(event).isEmpty)
        try center.enqueue([])
        try center.tick(now: start.adding(milliseconds: 40_001))
        await center.drain(timeout: .seconds(45))
        // drain ticks at the wall-clock time too: on a slow machine the feed may have gone quiet again by then.
        let lines = Array(AlertTestSupport.jsonLines(directory.file("alerts.jsonl")).prefix(2))
        #expect(lines.map { $0["status"] as? String } == ["firing", "resolved"])
        #expect(lines.map { $0["kind"] as? String } == ["flatline", "flatline"])
        #expect(lines.first?["group"] as? [String: String] == ["feed": "bot"])
        #expect(lines.last?["ends_at"] as? String == start.adding(milliseconds: 40_001).rfc3339)
    }

    @Test func runtimeSilencesComeFromAFileInTheStateDirectory() async throws {
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.fileConfiguration(directory)
        let log = CapturedLog()
        let center = try AlertCenter(configuration: configuration, logger: log.logger, environment: [:])
        let until = Timestamp.now.adding(milliseconds: 3_600_000).rfc3339
        try directory.write(
            "state/silences.yaml",
            """
            - rule: all
              until: \(until)
              match: {region: homiel}
              comment: drill near Mazyr
            """
        )
        try center.tick(now: Timestamp.now)
        #expect(center.engine.evaluate(AlertTestSupport.event(50, region: .homiel)).isEmpty)
        #expect(center.engine.evaluate(AlertTestSupport.event(51, region: .brest)).count == 1)
        // A broken file is reported with its position and changes nothing.
        try directory.write("state/silences.yaml", "- rule: all\n  untl: tomorrow\n")
        try center.tick(now: Timestamp.now)
        #expect(log.text.contains("silences.yaml:2: [0].untl: unknown key"), "\(log.text)")
        #expect(center.engine.evaluate(AlertTestSupport.event(52, region: .homiel)).isEmpty)
        try FileManager.default.removeItem(atPath: directory.file("state/silences.yaml"))
        try center.tick(now: Timestamp.now)
        #expect(center.engine.evaluate(AlertTestSupport.event(53, region: .homiel)).count == 1)
    }
}
