import Foundation
import HajunTestSupport
import Testing

@Suite("Log follow: coreutils tail -F and hajund tail --follow across rotations")
struct LogFollowTests {
    static let total = 200_000
    static let keep = 20

    @Test("200,000 events, rotation every few thousand lines: both followers get every line exactly once, in order")
    func followersSeeEveryLineOnce() async throws {
        let directory = try TemporaryDirectory("logfollow")
        let logDirectory = directory.file("log")
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        let live = logDirectory + "/events.jsonl"
        // tail -F falls back to polling once a second when it starts before the file exists; an empty live file is
        // where the daemon begins anyway.
        _ = FileManager.default.createFile(atPath: live, contents: nil)

        let tailOutput = directory.file("tail-F.out")
        let hajundOutput = directory.file("hajund-tail.out")
        let hajundErrors = directory.file("hajund-tail.err")
        let coreutilsTail = try Self.start("/usr/bin/tail", ["-n", "+1", "-F", live], stdout: tailOutput)
        let hajundTail = try Self.start(
            Hajund.path, ["tail", "--log", live, "--follow", "--from-start", "--json"], stdout: hajundOutput,
            stderr: hajundErrors)
        // SIGKILL: children of a test runner can inherit a mask that blocks SIGTERM.
        defer {
            for process in [coreutilsTail, hajundTail] where process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
        }

        // ~600-byte lines, 2 MiB backups: a rotation every ~3,500 lines (every ~350 ms at 10,000 lines a second, above
        // the 300 ms minimum interval), ~57 in all. tail -F reopens the name when it sees a rotation: a follower
        // that sleeps through two rotations misses the generation between them, which is what the minimum interval
        // protects; on a loaded test machine it needs the few hundred milliseconds a real log gives it by far.
        let writer = try Hajund.run([
            "log-bench", "--log", live, "--count", "\(Self.total)", "--rotate-size", "2MiB", "--min-interval", "300ms",
            "--keep", "\(Self.keep)", "--keep-age", "0", "--rate", "10000",
        ])
        #expect(writer.status == 0, "\(writer.stderr)")

        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline,
            LogTestFiles.lineCount(tailOutput) < Self.total || LogTestFiles.lineCount(hajundOutput) < Self.total
        {
            try await Task.sleep(for: .milliseconds(200))
        }
        // A moment more, so that a duplicate arriving late would be caught.
        try await Task.sleep(for: .milliseconds(500))
        kill(coreutilsTail.processIdentifier, SIGKILL)
        kill(hajundTail.processIdentifier, SIGKILL)
        coreutilsTail.waitUntilExit()
        hajundTail.waitUntilExit()

        for output in [tailOutput, hajundOutput] {
            let lines = try LogTestFiles.lines(of: output)
            let seqs = lines.compactMap(LogTestFiles.seq(of:))
            #expect(seqs.count == lines.count, "\(output): lines that are not events")
            #expect(seqs.count == Self.total, "\(output): \(seqs.count) lines")
            let firstWrong = seqs.indices.first { seqs[$0] != Int64($0 + 1) }
            #expect(
                firstWrong == nil && seqs.count == Self.total,
                """
                \(output): not every seq exactly once in order; line \((firstWrong ?? seqs.count) + 1) has seq \
                \(firstWrong.map { String(seqs[$0]) } ?? "none")
                """)
        }
        let notices = (try? String(contentsOfFile: hajundErrors, encoding: .utf8)) ?? ""
        #expect(notices.isEmpty, "hajund tail reported: \(notices)")

        // Retention kept exactly `keep` backups; all but the newest are gzip that gzip -t accepts.
        let contents = try LogTestFiles.read(directory: logDirectory)
        #expect(contents.backups.count == Self.keep)
        #expect(contents.backups.last?.hasSuffix(".jsonl") == true)
        for backup in contents.backups.dropLast() {
            #expect(backup.hasSuffix(".jsonl.gz"))
            #expect(try ChildProcess.run("/bin/gzip", ["-t", logDirectory + "/" + backup]).status == 0)
        }
        // What is left is the newest part of the log, whole: rotations happened every few thousand lines.
        let first = LogTestFiles.firstSeq(try #require(contents.backups.first))
        #expect(
            contents.seqs == (first...Int64(Self.total)).map { $0 },
            "kept seqs: \(contents.seqs.count), from \(contents.seqs.first ?? 0) to \(contents.seqs.last ?? 0)")
        let sizes = zip(contents.backups, contents.backups.dropFirst()).map {
            LogTestFiles.firstSeq($1) - LogTestFiles.firstSeq($0)
        }
        #expect(sizes.allSatisfy { (2_000...6_000).contains($0) }, "lines per backup: \(sizes)")
    }

    static func start(
        _ executable: String, _ arguments: [String], stdout: String, stderr: String? = nil
    ) throws
        -> Process
    {
        _ = FileManager.default.createFile(atPath: stdout, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        if let stderr {
            _ = FileManager.default.createFile(atPath: stderr, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }
}
