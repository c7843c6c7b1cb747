import Foundation
import HajunCore
import HajunTestSupport
import Testing

@testable import HajunDaemon

@Suite("EventLog rotation: naming, size, age, min interval, compression, retention, external mode")
struct EventLogRotationTests {
    /// Every seq in the live file and all backups, in file order (backups by the seq in their names).
    static func allSeqs(_ directory: String) throws -> (seqs: [Int64], fragments: Int) {
        var seqs: [Int64] = []
        var fragments = 0
        for name in try LogTestLines.backups(directory) + ["events.jsonl"] {
            let found = try LogTestLines.seqs(of: directory + "/" + name)
            seqs += found.seqs
            fragments += found.fragments
        }
        return (seqs, fragments)
    }

    @Test("size rotation: backups named events-<UTC time>-<first seq>.jsonl, never matching the live name or glob")
    func sizeRotationNaming() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock("2026-01-01T12:00:00Z")
        let configuration = LogTestLines.configuration(directory.path) {
            $0.rotateSize = 4096
            $0.minIntervalMilliseconds = 0
            $0.compress = false
            $0.keep = 1000
        }
        let writer = try EventLogWriter(configuration: configuration, clock: clock)
        for seq in Int64(1)...200 {
            try writer.append(LogTestLines.line(seq))
            clock.advance(milliseconds: 1000)
        }
        try writer.close()
        let backups = try LogTestLines.backups(directory.path)
        #expect(backups.count >= 5)
        #expect(backups.first?.hasPrefix("events-20260101T12") == true)
        #expect(backups.first?.hasSuffix("Z-000000000001.jsonl") == true)
        let names = try backups.map { try #require(LogBackupName(fileName: $0, live: .init("events.jsonl"))) }
        for (name, next) in zip(names, names.dropFirst()) {
            // Rotated just before the next file's first line, appended (seq - 1) seconds after 12:00:00.
            #expect(
                name.rotatedAt
                    == Timestamp(parsing: "2026-01-01T12:00:00Z")!.adding(milliseconds: (next.firstSeq - 1) * 1000))
        }
        for name in backups {
            #expect(fnmatch("events.jsonl*", name, 0) != 0)
            let size = try #require(
                try FileManager.default.attributesOfItem(atPath: directory.file(name))[.size] as? Int)
            #expect(size <= 4096)
            let parsed = try #require(LogBackupName(fileName: name, live: .init("events.jsonl")))
            #expect(parsed.firstSeq == (try LogTestLines.seqs(of: directory.file(name))).seqs.first)
            #expect(parsed.fileName(for: .init("events.jsonl")) == name)
        }
        let all = try Self.allSeqs(directory.path)
        #expect(all.seqs == Array(1...200))
        #expect(all.fragments == 0)
    }

    @Test("the minimum interval holds rotations back, whatever the size")
    func minimumInterval() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock()
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path) {
                $0.rotateSize = 4096
                $0.minIntervalMilliseconds = 1000
                $0.compress = false
            },
            clock: clock
        )
        for seq in Int64(1)...200 { try writer.append(LogTestLines.line(seq)) }
        #expect(try LogTestLines.backups(directory.path).count == 1)
        clock.advance(milliseconds: 999)
        try writer.append(LogTestLines.line(201))
        #expect(try LogTestLines.backups(directory.path).count == 1)
        clock.advance(milliseconds: 1)
        try writer.append(LogTestLines.line(202))
        #expect(try LogTestLines.backups(directory.path).count == 2)
        try writer.close()
        #expect(try Self.allSeqs(directory.path).seqs == Array(1...202))
    }

    @Test("age rotation at the UTC day boundary, also when idle (tick)")
    func dailyRotation() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock("2026-01-01T23:59:58Z")
        let writer = try EventLogWriter(configuration: LogTestLines.configuration(directory.path), clock: clock)
        try writer.append(LogTestLines.line(1))
        clock.advance(milliseconds: 1000)
        try writer.append(LogTestLines.line(2))
        #expect(try LogTestLines.backups(directory.path).isEmpty)
        clock.advance(milliseconds: 1500)
        try writer.append(LogTestLines.line(3))
        #expect(try LogTestLines.backups(directory.path) == ["events-20260102T000000Z-000000000001.jsonl"])
        clock.advance(milliseconds: 86_400_000)
        try writer.tick()
        #expect(try LogTestLines.backups(directory.path).count == 2)
        #expect(try LogTestLines.backups(directory.path).last == "events-20260103T000000Z-000000000003.jsonl")
        try writer.close()
        #expect(try Self.allSeqs(directory.path).seqs == [1, 2, 3])
    }

    @Test("all backups but the newest are gzip that gzip -t accepts and that decompress to the same lines")
    func compression() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock()
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path) {
                $0.rotateSize = 8192
                $0.minIntervalMilliseconds = 0
                $0.keep = 1000
            },
            clock: clock
        )
        for seq in Int64(1)...1000 { try writer.append(LogTestLines.line(seq)) }
        try writer.close()
        let backups = try LogTestLines.backups(directory.path)
        #expect(backups.count > 10)
        #expect(backups.filter { !$0.hasSuffix(".gz") } == [backups.last!])
        for name in backups.dropLast() {
            #expect(try LogTestLines.run("/bin/gzip", ["-t", directory.file(name)]).status == 0)
        }
        // The reader's own zlib path agrees with gzip.
        let gz = directory.file(backups[0])
        let viaReader = try LogFileScan.seqRange(path: gz, compressed: true)
        let viaGzip = try LogTestLines.seqs(of: gz).seqs
        #expect(viaReader?.first == viaGzip.first && viaReader?.last == viaGzip.last)
        let all = try Self.allSeqs(directory.path)
        #expect(all.seqs == Array(1...1000), "\(all.seqs.count) seqs, \(all.fragments) fragments, \(backups)")
    }

    @Test("a truncated gzip backup is an error, not a short read")
    func truncatedGzip() throws {
        let directory = try TemporaryDirectory("eventlog")
        let text = (1...500).map { String(decoding: LogTestLines.line($0), as: UTF8.self) + "\n" }.joined()
        let plain = try directory.write("events-20260101T120000Z-000000000001.jsonl", text)
        try GzipFileCompressor.compress(source: plain, destination: plain + ".gz")
        let data = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: plain + ".gz"))
        #expect(throws: EventLogError.self) { _ = try LogFileScan.seqRange(path: plain + ".gz", compressed: true) }
    }

    @Test("retention keeps exactly `keep` backups, the newest ones")
    func retentionByCount() throws {
        let directory = try TemporaryDirectory("eventlog")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path) {
                $0.rotateSize = 4096
                $0.minIntervalMilliseconds = 0
                $0.keep = 3
            },
            clock: ManualLogClock()
        )
        for seq in Int64(1)...500 { try writer.append(LogTestLines.line(seq)) }
        try writer.close()
        let backups = try LogTestLines.backups(directory.path)
        #expect(backups.count == 3)
        let all = try Self.allSeqs(directory.path).seqs
        #expect(all.last == 500)
        #expect(all == Array(all.first!...500))
    }

    @Test("retention by age removes backups rotated out longer ago than keep_age")
    func retentionByAge() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock("2026-01-01T00:00:00Z")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path) {
                $0.keepAgeMilliseconds = 2 * 86_400_000
                $0.compress = false
            },
            clock: clock
        )
        for seq in Int64(1)...6 {
            try writer.append(LogTestLines.line(seq))
            clock.advance(milliseconds: 86_400_000)
        }
        try writer.append(LogTestLines.line(7))
        try writer.close()
        // Rotations at the starts of Jan 2..7; now is Jan 7: those older than two days (Jan 2, 3, 4) are gone.
        #expect(
            try LogTestLines.backups(directory.path) == [
                "events-20260105T000000Z-000000000004.jsonl", "events-20260106T000000Z-000000000005.jsonl",
                "events-20260107T000000Z-000000000006.jsonl",
            ])
    }

    @Test("leftovers of an interrupted compression are cleaned up on start")
    func interruptedCompressionLeftovers() throws {
        let directory = try TemporaryDirectory("eventlog")
        let lines = { (range: ClosedRange<Int64>) in
            range.map { String(decoding: LogTestLines.line($0), as: UTF8.self) + "\n" }.joined()
        }
        let first = try directory.write("events-20260101T120000Z-000000000001.jsonl", lines(1...10))
        try GzipFileCompressor.compress(source: first, destination: first + ".gz")
        let second = try directory.write("events-20260101T120100Z-000000000011.jsonl", lines(11...20))
        try directory.write("events-20260101T120100Z-000000000011.jsonl.gz.tmp", "half a gzip")
        try directory.write("events-20260101T120200Z-000000000021.jsonl", lines(21...30))
        try directory.write("events.jsonl", lines(31...32))
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path), clock: ManualLogClock())
        #expect(writer.nextSeq == 33)
        try writer.close()
        #expect(
            try LogTestLines.backups(directory.path) == [
                "events-20260101T120000Z-000000000001.jsonl.gz", "events-20260101T120100Z-000000000011.jsonl.gz",
                "events-20260101T120200Z-000000000021.jsonl",
            ])
        #expect(!FileManager.default.fileExists(atPath: second))
        #expect(try Self.allSeqs(directory.path).seqs == Array(1...32))
    }

    @Test("a rotation that cannot rename (the name is taken) is retried later; no line is lost")
    func failedRotationRetries() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock("2026-01-01T12:00:00Z")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path) {
                $0.rotateSize = 4096
                $0.minIntervalMilliseconds = 0
                $0.compress = false
            },
            clock: clock
        )
        // Something else holds the name the first rotation wants.
        try FileManager.default.createDirectory(
            atPath: directory.file("events-20260101T120000Z-000000000001.jsonl"), withIntermediateDirectories: true)
        for seq in Int64(1)...100 { try writer.append(LogTestLines.line(seq)) }
        clock.advance(milliseconds: 1000)
        try writer.append(LogTestLines.line(101))
        try writer.close()
        try FileManager.default.removeItem(atPath: directory.file("events-20260101T120000Z-000000000001.jsonl"))
        #expect(try LogTestLines.backups(directory.path) == ["events-20260101T120001Z-000000000001.jsonl"])
        #expect(try Self.allSeqs(directory.path).seqs == Array(1...101))
    }

    @Test("external mode: no own rotation; after logrotate renames the file, reopen (SIGHUP) starts a new one")
    func externalRotation() throws {
        let directory = try TemporaryDirectory("eventlog")
        let configuration = LogTestLines.configuration(directory.path) {
            $0.rotation = .external
            $0.rotateSize = 4096
            $0.minIntervalMilliseconds = 0
        }
        let clock = ManualLogClock()
        let writer = try EventLogWriter(configuration: configuration, clock: clock)
        for seq in Int64(1)...100 { try writer.append(LogTestLines.line(seq)) }
        #expect(try LogTestLines.logFiles(directory.path) == ["events.jsonl"])
        // logrotate with `create`: rename, create an empty file, then SIGHUP.
        try FileManager.default.moveItem(atPath: configuration.path, toPath: directory.file("events.jsonl.1"))
        try writer.append(LogTestLines.line(101))  // before the signal: still into the renamed file
        FileManager.default.createFile(atPath: configuration.path, contents: nil)
        try writer.reopen()
        try writer.append(LogTestLines.line(102))
        try writer.close()
        #expect(try LogTestLines.seqs(of: directory.file("events.jsonl.1")).seqs == Array(1...101))
        #expect(try LogTestLines.seqs(of: configuration.path).seqs == [102])
        // A restart after a rotation, before any new line, finds seq in logrotate's newest backup.
        try FileManager.default.moveItem(atPath: configuration.path, toPath: directory.file("events.jsonl.0"))
        let restarted = try EventLogWriter(configuration: configuration, clock: clock)
        #expect(restarted.nextSeq == 103)
        try restarted.close()
    }
}
