import Foundation
import HajunCore
import HajunTestSupport
import Testing

@testable import HajunDaemon

@Suite("EventLog writer: seq, recovery, durability, errors")
struct EventLogWriterTests {
    @Test("the first event gets seq 1 and seq carries on across a restart")
    func seqContinuesAcrossRestart() throws {
        let directory = try TemporaryDirectory("eventlog")
        let configuration = LogTestLines.configuration(directory.path)
        var writer = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        #expect(writer.nextSeq == 1)
        for seq in Int64(1)...5 { try writer.append(LogTestLines.line(seq)) }
        try writer.close()
        writer = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        #expect(writer.nextSeq == 6)
        #expect(writer.durableSeq == 5)
        for seq in Int64(6)...10 { try writer.append(LogTestLines.line(seq)) }
        try writer.close()
        let found = try LogTestLines.seqs(of: configuration.path)
        #expect(found.seqs == Array(1...10))
        #expect(found.fragments == 0)
    }

    @Test("a line with the wrong seq, a newline inside or nothing in it is refused and counts nothing")
    func refusesBadLines() throws {
        let directory = try TemporaryDirectory("eventlog")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path), clock: ManualLogClock())
        try writer.append(LogTestLines.line(1))
        #expect(throws: EventLogError.seqMismatch(path: writer.path, expected: 2, found: 3)) {
            try writer.append(LogTestLines.line(3))
        }
        #expect(throws: EventLogError.seqMismatch(path: writer.path, expected: 2, found: nil)) {
            try writer.append(Array(#"{"id":"x"}"#.utf8))
        }
        #expect(throws: EventLogError.self) { try writer.append(Array("{\"seq\":2,\n\"x\":1}".utf8)) }
        #expect(throws: EventLogError.self) { try writer.append([]) }
        #expect(writer.nextSeq == 2)
        try writer.append(LogTestLines.line(2))
        try writer.close()
        #expect(try LogTestLines.seqs(of: writer.path).seqs == [1, 2])
    }

    @Test("a partial last line left by a crash is closed off and seq carries on from the last complete line")
    func closesOffPartialLine() throws {
        let directory = try TemporaryDirectory("eventlog")
        let configuration = LogTestLines.configuration(directory.path)
        let writer = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        for seq in Int64(1)...3 { try writer.append(LogTestLines.line(seq)) }
        try writer.close()
        // What a kill in the middle of write(2) leaves: a prefix of the next line.
        try LogTestLines.append(#"{"id":"4","seq":4,"category":"troop_mo"#, to: configuration.path)
        let restarted = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        #expect(restarted.nextSeq == 4)
        try restarted.append(LogTestLines.line(4))
        try restarted.close()
        let lines = try LogTestLines.lines(of: configuration.path)
        #expect(lines.count == 5)
        #expect(lines[3] == #"{"id":"4","seq":4,"category":"troop_mo"#)
        let found = try LogTestLines.seqs(of: configuration.path)
        #expect(found.seqs == [1, 2, 3, 4])
        #expect(found.fragments == 1)
    }

    @Test("a complete last line that only lacks its newline is completed, not repeated")
    func completesLineWithoutNewline() throws {
        let directory = try TemporaryDirectory("eventlog")
        let configuration = LogTestLines.configuration(directory.path)
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let text = [1, 2].map { String(decoding: LogTestLines.line($0), as: UTF8.self) }.joined(separator: "\n")
        try text.write(toFile: configuration.path, atomically: false, encoding: .utf8)
        let writer = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        #expect(writer.nextSeq == 3)
        try writer.append(LogTestLines.line(3))
        try writer.close()
        let found = try LogTestLines.seqs(of: configuration.path)
        #expect(found.seqs == [1, 2, 3])
        #expect(found.fragments == 0)
    }

    @Test("with an empty or missing live file, seq carries on from the newest backup (plain or gzip)")
    func seqFromNewestBackup() throws {
        for compressedNewest in [false, true] {
            let directory = try TemporaryDirectory("eventlog")
            let configuration = LogTestLines.configuration(directory.path) {
                $0.rotateSize = 4096
                $0.minIntervalMilliseconds = 0
                $0.keep = 100
            }
            let clock = ManualLogClock()
            let writer = try EventLogWriter(configuration: configuration, clock: clock)
            for seq in Int64(1)...100 { try writer.append(LogTestLines.line(seq)) }
            try writer.close()
            // A crash between the rename and the creation of the new live file leaves no live file at all.
            let first = try #require(try LogTestLines.seqs(of: configuration.path).seqs.first)
            let backup = directory.file("events-20260101T130000Z-\(String(format: "%012lld", first)).jsonl")
            try FileManager.default.moveItem(atPath: configuration.path, toPath: backup)
            if compressedNewest {
                #expect(try LogTestLines.run("/bin/gzip", [backup]).status == 0)
            }
            let restarted = try EventLogWriter(configuration: configuration, clock: clock)
            #expect(restarted.nextSeq == 101)
            try restarted.close()
        }
    }

    @Test("durableSeq follows the fsync policy: always, interval (group commit), never")
    func durableSeqByPolicy() throws {
        let directory = try TemporaryDirectory("eventlog")
        let clock = ManualLogClock()
        let always = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path + "/a") { $0.fsync = .always }, clock: clock)
        try always.append(LogTestLines.line(1))
        #expect(always.durableSeq == 1)
        try always.close()

        // interval: a thread of its own commits once per interval, without appends waiting for it.
        let interval = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path + "/i") {
                $0.fsync = .interval
                $0.fsyncIntervalMilliseconds = 200
            },
            clock: clock
        )
        for seq in Int64(1)...3 { try interval.append(LogTestLines.line(seq)) }
        let deadline = Date().addingTimeInterval(5)
        while interval.durableSeq < 3, Date() < deadline { usleep(20_000) }
        #expect(interval.durableSeq == 3)
        try interval.append(LogTestLines.line(4))
        try interval.sync()
        #expect(interval.durableSeq == 4)
        try interval.append(LogTestLines.line(5))
        try interval.close()
        #expect(interval.durableSeq == 5)

        let never = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path + "/n") { $0.fsync = .never }, clock: clock)
        try never.append(LogTestLines.line(1))
        #expect(never.durableSeq == 1)
        try never.close()
    }

    @Test("a second writer on the same log is refused")
    func secondWriterIsRefused() throws {
        let directory = try TemporaryDirectory("eventlog")
        let configuration = LogTestLines.configuration(directory.path)
        let writer = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        #expect(throws: EventLogError.locked(path: configuration.path)) {
            _ = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        }
        try writer.close()
        let again = try EventLogWriter(configuration: configuration, clock: ManualLogClock())
        try again.close()
    }

    @Test("disk full mid-line: the append throws, the torn part is closed off by the next write, seq stays whole")
    func tornWriteIsClosedOff() throws {
        let directory = try TemporaryDirectory("eventlog")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path), clock: ManualLogClock())
        try writer.append(LogTestLines.line(1))
        // The disk fills after 20 bytes of the next line.
        writer.writeLine = { descriptor, bytes in
            let partial = LogFileSystem.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: bytes[0..<20]))
            return (partial.written, ENOSPC)
        }
        let error = #expect(throws: EventLogError.self) { try writer.append(LogTestLines.line(2)) }
        #expect(error?.description.contains("No space left on device (ENOSPC)") == true)
        #expect(error?.description.contains(writer.path) == true)
        #expect(error?.isTransient == true)
        #expect(writer.nextSeq == 2)
        // Nothing at all gets through either: still nothing counts.
        writer.writeLine = { _, _ in (0, ENOSPC) }
        #expect(throws: EventLogError.self) { try writer.append(LogTestLines.line(2)) }
        writer.writeLine = LogFileSystem.writeAll
        try writer.append(LogTestLines.line(2))
        try writer.append(LogTestLines.line(3))
        try writer.close()
        let lines = try LogTestLines.lines(of: writer.path)
        #expect(lines.count == 4)
        #expect(lines[1].utf8.count == 20)
        let found = try LogTestLines.seqs(of: writer.path)
        #expect(found.seqs == [1, 2, 3])
        #expect(found.fragments == 1)
    }

    @Test("a write that stops just before the newline counts the line once")
    func writeMissingOnlyTheNewline() throws {
        let directory = try TemporaryDirectory("eventlog")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path), clock: ManualLogClock())
        writer.writeLine = { descriptor, bytes in
            let partial = LogFileSystem.writeAll(
                descriptor, UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 1)]))
            return (partial.written, ENOSPC)
        }
        try writer.append(LogTestLines.line(1))
        #expect(writer.nextSeq == 2)
        writer.writeLine = LogFileSystem.writeAll
        try writer.append(LogTestLines.line(2))
        try writer.close()
        let found = try LogTestLines.seqs(of: writer.path)
        #expect(found.seqs == [1, 2])
        #expect(found.fragments == 0)
    }

    @Test("real write errors name the file: a full device, a directory that cannot be made")
    func realErrors() throws {
        let directory = try TemporaryDirectory("eventlog")
        // /dev/full fails every write with ENOSPC, as a full disk does.
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("events.jsonl"), withDestinationPath: "/dev/full")
        let writer = try EventLogWriter(
            configuration: LogTestLines.configuration(directory.path), clock: ManualLogClock())
        let error = #expect(throws: EventLogError.self) { try writer.append(LogTestLines.line(1)) }
        #expect(error?.description.contains("ENOSPC") == true)
        #expect(writer.nextSeq == 1)
        try? writer.close()

        try directory.write("plain-file", "not a directory")
        let nested = LogConfiguration(path: directory.file("plain-file/log/events.jsonl"))
        let creation = #expect(throws: EventLogError.self) { _ = try EventLogWriter(configuration: nested) }
        #expect(creation?.description.contains(directory.file("plain-file")) == true)
    }

    @Test("an unwritable log directory: rotation fails and appends go on; opening a new log is a clear error")
    func unwritableDirectory() throws {
        let directory = try TemporaryDirectory("eventlog")
        let logDirectory = directory.file("log")
        let clock = ManualLogClock()
        let configuration = LogTestLines.configuration(logDirectory) {
            $0.rotateSize = 4096
            $0.minIntervalMilliseconds = 0
        }
        let writer = try EventLogWriter(configuration: configuration, clock: clock)
        try Self.setWritable(logDirectory, false)
        defer { try? Self.setWritable(logDirectory, true) }
        for seq in Int64(1)...100 { try writer.append(LogTestLines.line(seq)) }
        #expect(try LogTestLines.backups(logDirectory).isEmpty)
        try Self.setWritable(logDirectory, true)
        clock.advance(milliseconds: 1000)
        try writer.append(LogTestLines.line(101))
        try writer.close()
        #expect(try LogTestLines.backups(logDirectory).count == 1)

        let fresh = directory.file("fresh")
        try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
        try Self.setWritable(fresh, false)
        defer { try? Self.setWritable(fresh, true) }
        let error = #expect(throws: EventLogError.self) {
            _ = try EventLogWriter(configuration: LogTestLines.configuration(fresh))
        }
        #expect(error?.description.contains(fresh) == true)
    }

    /// chmod stops everyone but root; root (as in CI) needs the immutable attribute.
    static func setWritable(_ path: String, _ writable: Bool) throws {
        if getuid() == 0 {
            let result = try LogTestLines.run("/usr/bin/chattr", [writable ? "-i" : "+i", path])
            #expect(result.status == 0, "chattr failed on \(path)")
        } else {
            chmod(path, writable ? 0o755 : 0o555)
        }
    }
}
