import Foundation
import HajunTestSupport
import Testing

/// A restart does not forget: posts seen before a restart are recognised after it, from the dedup index in the
/// state directory, not from anything the second process saw itself.
@Suite("Restart dedup")
struct RestartDedupTests {
    static let config = """
        version: 1
        feeds:
          - name: reports
            path: reports
            format: jsonl
        log:
          path: var/log/events.jsonl
        state:
          directory: var/state
        """

    @Test("after a restart, the same text from another chat and a forward of a seen post are exact duplicates")
    func restartDoesNotForget() async throws {
        let directory = try TemporaryDirectory("hajund-restart-dedup")
        let config = try directory.write("hajund.yaml", Self.config)
        try directory.write(
            "reports/1-before.jsonl",
            """
            {"chat":"hajun_demo","message_id":2150,"date":"2022-02-24T07:00:00Z","text":"Пуск ракет из-под Мозыря в сторону Украины, 4 ракеты"}
            {"chat":"hajun_demo","message_id":2151,"date":"2022-02-24T07:02:00Z","text":"На аэродром Мачулищи прилетели 2 Су-34"}

            """
        )
        let first = try await Hajund.launch(["run", "--config", config, "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = events(in: directory)
        try #require(before.count == 2, "the first run logs both posts: \(first.stderr)")
        let launch = try #require(before.first { ($0["text"] as? String)?.contains("Пуск") == true })
        let aviation = try #require(before.first { ($0["text"] as? String)?.contains("Су-34") == true })
        #expect(dedup(launch)?["status"] as? String == "new")

        // A new process: only the state directory links it to the first one.
        try directory.write(
            "reports/2-after.jsonl",
            """
            {"chat":"mazyr_news_demo","message_id":77,"date":"2022-02-24T07:20:00Z","text":"Пуск ракет из-под Мозыря в сторону Украины, 4 ракеты"}
            {"chat":"air_watch_demo","message_id":501,"date":"2022-02-24T07:25:00Z","text":"На аэродром Мачулищи прилетели 2 Су-34","forward_from_chat":"hajun_demo","forward_from_message_id":2151}

            """
        )
        let second = try await Hajund.launch(["run", "--config", config, "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        let after = events(in: directory)
        try #require(after.count == 4, "the second run logs the two new posts once: \(second.stderr)")
        #expect(after.prefix(2).map { $0["id"] as? String } == before.map { $0["id"] as? String })

        let repost = try #require(
            after.first { (($0["source"] as? [String: Any])?["chat"] as? String) == "mazyr_news_demo" })
        #expect(dedup(repost)?["status"] as? String == "exact", "same text, other chat: \(dedup(repost) ?? [:])")
        #expect(dedup(repost)?["of"] as? String == launch["id"] as? String)
        #expect(dedup(repost)?["sources"] as? Int == 2, "another channel corroborates the incident")

        let forward = try #require(
            after.first { (($0["source"] as? [String: Any])?["chat"] as? String) == "air_watch_demo" })
        #expect(dedup(forward)?["status"] as? String == "exact", "forward of a seen post: \(dedup(forward) ?? [:])")
        #expect(dedup(forward)?["of"] as? String == aviation["id"] as? String)
    }

    private func events(in directory: TemporaryDirectory) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
    }

    private func dedup(_ event: [String: Any]) -> [String: Any]? {
        event["dedup"] as? [String: Any]
    }
}
