import Foundation
import HajunCore
import HajunTestSupport
import Synchronization
import Testing

@testable import HajunDaemon

@Suite("EventLog reader: order across backups, fragments, gaps, last N, following rotations")
struct EventLogReaderTests {
    /// Writes `count` events with small backups (compressed but the newest) and returns the live path.
    static func writeLog(_ directory: String, count: Int64, keep: Int = 1000) throws -> String {
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory) {
                $0.rotateSize = 8192
                $0.minIntervalMilliseconds = 0
                $0.keep = keep
            },
            clock: ManualLogClock()
        )
        for seq in Int64(1)...count { try writer.append(LogTestLines.line(seq)) }
        try writer.close()
        return writer.path
    }

    static func read(_ reader: EventLogReader) throws -> (seqs: [Int64], notices: [EventLogReader.Notice]) {
        var seqs: [Int64] = []
        var notices: [EventLogReader.Notice] = []
        try reader.run(notice: { notices.append($0) }, line: { seqs.append($0.seq) })
        return (seqs, notices)
    }

    @Test("reads gzip backups, the plain newest backup and the live file in seq order")
    func readsEverythingInOrder() throws {
        let directory = try TemporaryDirectory("eventlog")
        let path = try Self.writeLog(directory.path, count: 1000)
        #expect(try LogTestLines.backups(directory.path).filter { $0.hasSuffix(".gz") }.count > 5)
        let result = try Self.read(EventLogReader(livePath: path))
        #expect(result.seqs == Array(1...1000))
        #expect(result.notices.isEmpty)
    }

    @Test("starting at a seq skips what comes before; the last N start where tail -n would")
    func startPositions() throws {
        let directory = try TemporaryDirectory("eventlog")
        let path = try Self.writeLog(directory.path, count: 1000)
        #expect(try Self.read(EventLogReader(livePath: path, start: .seq(437))).seqs == Array(437...1000))
        #expect(try EventLogReader.startForLast(10, livePath: path) == .seq(991))
        #expect(try EventLogReader.startForLast(0, livePath: path) == .seq(1001))
        #expect(try EventLogReader.startForLast(5000, livePath: path) == .seq(1))
        let everySeventh = try EventLogReader.startForLast(3, livePath: path) { $0.seq % 7 == 0 }
        #expect(everySeventh == .seq(980))
        let none = try EventLogReader.startForLast(3, livePath: path) { _ in false }
        #expect(none == .seq(1001))
    }

    @Test("crash fragments are skipped with a notice; a missing backup shows as a gap")
    func fragmentsAndGaps() throws {
        let directory = try TemporaryDirectory("eventlog")
        let path = try Self.writeLog(directory.path, count: 1000)
        let backups = try LogTestLines.backups(directory.path)
        try FileManager.default.removeItem(atPath: directory.file(backups[3]))
        try LogTestLines.append(#"{"id":"x","seq":1001,"te"# + "\n", to: path)
        let result = try Self.read(EventLogReader(livePath: path))
        let removed = try #require(LogBackupName(fileName: backups[3], live: .init("events.jsonl")))
        let next = try #require(LogBackupName(fileName: backups[4], live: .init("events.jsonl")))
        #expect(result.seqs == Array(1..<removed.firstSeq) + Array(next.firstSeq...1000))
        #expect(result.notices.count == 2)
        #expect(
            result.notices.first
                == .gap(expected: removed.firstSeq, found: next.firstSeq, file: directory.file(backups[4])))
        if case .fragment(let file, _, let length) = result.notices.last {
            #expect(file == path && length == 24)
        } else {
            Issue.record("expected a fragment notice, got \(result.notices)")
        }
        #expect(result.notices.first?.description.contains("missing") == true)
    }

    @Test("logrotate's names (events.jsonl.1, events.jsonl.2.gz) are read in seq order")
    func externalBackups() throws {
        let directory = try TemporaryDirectory("eventlog")
        let text = { (range: ClosedRange<Int64>) in
            range.map { String(decoding: LogTestLines.line($0), as: UTF8.self) + "\n" }.joined()
        }
        let second = try directory.write("events.jsonl.2", text(1...10))
        try GzipFileCompressor.compress(source: second, destination: second + ".gz")
        try FileManager.default.removeItem(atPath: second)
        try directory.write("events.jsonl.1", text(11...20))
        let live = try directory.write("events.jsonl", text(21...25))
        #expect(try Self.read(EventLogReader(livePath: live)).seqs == Array(1...25))
    }

    @Test("following while the writer rotates every few hundred lines: every line exactly once, in order")
    func followsRotations() async throws {
        let directory = try TemporaryDirectory("eventlog")
        let configuration = LogTestLines.configuration(directory.path) {
            $0.rotateSize = 16384
            $0.minIntervalMilliseconds = 0
            $0.keep = 1000
        }
        let total: Int64 = 20_000
        let collected = Collected()
        let follower = Thread {
            let reader = EventLogReader(livePath: configuration.path, start: .oldest, follow: true)
            reader.pollIntervalMilliseconds = 5
            reader.shouldStop = { collected.seqs.withLock { $0.count } >= total }
            do {
                try reader.run(
                    notice: { notice in collected.notices.withLock { $0.append(notice) } },
                    line: { line in collected.seqs.withLock { $0.append(line.seq) } }
                )
            } catch {
                collected.notices.withLock { $0.append(.fragment(file: "\(error)", offset: -1, length: 0)) }
            }
        }
        follower.start()
        let writer = try EventLogWriter(configuration: configuration)
        for seq in Int64(1)...total {
            try writer.append(LogTestLines.line(seq))
            if seq % 500 == 0 { usleep(1000) }
        }
        try writer.close()
        let deadline = Date().addingTimeInterval(30)
        while collected.seqs.withLock({ $0.count }) < total, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(collected.seqs.withLock { $0 } == Array(1...total))
        #expect(collected.notices.withLock { $0 }.isEmpty)
        #expect(try LogTestLines.backups(directory.path).count > 50)
    }
}

private final class Collected: Sendable {
    let seqs = Mutex<[Int64]>([])
    let notices = Mutex<[EventLogReader.Notice]>([])
}
