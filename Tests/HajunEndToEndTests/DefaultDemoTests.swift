import Foundation
import HajunTestSupport
import Testing

/// The README's run command: `hajund run` with no --config, in an empty working directory, starts the in-process
/// simulator and shows events in the log and alerts in the local alert file within seconds.
@Suite("Default demo")
struct DefaultDemoTests {
    static let token = "5000000001:AAHajunSimulatorDemoTokenNotASecret0"

    @Test("hajund run without --config consumes the simulator: events, alerts, a reload, SIGTERM exits 0")
    func runWithoutConfigShowsEventsAndAlerts() async throws {
        let directory = try TemporaryDirectory("hajund-default-demo")
        let stderrPath = directory.file("hajund.stderr")
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Hajund.path)
        daemon.arguments = ["run"]
        daemon.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        daemon.standardError = FileHandle(forWritingAtPath: stderrPath)
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardInput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        let logPath = directory.file("var/log/events.jsonl")
        let alertsPath = directory.file("var/alerts.jsonl")
        let started = Date()
        var events: [[String: Any]] = []
        var alerts: [[String: Any]] = []
        // Generous: CI runs many suites at once on two cores. The demo itself shows both within seconds.
        while Date().timeIntervalSince(started) < 60, daemon.isRunning {
            events = Self.lines(logPath)
            alerts = Self.lines(alertsPath)
            if !events.isEmpty, !alerts.isEmpty { break }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        // SIGHUP re-reads the embedded configuration; its simulator:/ feed is bound to the running simulator again.
        kill(daemon.processIdentifier, SIGHUP)
        let reloadDeadline = Date().addingTimeInterval(30)
        var stderrText = ""
        while Date() < reloadDeadline, daemon.isRunning {
            stderrText = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            if stderrText.contains("reloaded") || stderrText.contains("reload failed") { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(stderrText.contains("reloaded") && !stderrText.contains("reload failed"), "\(stderrText.suffix(2000))")
        kill(daemon.processIdentifier, SIGTERM)
        let status = await Self.exitStatus(of: daemon, timeout: 30)
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        events = Self.lines(logPath)
        alerts = Self.lines(alertsPath)

        #expect(status == 0, "hajund run exited with \(String(describing: status)): \(stderr.suffix(2000))")
        #expect(!events.isEmpty, "no events within 60 s: \(stderr.suffix(2000))")
        #expect(!alerts.isEmpty, "no alerts within 60 s: \(stderr.suffix(2000))")
        for event in events { EventSchema.validate(event) }
        #expect(Set(events.compactMap { $0["feed"] as? String }) == ["simulator"])
        let categories = Set(events.compactMap { $0["category"] as? String })
        #expect(categories.contains("missile_launch"), "the demo opens with a missile-launch wave: \(categories)")

        // The simulated posts are dated now (the pacing restamps them), not in the simulator's past.
        let newest = events.compactMap { ($0["posted_at"] as? String).flatMap(Self.date) }.max()
        let age = newest.map { Date().timeIntervalSince($0) } ?? .infinity
        #expect(age < 600, "the newest post is \(age) s old")

        // Every alert names an event that is in the log.
        let eventIDs = Set(events.compactMap { $0["id"] as? String })
        for alert in alerts {
            let text = String(describing: alert)
            #expect(eventIDs.contains { text.contains($0) }, "an alert names no logged event: \(text.prefix(300))")
        }

        #expect(stderr.contains("simulator"), "the simulator is announced: \(stderr.prefix(1000))")
        #expect(!stderr.contains(Self.token), "the bot token must never be printed")
        #expect(!stderr.contains("AAHajunSimulator"), "not even part of it")
    }

    /// The exit status once the process has ended; nil if it still runs after `timeout` seconds.
    static func exitStatus(of process: Process, timeout: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return nil }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return process.terminationStatus
    }

    static func lines(_ path: String) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        // The last line may still be half-written while the daemon runs.
        return text.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
    }

    static func date(_ text: String) -> Date? {
        ISO8601DateFormatter.withFractions.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
