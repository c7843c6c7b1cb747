import Foundation
import HajunTestSupport
import Testing

@Suite("hajund tail: last events, whole log across gzip backups, filters, summaries, errors")
struct LogTailCommandTests {
    @Test(
        "prints the last 10 as summaries, everything with --from-start, and filters by category, severity, region, time"
    )
    func tailCommand() throws {
        let directory = try TemporaryDirectory("logtail")
        let live = directory.file("log/events.jsonl")
        let writer = try Hajund.run([
            "log-bench", "--log", live, "--count", "5000", "--rotate-size", "64KiB", "--min-interval", "0", "--keep",
            "1000",
        ])
        #expect(writer.status == 0, "\(writer.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("log"))
        #expect(names.filter { $0.hasSuffix(".jsonl.gz") }.count > 10)

        let last = try Hajund.run(["tail", "--log", live])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.lines.count == 10)
        #expect(last.lines.first?.hasPrefix("#4991  ") == true)
        #expect(last.lines.last?.hasPrefix("#5000  ") == true)
        for line in last.lines {
            for field in ["medium", "troop_movement", "Mazyr (homiel)", " new ", "Колонна"] {
                #expect(line.contains(field), "\(line) lacks \(field)")
            }
        }

        let all = try Hajund.run(["tail", "--log", live, "--from-start", "--json"])
        #expect(all.lines.compactMap { LogTestFiles.seq(of: Data($0.utf8)) } == (1...5000).map { Int64($0) })
        #expect(all.stderr.isEmpty)

        let cases: [([String], Int)] = [
            (["-n", "3", "--json"], 3),
            (["--severity", "high"], 0),
            (["--severity", "medium", "-n", "5"], 5),
            (["--category", "aviation,arrest"], 0),
            (["--category", "troop_movement", "-n", "7"], 7),
            (["--region", "homiel", "-n", "2"], 2),
            (["--region", "brest"], 0),
            (["--since", "1h", "--json"], 5000),
            (["--since", "2030-01-01T00:00:00Z"], 0),
        ]
        for (arguments, expected) in cases {
            let result = try Hajund.run(["tail", "--log", live] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.lines.count == expected, "\(arguments)")
        }

        let badCategory = try Hajund.run(["tail", "--log", live, "--category", "tanks"])
        #expect(badCategory.status != 0 && badCategory.stderr.contains("unknown category 'tanks'"))
        let missing = try Hajund.run(["tail", "--log", directory.file("nowhere/events.jsonl")])
        #expect(missing.status == 1 && missing.stderr.contains("no event log at"))
    }

    @Test("a crash fragment in the log is skipped with a note on stderr")
    func fragmentNote() throws {
        let directory = try TemporaryDirectory("logtail")
        let live = directory.file("log/events.jsonl")
        #expect(try Hajund.run(["log-bench", "--log", live, "--count", "20"]).status == 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: live))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"id":"x","seq":21,"fe"#.utf8))
        try handle.close()
        // The writer's next start closes the fragment off and carries on at 21.
        #expect(try Hajund.run(["log-bench", "--log", live, "--count", "5"]).status == 0)
        let result = try Hajund.run(["tail", "--log", live, "--from-start", "--json"])
        #expect(result.lines.compactMap { LogTestFiles.seq(of: Data($0.utf8)) } == (1...25).map { Int64($0) })
        #expect(result.stderr.contains("skipped an incomplete line (22 bytes"), "\(result.stderr)")
    }
}
