import Foundation
import HajunTestSupport
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `hajund run` child process for tests that signal it, kill it and read what it wrote. stderr goes to a file
/// (no pipe to fill up); waiting polls with `Task.sleep`, never blocking the cooperative pool.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let stderrPath: String

    init(
        config: String, directory: TemporaryDirectory, environment: [String: String] = [:], label: String = "daemon"
    ) throws {
        stderrPath = directory.file("\(label)-\(UUID().uuidString.prefix(8)).stderr")
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Hajund.path)
        process.arguments = ["run", "--config", config]
        var merged = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS"] { merged[name] = nil }
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) {
        Glibc.kill(pid, number)
    }

    /// The exit status, or nil if it is still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning {
            if clock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// SIGKILL at once, for cleanup in `defer` (synchronous, so that a failing test leaves no daemon behind).
    func terminate() {
        if process.isRunning { signal(SIGKILL) }
    }

    /// The metrics listener's port, from the start-up line `serving /metrics and /healthz listen=HOST:PORT`.
    func metricsPort(timeout: Duration = .seconds(20)) async -> Int? {
        await eventually(timeout: timeout) {
            guard let line = self.stderr.split(separator: "\n").first(where: { $0.contains("serving /metrics") }),
                let range = line.range(of: "listen=")
            else { return nil }
            return line[range.upperBound...].split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }
        }
    }
}

/// Polls `condition` until it gives a value or `timeout` passes.
func eventually<T>(timeout: Duration, every interval: Duration = .milliseconds(50), _ condition: () -> T?) async -> T? {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if let value = condition() { return value }
        if clock.now > deadline { return nil }
        try? await Task.sleep(for: interval)
    }
}

/// Every complete event line in a log directory (all generations, plain files), parsed.
func loggedEvents(in directory: String) -> [[String: Any]] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var events: [[String: Any]] = []
    for name in names where name.hasPrefix("events") && !name.hasSuffix(".gz") {
        guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n") {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                events.append(object)
            }
        }
    }
    return events.sorted { ($0["seq"] as? Int ?? 0) < ($1["seq"] as? Int ?? 0) }
}

/// GET over loopback with URLSession; nil on any failure.
func httpGet(_ url: String) async -> (status: Int, body: String)? {
    guard let url = URL(string: url), let (data, response) = try? await URLSession.shared.data(from: url),
        let http = response as? HTTPURLResponse
    else { return nil }
    return (http.statusCode, String(decoding: data, as: UTF8.self))
}

/// A Bot API `getUpdates` answer for channel posts `(update_id, message_id, text)`.
func botAPIBody(_ updates: [(Int, Int, String)], chat: String = "hajun_test") -> String {
    let items = updates.map { update, message, text in
        """
        {"update_id":\(update),"channel_post":{"message_id":\(message),"chat":{"id":-1001234,"title":"Test","username":"\(chat)","type":"channel"},"date":\(1_645_674_000 + message),"text":"\(text)"}}
        """
    }
    return "{\"ok\":true,\"result\":[\(items.joined(separator: ","))]}"
}

/// Scheduling as operators see it: feeds poll concurrently (a stalled one delays no other), Bot API feeds long
/// poll with `offset` and `timeout`, and the offset survives a restart.
@Suite(.serialized) struct PollingDaemonTests {
    @Test func aStalledFeedDoesNotDelayTheOthers() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            if request.path == "/stalled.xml" {
                try? await Task.sleep(for: .seconds(20))
                return .init(text: "<rss/>")
            }
            return .init(status: 404)
        }
        let directory = try TemporaryDirectory()
        try directory.write("fast.jsonl", "")
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: stalled, url: "\(server.baseURL)/stalled.xml", format: rss, interval: 200ms }
              - { name: fast, path: fast.jsonl, format: jsonl, interval: 200ms }
            log: { path: log/events.jsonl }
            state: { directory: state }
            limits: { request_timeout: 60s }
            """
        )
        let daemon = try DaemonProcess(config: config, directory: directory)
        defer { daemon.terminate() }
        try await Task.sleep(for: .seconds(1))
        // The stalled feed's request is now hanging; the fast feed must keep taking posts.
        let clock = ContinuousClock()
        for index in 1...5 {
            let handle = try FileHandle(forWritingAtPath: directory.file("fast.jsonl")).unwrap()
            handle.seekToEndOfFile()
            handle.write(
                Data(
                    "{\"chat\":\"fast\",\"message_id\":\(index),\"date\":\"2022-03-01T07:0\(index):00Z\",\"text\":\"Колонна \(index) у Мозыря\"}\n"
                        .utf8))
            try handle.close()
            let started = clock.now
            let seen = await eventually(timeout: .seconds(30)) {
                loggedEvents(in: directory.file("log")).count >= index ? true : nil
            }
            #expect(seen == true, "post \(index) of the fast feed was not logged: \(daemon.stderr)")
            // The stalled request hangs for 20 s; a loaded machine may take a few seconds, never that long.
            #expect(clock.now - started < .seconds(12))
        }
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "\(daemon.stderr)")
        await server.stop()
    }

    @Test func botAPILongPollsWithOffsetAndKeepsTheOffsetAcrossRestarts() async throws {
        let requests = Mutex<[String]>([])
        let published = Mutex<[(Int, Int, String)]>([
            (501, 1, "Колонна у Мозыря"), (502, 2, "Пуск ракет из-под Мозыря"),
        ])
        // Every answered request: its query, when it came, how long it waited, and the message ids it returned.
        let answered = Mutex<[(query: String, waited: Duration, ids: [Int])]>([])
        let waiting = Mutex<[String]>([])
        let server = try await LoopbackHTTPServer.start { request in
            requests.withLock { $0.append(request.query) }
            waiting.withLock { $0.append(request.query) }
            defer { waiting.withLock { $0.removeAll { $0 == request.query } } }
            let parameters = Dictionary(
                uniqueKeysWithValues: request.query.split(separator: "&").map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                }
            )
            let offset = Int(parameters["offset"] ?? "0") ?? 0
            let timeout = Int(parameters["timeout"] ?? "0") ?? 0
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(timeout)
            while true {
                let ready = published.withLock { $0.filter { $0.0 >= offset } }
                if !ready.isEmpty || clock.now >= deadline {
                    let waited = clock.now - (deadline - .seconds(timeout))
                    answered.withLock { $0.append((request.query, waited, ready.map(\.1))) }
                    return .init(text: botAPIBody(ready))
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let directory = try TemporaryDirectory()
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - name: bot
                url: \(server.baseURL)/bot42:TOKEN/getUpdates
                format: telegram-bot-api
                interval: 1s
                long_poll: 10s
            log: { path: log/events.jsonl }
            state: { directory: state }
            """
        )
        let first = try DaemonProcess(config: config, directory: directory)
        defer { first.terminate() }
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: directory.file("log")).count == 2 ? true : nil }
                == true)
        // A post published while a long poll is waiting is answered by that poll, long before its 10 s timeout.
        // Judged by the server's own clock, so a loaded machine cannot blur it.
        #expect(
            await eventually(timeout: .seconds(30)) {
                waiting.withLock { $0.contains { $0.contains("offset=503") && $0.contains("timeout=10") } } ? true : nil
            } == true, "a long poll is waiting: \(requests.withLock { $0 })")
        published.withLock { $0.append((503, 3, "На аэродром Мачулищи прилетели 2 Су-34")) }
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: directory.file("log")).count == 3 ? true : nil }
                == true)
        let delivery = answered.withLock { $0.first { $0.ids == [3] } }
        #expect(delivery?.query.contains("timeout=10") == true, "\(answered.withLock { $0.map(\.query) })")
        #expect(
            (delivery?.waited ?? .seconds(10)) < .seconds(8),
            "the waiting long poll answered when the post came, not at its timeout: \(String(describing: delivery))")
        first.signal(SIGTERM)
        #expect(await first.waitForExit(timeout: .seconds(30)) == 0, "\(first.stderr)")
        let queries = requests.withLock { $0 }
        #expect(queries.contains { $0.contains("timeout=10") })
        #expect(queries.contains { $0.contains("offset=503") })

        requests.withLock { $0.removeAll() }
        let second = try DaemonProcess(config: config, directory: directory)
        defer { second.terminate() }
        let firstQuery = await eventually(timeout: .seconds(30)) { requests.withLock { $0.first } }
        #expect(
            firstQuery?.contains("offset=504") == true,
            "the restart resumes at the committed offset: \(String(describing: firstQuery))")
        second.signal(SIGTERM)
        #expect(await second.waitForExit(timeout: .seconds(30)) == 0, "\(second.stderr)")
        #expect(loggedEvents(in: directory.file("log")).count == 3, "nothing taken twice after the restart")
        await server.stop()
    }
}

extension Optional {
    func unwrap(file: StaticString = #filePath, line: UInt = #line) throws -> Wrapped {
        guard let value = self else { throw CocoaError(.fileNoSuchFile) }
        return value
    }
}
