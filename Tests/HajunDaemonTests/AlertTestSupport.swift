import Foundation
import HajunCore
import HajunTestSupport
import Logging
import Synchronization

@testable import HajunDaemon

/// Shared pieces of the alert tests: configurations, events, a log that can be read back, waiting.
enum AlertTestSupport {
    /// A configuration whose state directory is `directory/state`, with the given `receivers:` and `rules:` YAML.
    static func configuration(
        _ directory: TemporaryDirectory, receivers: String, rules: String
    ) throws -> HajunConfiguration {
        let yaml =
            "version: 1\nstate:\n  directory: state\nlog:\n  path: log/events.jsonl\n"
            + "receivers:\n" + receivers.indented(2) + "\nrules:\n" + rules.indented(2) + "\n"
        return try HajunConfiguration.parse(
            yaml: yaml, file: directory.file("hajund.yaml"), baseDirectory: directory.path)
    }

    /// A configuration with one file receiver named `file` writing to `path` below `directory`.
    static func fileConfiguration(
        _ directory: TemporaryDirectory, path: String = "alerts.jsonl", rules: String = "- {name: all, receiver: file}"
    ) throws -> HajunConfiguration {
        try configuration(directory, receivers: "- {name: file, type: file, path: \(path)}", rules: rules)
    }

    /// An event as the pipeline would hand it over, received at `time` (default: now).
    static func event(
        _ id: UInt64,
        at time: Timestamp = Timestamp.now,
        category: HajunCore.Category = .missileLaunch,
        severity: Severity = .critical,
        region: Region? = .homiel,
        feed: String = "bot",
        duplicateOf: UInt64? = nil,
        text: String = "Пуск ракет из-под Мозыря"
    ) -> Event {
        let place = region.map { PlaceMention(id: "mazyr", name: "Mazyr", region: $0, kind: .town) }
        return Event(
            id: EventID(rawValue: id),
            seq: Int64(id),
            report: Report(
                feed: feed, chat: "hajun_test", messageID: Int64(id), url: "https://t.me/hajun_test/\(id)",
                postedAt: time, text: text
            ),
            receivedAt: time,
            classification: Classification(category: category, severity: severity, language: .ru, location: place),
            dedup: DedupVerdict(
                status: duplicateOf == nil ? .new : .exact, of: duplicateOf.map { EventID(rawValue: $0) }),
            fingerprint: Fingerprint(exact: id, simhash: id)
        )
    }

    /// Runs `center.run()` for the duration of `body`.
    static func running<T>(_ center: AlertCenter, _ body: () async throws -> T) async rethrows -> T {
        let task = Task { await center.run() }
        defer { task.cancel() }
        let result = try await body()
        task.cancel()
        await task.value
        return result
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held. A condition
    /// that throws does not hold.
    static func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return (try? await condition()) == true
    }

    /// The lines of a JSON-lines file, parsed; empty when the file does not exist.
    static func jsonLines(_ path: String) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func json(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]) ?? [:]
    }
}

/// A logger whose lines (message and metadata) the test can read back, to check that secrets stay out.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(log: self) }
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            log.append("\(event.level) \(event.message) \(merged)")
        }
    }
}

/// Requests a loopback test server saw, in order.
final class RequestRecorder: Sendable {
    private let requests = Mutex<[(at: ContinuousClock.Instant, request: LoopbackHTTPServer.Request)]>([])

    func record(_ request: LoopbackHTTPServer.Request) {
        requests.withLock { $0.append((.now, request)) }
    }

    var all: [LoopbackHTTPServer.Request] { requests.withLock { $0.map(\.request) } }
    var times: [ContinuousClock.Instant] { requests.withLock { $0.map(\.at) } }
    var count: Int { requests.withLock { $0.count } }
}

extension String {
    /// Every line indented by `spaces`.
    func indented(_ spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }
}
