import Foundation
import HajunCore
import HajunTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `hajund run` polling the simulator's Bot API while the simulator injects every fault it has on a schedule (5xx,
/// 429 with `retry_after`, slow answers, truncated and malformed bodies, a connection cut mid-body): the daemon
/// says what went wrong, backs off, keeps running, and in the end holds every post exactly once.
@Suite("Daemon polling a faulty simulator", .serialized)
struct SimulatorFaultsDaemonTests {
    static let posts = 400

    @Test(.timeLimit(.minutes(5)))
    func everyPostOnceThroughEveryFault() async throws {
        let faults = [
            "500@every:7@getUpdates", "502@requests:2@getUpdates", "429:1@every:11@getUpdates",
            "slow:1500@every:5@getUpdates", "truncate@every:6@getUpdates", "malformed@every:9@getUpdates",
            "disconnect@every:13@getUpdates",
        ]
        let simulator = try SimulatorProcess.start(
            ["--posts", String(Self.posts), "--seed", "77"] + faults.flatMap { ["--fault", $0] })
        defer { simulator.stop() }
        let truth = try await simulator.truth()
        let expected = Set(
            truth.filter { $0["edit"]?.boolValue == false }.map {
                "\($0["chat"]!.stringValue!)/\($0["message_id"]!.int64Value!)"
            })
        #expect(expected.count == Self.posts)

        let directory = try TemporaryDirectory("hajund-sim-faults")
        // A limit of 20 updates a request makes the daemon ask often enough to meet every rule several times.
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - name: sim
                url: \(simulator.getUpdatesURL)?limit=20
                format: telegram-bot-api
                interval: 100ms
            log: { path: var/log/events.jsonl }
            state: { directory: var/state }
            limits: { request_timeout: 20s }
            server: { max_backoff: 2s, jitter: 0 }
            """
        )
        let daemon = try DaemonProcess(config: config, directory: directory)
        defer { daemon.terminate() }
        let logDirectory = directory.file("var/log")
        func taken() -> [String: Int] {
            var counts: [String: Int] = [:]
            for event in loggedEvents(in: logDirectory) where event["edited_at"] is NSNull {
                let source = event["source"] as? [String: Any]
                if let chat = source?["chat"] as? String, let id = source?["message_id"] as? Int {
                    counts["\(chat)/\(id)", default: 0] += 1
                }
            }
            return counts
        }
        let complete = await eventually(timeout: .seconds(180), every: .milliseconds(250)) {
            Set(taken().keys).isSuperset(of: expected) ? true : nil
        }
        #expect(complete == true, "logged \(taken().count) of \(Self.posts): \(daemon.stderr.suffix(3000))")
        #expect(daemon.isRunning, "\(daemon.stderr.suffix(3000))")
        // A moment more, so that a post taken twice would show.
        try await Task.sleep(for: .milliseconds(700))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(30)) == 0, "\(daemon.stderr.suffix(3000))")

        let logged = taken()
        #expect(Set(logged.keys) == expected, "posts logged that were never published, or missing")
        #expect(logged.values.allSatisfy { $0 == 1 }, "taken twice: \(logged.filter { $0.value > 1 }.keys.sorted())")
        let stderr = daemon.stderr
        let lines = stderr.split(separator: "\n").filter { $0.contains("feed=sim") }
        #expect(lines.contains { $0.contains("HTTP 500") }, "\(stderr.suffix(3000))")
        #expect(lines.contains { $0.contains("HTTP 502") }, "\(stderr.suffix(3000))")
        #expect(lines.contains { $0.contains("HTTP 429") && $0.contains("retry after 1s") }, "\(stderr.suffix(3000))")
        let brokenBodies = lines.filter { $0.contains("getUpdates") && !$0.contains("HTTP ") }
        #expect(brokenBodies.count >= 2, "truncated, malformed and cut bodies are reported: \(stderr.suffix(3000))")
        #expect(!stderr.contains(SimulatorProcess.token), "the bot token must never be printed")
        let (status, _) = try await URLSession.shared.data(from: URL(string: simulator.baseURL + "/simulator/status")!)
        let injected = (try JSONSerialization.jsonObject(with: status) as? [String: Any])?["faults_injected"]
        let counts = injected as? [String: Int] ?? [:]
        for fault in faults.map({ String($0.split(separator: "@")[0]) }) {
            #expect((counts[fault] ?? 0) > 0, "the simulator injected \(fault) at least once: \(counts)")
        }
    }
}
