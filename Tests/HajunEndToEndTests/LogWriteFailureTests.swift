import Foundation
import HajunTestSupport
import Testing

/// The event log stops taking writes (here: the process's file size limit, which fails writes with EFBIG as a full
/// disk fails them with ENOSPC): hajund says so, keeps running, reports itself unhealthy, takes nothing further from
/// the feed, and once writes succeed again logs every post exactly once.
@Suite(.serialized) struct LogWriteFailureTests {
    @Test(.timeLimit(.minutes(3))) func aLogThatCannotBeWrittenLosesNothingAndRecovers() async throws {
        let directory = try TemporaryDirectory()
        let feed = directory.file("reports.jsonl")
        try directory.write("reports.jsonl", Self.lines(1...5))
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: reports, path: reports.jsonl, format: jsonl, interval: 100ms }
            log: { path: log/events.jsonl, fsync: interval }
            state: { directory: state }
            server: { http: { listen: "127.0.0.1:0" } }
            """
        )
        let daemon = try DaemonProcess(config: config, directory: directory)
        defer { daemon.terminate() }
        let port = try #require(await daemon.metricsPort(timeout: .seconds(60)), "\(daemon.stderr)")
        let live = directory.file("log/events.jsonl")
        #expect(
            await eventually(timeout: .seconds(60)) { loggedEvents(in: directory.file("log")).count == 5 ? true : nil }
                == true, "\(daemon.stderr)")

        // Room for about one more event, then the writes fail.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: live)[.size] as? Int)
        try Self.setFileSizeLimit(of: daemon.pid, to: "\(size + 700)")
        let handle = try #require(FileHandle(forWritingAtPath: feed))
        handle.seekToEndOfFile()
        handle.write(Data(Self.lines(6...40).utf8))
        try handle.close()
        let complaint = await eventually(timeout: .seconds(60)) {
            daemon.stderr.split(separator: "\n").first { $0.contains("cannot append to the event log") }
        }
        #expect(complaint?.contains("EFBIG") == true, "the error says what failed: \(daemon.stderr.suffix(3000))")
        #expect(complaint?.contains("\(live):") == true, "the error names the file: \(complaint ?? "none")")
        var health: (status: Int, body: String)?
        for _ in 0..<600 {
            health = await httpGet("http://127.0.0.1:\(port)/healthz")
            if health?.status == 503 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(health?.status == 503, "/healthz fails while the log can't be written: \(String(describing: health))")
        try await Task.sleep(for: .seconds(2))
        #expect(daemon.isRunning, "\(daemon.stderr.suffix(3000))")
        let during = loggedEvents(in: directory.file("log")).count
        #expect(during < 40, "the log could not take all posts: \(during)")

        // Writes succeed again: the retry takes every remaining post, once.
        try Self.setFileSizeLimit(of: daemon.pid, to: "unlimited")
        #expect(
            await eventually(timeout: .seconds(90)) { loggedEvents(in: directory.file("log")).count >= 40 ? true : nil }
                == true, "\(daemon.stderr.suffix(3000))")
        var recovered: (status: Int, body: String)?
        for _ in 0..<600 {
            recovered = await httpGet("http://127.0.0.1:\(port)/healthz")
            if recovered?.status == 200 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(recovered?.status == 200, "healthy again: \(String(describing: recovered))")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "\(daemon.stderr.suffix(3000))")

        let events = loggedEvents(in: directory.file("log"))
        let ids = events.compactMap { ($0["source"] as? [String: Any])?["message_id"] as? Int }
        #expect(ids.sorted() == Array(1...40), "every post exactly once: \(ids.sorted())")
        let seqs = events.compactMap { $0["seq"] as? Int }
        #expect(seqs == Array(1...events.count), "seq has no gap or repeat: \(seqs)")
        // A line cut at the limit is closed off: every other line of the file parses.
        let text = try String(contentsOfFile: live, encoding: .utf8)
        let fragments = text.split(separator: "\n").filter {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) == nil
        }
        #expect(fragments.count <= 1, "at most the one line cut at the limit: \(fragments)")
    }

    static func lines(_ ids: ClosedRange<Int>) -> String {
        ids.map {
            #"{"chat":"reports","message_id":\#($0),"date":"2022-03-01T07:\#(String(format: "%02d", $0 % 60)):00Z","text":"Колонна из \#($0) единиц техники у Мозыря"}"#
                + "\n"
        }.joined()
    }

    /// Changes another process's soft file size limit with util-linux's `prlimit`; the hard limit stays unlimited.
    static func setFileSizeLimit(of pid: Int32, to bytes: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = ["--pid", "\(pid)", "--fsize=\(bytes):unlimited"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.featureUnsupported) }
    }
}
