import HajunCore
import Synchronization

/// The daemon's health as `/healthz` reports it: published by the daemon's loop, read by the HTTP listener.
///
/// Unhealthy when a feed has been failing for longer than `server.failing_after`, when the log cannot be written,
/// or when the daemon's loop has stopped ticking (the same condition the systemd watchdog catches).
public final class HealthBoard: Sendable {
    public struct FeedStatus: Sendable, Equatable {
        public var name: String
        public var health: FeedHealth

        public init(name: String, health: FeedHealth) {
            self.name = name
            self.health = health
        }
    }

    public struct Snapshot: Sendable {
        public var feeds: [FeedStatus] = []
        /// Why the log cannot be written, if it cannot.
        public var logProblem: String?
        public var lastTick: Timestamp = .now
        public var failingAfterMilliseconds: Int64 = 600_000
    }

    /// The verdict and the reasons.
    public struct Verdict: Sendable {
        public var healthy: Bool
        public var problems: [String]
        public var body: [UInt8]
    }

    /// The loop ticks every second; this much silence means it is stuck.
    static let stalledAfterMilliseconds: Int64 = 30_000

    private let snapshot = Mutex(Snapshot())

    public init() {}

    public func publish(_ update: (inout Snapshot) -> Void) {
        snapshot.withLock { update(&$0) }
    }

    public func verdict(at now: Timestamp = .now) -> Verdict {
        let current = snapshot.withLock { $0 }
        var problems: [String] = []
        if let problem = current.logProblem { problems.append("log: \(problem)") }
        let stalled = now.millisecondsSince1970 - current.lastTick.millisecondsSince1970
        if stalled > Self.stalledAfterMilliseconds { problems.append("daemon loop stalled for \(stalled / 1000)s") }
        var feeds: [[UInt8]] = []
        for feed in current.feeds {
            let failing = feed.health.failingMilliseconds(at: now)
            if failing > current.failingAfterMilliseconds {
                problems.append("feed '\(feed.name)' failing for \(failing / 1000)s: \(feed.health.lastError ?? "")")
            }
            var item = Array("{\"name\":".utf8)
            JSONEscaping.append(feed.name, to: &item)
            item += Array(",\"state\":\"\(feed.health.state(at: now).rawValue)\"".utf8)
            item += Array(",\"consecutive_failures\":\(feed.health.consecutiveFailures)".utf8)
            item += Array(",\"failing_seconds\":\(Self.seconds(failing)),\"last_error\":".utf8)
            if let error = feed.health.lastError, feed.health.consecutiveFailures > 0 {
                JSONEscaping.append(error, to: &item)
            } else {
                item += Array("null".utf8)
            }
            feeds.append(item + [UInt8(ascii: "}")])
        }
        var body = Array("{\"status\":\"\(problems.isEmpty ? "ok" : "unhealthy")\",\"problems\":[".utf8)
        for (index, problem) in problems.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            JSONEscaping.append(problem, to: &body)
        }
        body += Array("],\"feeds\":[".utf8)
        for (index, feed) in feeds.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += feed
        }
        body += Array("]}\n".utf8)
        return Verdict(healthy: problems.isEmpty, problems: problems, body: body)
    }

    /// Milliseconds as seconds with three decimals, such as `2.045`.
    private static func seconds(_ milliseconds: Int64) -> String {
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
