import Foundation
import HajunTestSupport
import Testing

/// Rule state survives a restart of the process: a stateful rule that fired does not fire again for the same
/// episode after `hajund run` starts anew, which it would if the restart had forgotten the events it counted.
@Suite("Rule state across restarts")
struct RuleStateRestartTests {
    static let config = """
        version: 1
        feeds:
          - { name: reports, path: reports, format: jsonl }
        log: { path: var/log/events.jsonl }
        state: { directory: var/state }
        receivers:
          - { name: duty-file, type: file, path: var/alerts.jsonl }
        rules:
          - { name: launch-wave, type: frequency, count: 2, window: 1h, match: { category: missile_launch }, receiver: duty-file }
        """

    static func line(_ id: Int, minutesAgo: Int, _ text: String) -> String {
        let date = Date().addingTimeInterval(-Double(minutesAgo) * 60)
        let seconds = Int(date.timeIntervalSince1970)
        return #"{"chat":"hajun_demo","message_id":\#(id),"date":\#(seconds),"text":"\#(text)"}"# + "\n"
    }

    @Test("a frequency rule that fired before a restart does not fire again for the same episode after it")
    func firedRuleStaysFiredAcrossARestart() async throws {
        let directory = try TemporaryDirectory("hajund-rule-restart")
        let config = try directory.write("hajund.yaml", Self.config)
        try directory.write(
            "reports/1.jsonl",
            Self.line(1, minutesAgo: 20, "Пуск ракет из-под Мозыря в сторону Украины")
                + Self.line(2, minutesAgo: 18, "Пуск ракет из района Калинковичей, воздушная тревога")
        )
        let first = try await Hajund.launch(["run", "--config", config, "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        let firedBefore = notices(in: directory)
        try #require(firedBefore.count == 1, "two launches within the hour fire the rule once: \(first.stderr)")

        // Two more launches in the same hour, read by a new process. Had it forgotten the first two, these two
        // alone would reach the count and fire again.
        try directory.write(
            "reports/2.jsonl",
            Self.line(3, minutesAgo: 10, "Пуск ракет из-под Ельска, слышны взрывы")
                + Self.line(4, minutesAgo: 8, "Пуск ракет из района Наровли в сторону Украины")
        )
        let second = try await Hajund.launch(["run", "--config", config, "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        let events = (try? String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)) ?? ""
        let categories = events.split(separator: "\n").compactMap {
            EventSchema.parse(String($0))?["category"] as? String
        }
        #expect(categories == Array(repeating: "missile_launch", count: 4), "the posts are launches: \(categories)")
        let firingAfter = notices(in: directory).filter { $0["status"] as? String == "firing" }
        #expect(firingAfter.count == 1, "no second firing notice for the same episode: \(firingAfter)")
    }

    private func notices(in directory: TemporaryDirectory) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: directory.file("var/alerts.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
    }
}
