import Foundation
import HajunCore
import HajunTestSupport
import Synchronization
import Testing

@testable import HajunDaemon

/// Slack-compatible and Telegram Bot API receivers against a loopback server that answers like them.
@Suite struct ReceiverChatTests {
    @Test func slackGetsOneTextField() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            return .init(text: "ok")
        }
        let directory = try TemporaryDirectory()
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: "- {name: chat, type: slack, url: {env: SLACK_URL}}",
            rules: "- {name: launch, receiver: chat}"
        )
        let log = CapturedLog()
        let center = try AlertCenter(
            configuration: configuration, logger: log.logger,
            environment: ["SLACK_URL": "\(server.baseURL)/services/T0/B0/SECRETPART"]
        )
        let event = AlertTestSupport.event(1)
        try center.enqueue([Alert(rule: configuration.rules[0], event: event, firedAt: event.receivedAt)])
        await center.drain(timeout: .seconds(30))
        let request = try #require(recorder.all.first)
        #expect(request.path == "/services/T0/B0/SECRETPART")
        let body = AlertTestSupport.json(request.body)
        #expect(body.keys.sorted() == ["text"])
        #expect(
            body["text"] as? String
                == "[FIRING] launch: missile_launch, critical, Mazyr (homiel): Пуск ракет из-под Мозыря\nhttps://t.me/hajun_test/1"
        )
        await server.stop()
    }

    @Test func telegramSendMessageHonoursRetryAfterAndKeepsTheTokenOut() async throws {
        let recorder = RequestRecorder()
        let server = try await LoopbackHTTPServer.start { request in
            recorder.record(request)
            if recorder.count == 1 {
                return .init(
                    status: 429,
                    text:
                        #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"#
                )
            }
            let chat = AlertTestSupport.json(request.body)["chat_id"] as? String
            if chat == "@nowhere" {
                return .init(
                    status: 400, text: #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#)
            }
            return .init(text: #"{"ok":true,"result":{"message_id":77}}"#)
        }
        let directory = try TemporaryDirectory()
        try directory.write("credentials/telegram-token", "4242:TOPSECRETTOKEN\n")
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: """
                - {name: tg, type: telegram, token: {credential: telegram-token}, chat_id: "-1001234", api_url: "\(server.baseURL)"}
                - {name: lost, type: telegram, token: {credential: telegram-token}, chat_id: "@nowhere", api_url: "\(server.baseURL)"}
                """,
            rules: """
                - {name: launch, receiver: tg}
                - {name: launch-lost, receiver: lost}
                """
        )
        let log = CapturedLog()
        let center = try AlertCenter(
            configuration: configuration, logger: log.logger,
            environment: ["CREDENTIALS_DIRECTORY": directory.file("credentials")]
        )
        let event = AlertTestSupport.event(2)
        let alerts = center.engine.evaluate(event).map { Alert(rule: $0, event: event, firedAt: event.receivedAt) }
        try await AlertTestSupport.running(center) {
            try center.enqueue(alerts.filter { $0.receiver == "tg" })
            #expect(await AlertTestSupport.eventually { try recorder.count == 2 && center.pendingCounts().isEmpty })
            try center.enqueue(alerts.filter { $0.receiver == "lost" })
            #expect(await AlertTestSupport.eventually { AlertTestSupport.jsonLines(center.deadLetterPath).count == 1 })
        }
        let requests = recorder.all
        #expect(requests.allSatisfy { $0.path == "/bot4242:TOPSECRETTOKEN/sendMessage" })
        let times = recorder.times
        #expect(times[0].duration(to: times[1]) >= .milliseconds(990), "retry_after: 1 was honoured")
        let body = AlertTestSupport.json(requests[1].body)
        #expect(body["chat_id"] as? String == "-1001234")
        #expect(body["disable_web_page_preview"] as? Bool == true)
        #expect((body["text"] as? String)?.hasPrefix("[FIRING] launch: missile_launch") == true)
        let dead = AlertTestSupport.jsonLines(center.deadLetterPath)
        #expect(
            dead.first?["reason"] as? String
                == #"HTTP 400: {"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#)
        #expect(log.text.contains("HTTP 429"), "\(log.text)")
        #expect(!log.text.contains("TOPSECRET"), "\(log.text)")
        #expect(
            !String(
                decoding: (try? Data(contentsOf: URL(fileURLWithPath: center.deadLetterPath))) ?? Data(), as: UTF8.self
            ).contains("TOPSECRET"))
        await server.stop()
    }

    @Test func transportErrorsNameTheURLRedacted() async throws {
        let directory = try TemporaryDirectory()
        let refusing = try RefusingPort()
        let port = refusing.port
        let configuration = try AlertTestSupport.configuration(
            directory,
            receivers: """
                - {name: tg, type: telegram, token: "4242:TOPSECRETTOKEN", chat_id: "1", api_url: "http://127.0.0.1:\(port)", retry: {initial: 10m, max: 10m}}
                - {name: hook, type: webhook, url: "http://127.0.0.1:\(port)/h?token=HOOKSECRET", retry: {initial: 10m, max: 10m}}
                """,
            rules: """
                - {name: a, receiver: tg}
                - {name: b, receiver: hook}
                """
        )
        let log = CapturedLog()
        let center = try AlertCenter(configuration: configuration, logger: log.logger, environment: [:])
        let event = AlertTestSupport.event(3)
        try center.enqueue(
            center.engine.evaluate(event).map { Alert(rule: $0, event: event, firedAt: event.receivedAt) })
        await center.drain(timeout: .seconds(30))
        #expect(log.text.contains("bot<redacted>/sendMessage"), "\(log.text)")
        #expect(log.text.contains("token=<redacted>"), "\(log.text)")
        #expect(!log.text.contains("TOPSECRET") && !log.text.contains("HOOKSECRET"), "\(log.text)")
        #expect(
            try center.outboxEntries().allSatisfy { $0.state == .pending && $0.attempts == 1 && $0.lastError != nil })
        withExtendedLifetime(refusing) {}
    }
}
