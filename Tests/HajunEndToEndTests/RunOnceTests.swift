import Foundation
import HajunTestSupport
import Synchronization
import Testing

/// `hajund run --once` against a real loopback HTTP server and real files, reading the log back.
@Suite struct RunOnceTests {
    static let updates: [(Int, Int, String)] = [
        (101, 501, "Колонна из 27 единиц техники движется в сторону Мозыря"),
        (102, 502, "Пуск ракет из-под Мозыря, воздушная тревога по всей Украине"),
        (103, 503, "На аэродром Мачулищи прилетели 2 Су-34"),
    ]

    static func getUpdatesBody(after offset: Int) -> String {
        let items = updates.filter { $0.0 >= offset }.map { update, message, text in
            """
            {"update_id":\(update),"channel_post":{"message_id":\(message),"chat":{"id":-1001234,"title":"Hajun test","username":"hajun_test","type":"channel"},"date":\(1_645_674_000 + message),"text":"\(text)"}}
            """
        }
        return "{\"ok\":true,\"result\":[\(items.joined(separator: ","))]}"
    }

    @Test func pollsHTTPAndFilesAndLogsEveryPostOnce() async throws {
        let offsets = Mutex<[String]>([])
        let server = try await LoopbackHTTPServer.start { request in
            if request.path == "/bot4242:SECRET/getUpdates" {
                let offset = request.query.split(separator: "&").first { $0.hasPrefix("offset=") }.map {
                    String($0.dropFirst(7))
                }
                offsets.withLock { $0.append(offset ?? "none") }
                return .init(text: Self.getUpdatesBody(after: Int(offset ?? "0") ?? 0))
            }
            return .init(status: 500, text: "broken")
        }
        let directory = try TemporaryDirectory()
        try directory.write(
            "reports.jsonl",
            """
            {"chat":"hajun_test","message_id":9001,"date":"2022-03-01T07:00:00Z","text":"Задержан мужчина за фото колонны в Гомеле"}
            {"chat":"hajun_test","message_id":9002,"date":"2022-03-01T07:05:00Z","text":"Relay cabinet burned near Asipovichy station"}

            """
        )
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - name: bot
                url: \(server.baseURL)/bot4242:SECRET/getUpdates
                format: telegram-bot-api
              - name: broken
                url: \(server.baseURL)/broken.xml
                format: rss
              - name: reports
                path: reports.jsonl
                format: jsonl
            log:
              path: var/log/events.jsonl
            state:
              directory: var/state
            receivers:
              - name: file
                type: file
                path: var/alerts.jsonl
            rules:
              - name: all
                type: any
                receiver: file
            """
        )
        let first = try await Hajund.launch(["run", "--config", config, "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("broken"), "the failing feed is reported: \(first.stderr)")
        #expect(!first.stderr.contains("SECRET"), "the token is never printed")
        let log = try String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)
        let events = log.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
        #expect(events.count == 5)
        for event in events { EventSchema.validate(event) }
        #expect(events.map { $0["seq"] as? Int } == [1, 2, 3, 4, 5])
        #expect(Set(events.compactMap { $0["feed"] as? String }) == ["bot", "reports"])
        let alerts = try String(contentsOfFile: directory.file("var/alerts.jsonl"), encoding: .utf8)
        #expect(alerts.split(separator: "\n").count == 5)

        // A second run takes nothing twice: the Bot API offset is persisted and the file's posts are remembered.
        let second = try await Hajund.launch(["run", "--config", config, "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        let logAfter = try String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)
        #expect(logAfter == log)
        #expect(offsets.withLock { $0 } == ["none", "104"])
        await server.stop()
    }
}
