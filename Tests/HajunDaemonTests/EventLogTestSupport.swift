import Foundation
import HajunCore
import Synchronization

@testable import HajunDaemon

/// A clock the test moves by hand: wall time for names and ages, monotonic time for intervals.
final class ManualLogClock: EventLogClock {
    private let state: Mutex<(wall: Int64, monotonic: UInt64)>

    init(_ wall: String = "2026-01-01T12:00:00Z") {
        state = Mutex((Timestamp(parsing: wall)!.millisecondsSince1970, 1_000_000_000))
    }

    func now() -> Timestamp { Timestamp(millisecondsSince1970: state.withLock { $0.wall }) }
    func monotonicNanoseconds() -> UInt64 { state.withLock { $0.monotonic } }

    func advance(milliseconds: Int64) {
        state.withLock {
            $0.wall += milliseconds
            $0.monotonic += UInt64(milliseconds) * 1_000_000
        }
    }
}

/// Event lines and file inspection for the event log tests.
enum LogTestLines {
    /// A small but complete event line with the given seq.
    static func line(_ seq: Int64, text: String = "Колонна из 27 единиц движется в сторону Мозыря") -> [UInt8] {
        Array(#"{"id":"\#(String(seq, radix: 16))","seq":\#(seq),"category":"troop_movement","text":"\#(text)"}"#.utf8)
    }

    static func configuration(
        _ directory: String, _ change: (inout LogConfiguration) -> Void = { _ in }
    ) -> LogConfiguration {
        var configuration = LogConfiguration(path: directory + "/events.jsonl")
        change(&configuration)
        return configuration
    }

    /// The lines of a plain file (without newlines), and whether it ends with a newline.
    static func lines(of path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The seqs of the valid lines of a file (plain or .gz), checked with JSONSerialization rather than the
    /// scanner under test; `fragments` counts the lines that are not JSON objects with a seq.
    static func seqs(of path: String) throws -> (seqs: [Int64], fragments: Int) {
        let data: Data
        if path.hasSuffix(".gz") {
            let result = try run("/bin/gzip", ["-dc", path])
            data = result.output
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        var seqs: [Int64] = []
        var fragments = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(data.last == 0x0A ? 1 : 0) {
            if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let seq = object["seq"] as? Int
            {
                seqs.append(Int64(seq))
            } else {
                fragments += 1
            }
        }
        return (seqs, fragments)
    }

    /// Every file of the log directory that belongs to the log (live file and backups), oldest first by name seq.
    static func logFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func backups(_ directory: String) throws -> [String] {
        try logFiles(directory).filter { $0.hasPrefix("events-") && !$0.hasSuffix(".tmp") }
    }

    /// Runs a program and returns its exit status and stdout.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}
