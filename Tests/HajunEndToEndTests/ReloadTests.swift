import Foundation
import HajunTestSupport
import Synchronization
import Testing

/// SIGHUP: a valid new configuration takes effect (new feeds poll), an invalid one is refused with the reason
/// (file, line, key) and the running one kept, and the log file is reopened for external rotation.
@Suite(.serialized) struct ReloadTests {
    static func post(_ id: Int, _ text: String) -> String {
        #"{"chat":"hajun_test","message_id":\#(id),"date":"2022-03-01T07:00:00Z","text":"\#(text)"}"# + "\n"
    }

    static func append(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingAtPath: path).unwrap()
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    static func config(feeds: String) -> String {
        """
        version: 1
        feeds:
        \(feeds)
        log: { path: log/events.jsonl, rotate: external }
        state: { directory: state }
        """
    }

    @Test func reloadsValidConfigRefusesInvalidAndReopensTheLog() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.jsonl", Self.post(1, "Колонна у Мозыря"))
        try directory.write("b.jsonl", Self.post(2, "Пуск ракет из-под Мозыря"))
        let configPath = try directory.write(
            "hajund.yaml", Self.config(feeds: "  - { name: a, path: a.jsonl, format: jsonl, interval: 200ms }"))
        let daemon = try DaemonProcess(config: configPath, directory: directory)
        defer { daemon.terminate() }
        let log = directory.file("log")
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: log).count == 1 ? true : nil } == true,
            "\(daemon.stderr)")

        // A valid change: feed b is added.
        try directory.write(
            "hajund.yaml",
            Self.config(
                feeds: """
                      - { name: a, path: a.jsonl, format: jsonl, interval: 200ms }
                      - { name: b, path: b.jsonl, format: jsonl, interval: 200ms }
                    """)
        )
        daemon.signal(SIGHUP)
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: log).count == 2 ? true : nil } == true,
            "\(daemon.stderr)")
        #expect(loggedEvents(in: log).last?["feed"] as? String == "b")

        // An invalid change: refused with the reason, the running configuration stays.
        try directory.write("hajund.yaml", Self.config(feeds: "  - { name: a, path: a.jsonl, fromat: jsonl }"))
        daemon.signal(SIGHUP)
        let refusal = await eventually(timeout: .seconds(30)) {
            daemon.stderr.split(separator: "\n").first { $0.contains("reload failed") }
        }
        #expect(refusal?.contains("hajund.yaml:") == true && refusal?.contains("fromat") == true, "\(daemon.stderr)")
        #expect(daemon.isRunning)
        try Self.append(directory.file("b.jsonl"), Self.post(3, "На аэродром Мачулищи прилетели 2 Су-34"))
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: log).count == 3 ? true : nil } == true,
            "feed b still polls")

        // External rotation: the live file is renamed, SIGHUP reopens the path.
        try FileManager.default.moveItem(
            atPath: directory.file("log/events.jsonl"), toPath: directory.file("log/events.jsonl.1"))
        daemon.signal(SIGHUP)
        #expect(
            await eventually(timeout: .seconds(30)) {
                daemon.stderr.components(separatedBy: "reload failed").count == 3 ? true : nil
            } == true)
        try Self.append(directory.file("a.jsonl"), Self.post(4, "Эшелон с техникой на станции Лунинец"))
        let reopened = await eventually(timeout: .seconds(30)) { () -> String? in
            let text = try? String(contentsOfFile: directory.file("log/events.jsonl"), encoding: .utf8)
            return text?.contains("\"seq\":4,") == true ? text : nil
        }
        #expect(reopened != nil, "the fourth event went to a new live file: \(daemon.stderr)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "\(daemon.stderr)")
    }

    @Test func reloadKeepsAServersRetryAfter() async throws {
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let server = try await LoopbackHTTPServer.start { _ in
            arrivals.withLock { $0.append(.now) }
            return .init(status: 429, headers: [("Retry-After", "4")], text: "slow down")
        }
        let directory = try TemporaryDirectory()
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: throttled, url: "\(server.baseURL)/feed.xml", format: rss, interval: 300ms }
            log: { path: log/events.jsonl }
            state: { directory: state }
            """
        )
        let daemon = try DaemonProcess(config: config, directory: directory)
        defer { daemon.terminate() }
        #expect(await eventually(timeout: .seconds(30)) { arrivals.withLock { $0.count } == 1 ? true : nil } == true)
        // Reloads replace the pollers; the server's wish (no request for 4 s) outlives them.
        daemon.signal(SIGHUP)
        try await Task.sleep(for: .milliseconds(500))
        daemon.signal(SIGHUP)
        let second = await eventually(timeout: .seconds(30)) { arrivals.withLock { $0.count >= 2 ? $0 : nil } }
        #expect(second != nil, "\(daemon.stderr)")
        if let second { #expect(second[1] - second[0] >= .milliseconds(3_900), "\(second[1] - second[0])") }
        #expect(daemon.stderr.components(separatedBy: "reloaded").count == 3)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "\(daemon.stderr)")
        await server.stop()
    }
}
