import Foundation
import HajunCore
import HajunTestSupport
import Logging
import Testing

@testable import HajunDaemon

/// The keys of posts taken stay bounded by the exact window (by the posts' own time), in memory and in the state
/// store, and a file read again still yields no post twice.
@Suite struct SeenPostsTests {
    @Test func keysOutsideTheWindowBehindTheNewestAreForgotten() {
        var seen = SeenPosts([:], exactWindowMilliseconds: 7 * 86_400_000)
        #expect(!seen.isForgotten(feed: "f", timeSeconds: 0))
        let day: Int64 = 86_400
        for index in 1..<20 { seen.insert(UInt64(index), feed: "f", timeSeconds: Int64(index) * day) }
        seen.insert(99, feed: "g", timeSeconds: 0)
        #expect(seen.prune(feed: "f") == 12 * day)
        #expect(seen.count == 8 + 1, "days 12…19 of f, and g's only key")
        #expect(!seen.contains(11, feed: "f") && seen.contains(12, feed: "f") && seen.contains(99, feed: "g"))
        #expect(seen.prune(feed: "f") == nil, "nothing more to forget")
        #expect(seen.bounds(feed: "f") == .init(oldest: day, forgottenBefore: 12 * day))
        // Days 1…11 may have been taken: not again. Day 0 is older than anything f ever gave: never taken.
        #expect(seen.isForgotten(feed: "f", timeSeconds: 11 * day) && seen.isForgotten(feed: "f", timeSeconds: day))
        #expect(!seen.isForgotten(feed: "f", timeSeconds: 0) && !seen.isForgotten(feed: "f", timeSeconds: 12 * day))
        #expect(!seen.isForgotten(feed: "g", timeSeconds: 0), "g forgot nothing")
        #expect(SeenPosts.time(postedAtSeconds: 5, editedAtSeconds: 40) == 40, "an edit counts from the edit")

        // Restored from the state: the bounds carry over.
        let restored = SeenPosts(
            ["f": [12: 12 * day]], bounds: ["f": .init(oldest: day, forgottenBefore: 12 * day)],
            exactWindowMilliseconds: 7 * 86_400_000)
        #expect(restored.isForgotten(feed: "f", timeSeconds: 5 * day) && restored.contains(12, feed: "f"))
    }

    @Test func aFileReadAgainAfterPruningYieldsNothingTwiceAndTheStoreStaysBounded() async throws {
        let directory = try TemporaryDirectory()
        // Thirty days of posts, one a day, oldest first; the window is 7 days.
        var lines = ""
        for day in 0..<30 {
            let date = Timestamp(secondsSince1970: 1_645_660_800 + Int64(day) * 86_400).rfc3339
            lines += """
                {"chat":"hajun_demo","message_id":\(100 + day),"date":"\(date)","text":"Колонна из \(day + 3) единиц техники в сторону Мозыря, день \(day)"}

                """
        }
        try directory.write("reports.jsonl", lines)
        let yaml = """
            version: 1
            feeds:
              - { name: reports, path: reports.jsonl, format: jsonl }
            log: { path: var/log/events.jsonl }
            state: { directory: var/state }
            dedup: { exact_window: 7d }
            """
        let configuration = try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: directory.path)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        for _ in 0..<3 {
            let daemon = try Daemon(configuration: configuration, logger: logger)
            await daemon.pollAll()
        }
        let log = try String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 30, "every post once, however often the file is read")

        let state = try StateStore(directory: directory.file("var/state")).load()
        let times = try #require(state.seenTimes["reports"])
        let newest = 1_645_660_800 + 29 * 86_400
        #expect(times.count == 8, "only the keys within 7 days of the newest post are kept")
        #expect(times.values.allSatisfy { $0 >= newest - 7 * 86_400 })
        #expect(
            state.seenBounds["reports"] == .init(oldest: 1_645_660_800, forgottenBefore: Int64(newest - 7 * 86_400)))

        // An old export dropped into the feed later: older than anything the feed gave, so never taken; it is
        // taken once, and not again when read again.
        var older = ""
        for day in 1...3 {
            let date = Timestamp(secondsSince1970: 1_645_660_800 - Int64(day) * 86_400).rfc3339
            older += """
                {"chat":"hajun_demo","message_id":\(10 + day),"date":"\(date)","text":"Эшелон с техникой на станции Лунинец, \(day * 10) платформ"}

                """
        }
        try directory.write("reports.jsonl", lines + older)
        for _ in 0..<2 {
            let daemon = try Daemon(configuration: configuration, logger: logger)
            await daemon.pollAll()
        }
        let after = try String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)
        #expect(after.split(separator: "\n").count == 33, "the three older posts once each")
    }
}
