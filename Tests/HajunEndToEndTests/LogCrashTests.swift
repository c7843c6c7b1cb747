import Foundation
import HajunTestSupport
import Testing

@Suite("Log crash safety: SIGKILL at random points during long writes")
struct LogCrashTests {
    static let kills = 24

    @Test(
        "killed and restarted 24 times: every file parses but for one fragment per crash, seq is whole, nothing acknowledged is lost"
    )
    func survivesRepeatedKills() async throws {
        let directory = try TemporaryDirectory("logcrash")
        let logDirectory = directory.file("log")
        let live = logDirectory + "/events.jsonl"
        var generator = SystemRandomNumberGenerator()
        var acknowledged: Int64 = 0
        var started: [Int64] = []
        for round in 0..<Self.kills {
            // Small backups and no minimum interval: kills land in appends, rotations and compressions alike.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Hajund.path)
            process.arguments = [
                "log-bench", "--log", live, "--count", "100000000", "--fsync", round % 3 == 2 ? "always" : "interval",
                "--rotate-size", "1MiB", "--min-interval", "0", "--keep", "100000", "--keep-age", "0", "--rate",
                "20000",
                "--report-durable",
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let stdout = OutputReader(output.fileHandleForReading)
            // Kill at a random moment, mostly after the writer got going, sometimes during its start-up recovery.
            let delay =
                round % 6 == 5
                ? UInt64.random(in: 1...60, using: &generator) : UInt64.random(in: 150...900, using: &generator)
            try await Task.sleep(for: .milliseconds(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round) ended before the kill")
            for line in stdout.finish().split(separator: "\n") {
                if line.hasPrefix("durable "), let seq = Int64(line.dropFirst(8)) {
                    acknowledged = max(acknowledged, seq)
                }
                if line.hasPrefix("start "), let seq = Int64(line.dropFirst(6)) { started.append(seq) }
            }
        }
        #expect(acknowledged > 5_000, "the writer hardly got going: \(acknowledged) events acknowledged")
        #expect(started.count >= Self.kills / 2)
        // Every restart carried seq on from what was on disk.
        #expect(zip(started, started.dropFirst()).allSatisfy { $0 <= $1 }, "seq went back on a restart: \(started)")

        // A last clean run: recovery, a few more events, compression and cleanup of whatever the kills left.
        let final = try Hajund.run([
            "log-bench", "--log", live, "--count", "1000", "--rotate-size", "1MiB", "--min-interval", "0", "--keep",
            "100000", "--keep-age", "0",
        ])
        #expect(final.status == 0, "\(final.stderr)")

        let names = try FileManager.default.contentsOfDirectory(atPath: logDirectory)
        #expect(names.filter { $0.hasSuffix(".tmp") }.isEmpty, "leftover temporary files: \(names)")
        let contents = try LogTestFiles.read(directory: logDirectory)
        #expect(contents.backups.count > 40)
        for backup in contents.backups.dropLast() {
            #expect(backup.hasSuffix(".gz"), "\(backup) is not compressed")
            #expect(try ChildProcess.run("/bin/gzip", ["-t", logDirectory + "/" + backup]).status == 0, "\(backup)")
        }
        #expect(contents.fragments <= Self.kills, "\(contents.fragments) fragments after \(Self.kills) kills")
        let last = try #require(contents.seqs.last)
        #expect(contents.seqs == (1...last).map { $0 }, "seq has a gap or a repeat among complete lines")
        #expect(last >= acknowledged + 1000, "acknowledged \(acknowledged), but the log ends at \(last)")
    }
}

/// Collects a child's stdout on a thread of its own, so a full pipe never blocks the child.
private final class OutputReader: @unchecked Sendable {
    private let handle: FileHandle
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        self.handle = handle
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything the child wrote, once it has exited.
    func finish() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
