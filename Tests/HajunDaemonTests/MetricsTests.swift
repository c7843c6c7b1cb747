import HajunCore
import HajunTestSupport
import Testing

@testable import HajunDaemon

/// The sample lines of an exposition as `name{labels}` → value (the end-to-end test parses the format strictly).
private func samples(_ text: String) -> [String: Double] {
    var result: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
            continue
        }
        result[String(line[..<space])] = value
    }
    return result
}

@Suite struct MetricsTests {
    @Test func exposesEveryFamilyAsValidPrometheusText() throws {
        let metrics = DaemonMetrics()
        metrics.registerFeed("hajun-bot")
        metrics.registerReceiver("duty")
        metrics.recordPoll(feed: "hajun-bot", result: "ok", bytes: 1234, seconds: 0.2)
        metrics.recordFeedError(feed: "hajun-bot", reason: SourceError.Reason.throttled.rawValue)
        metrics.recordPostsIn(feed: "hajun-bot", count: 3, problems: 1)
        metrics.recordEvent(category: "missile_launch", dedupStatus: "new")
        metrics.recordEvent(category: "missile_launch", dedupStatus: "near")
        metrics.recordLogAppend(bytes: 900, seq: 2)
        metrics.recordLogRotation()
        metrics.recordLag(feed: "hajun-bot", seconds: 4.5)
        metrics.recordAlertSent(receiver: "duty", latencySeconds: 0.3)
        metrics.recordAlertRetried(receiver: "duty")
        metrics.recordHealth(feed: "hajun-bot", state: .failing, consecutiveFailures: 2)
        metrics.recordReload(succeeded: false)
        let text = metrics.exposition()
        let all = samples(text)
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            if labels.isEmpty { return all[name] }
            return all.first { key, _ in
                key.hasPrefix(name + "{") && labels.allSatisfy { key.contains("\($0.key)=\"\($0.value)\"") }
                    && key.filter { $0 == "=" }.count == labels.count
            }?.value
        }
        #expect(value("hajund_feed_polls_total", ["feed": "hajun-bot", "result": "ok"]) == 1)
        #expect(value("hajund_feed_polls_total", ["feed": "hajun-bot", "result": "error"]) == 0)
        #expect(value("hajund_feed_errors_total", ["feed": "hajun-bot", "reason": "throttled"]) == 1)
        #expect(value("hajund_feed_bytes_total", ["feed": "hajun-bot"]) == 1234)
        #expect(value("hajund_posts_total", ["feed": "hajun-bot"]) == 3)
        #expect(value("hajund_input_problems_total", ["feed": "hajun-bot"]) == 1)
        #expect(value("hajund_events_total", ["category": "missile_launch"]) == 2)
        #expect(value("hajund_duplicates_total", ["status": "near"]) == 1)
        #expect(value("hajund_log_bytes_total") == 900)
        #expect(value("hajund_log_rotations_total") == 1)
        #expect(value("hajund_log_seq") == 2)
        #expect(value("hajund_feed_lag_seconds", ["feed": "hajun-bot"]) == 4.5)
        #expect(value("hajund_alerts_sent_total", ["receiver": "duty"]) == 1)
        #expect(value("hajund_alerts_failed_total", ["receiver": "duty"]) == 0)
        #expect(value("hajund_alerts_retried_total", ["receiver": "duty"]) == 1)
        #expect(value("hajund_alerts_dead_lettered_total", ["receiver": "duty"]) == 0)
        #expect(value("hajund_alert_delivery_seconds_count", ["receiver": "duty"]) == 1)
        #expect(value("hajund_feed_health", ["feed": "hajun-bot", "state": "failing"]) == 1)
        #expect(value("hajund_feed_health", ["feed": "hajun-bot", "state": "ok"]) == 0)
        #expect(value("hajund_config_reloads_total", ["result": "error"]) == 1)
        #expect(text.contains("hajund_feed_poll_duration_seconds_bucket{feed=\"hajun-bot\",le=\"+Inf\"} 1"))
        #expect(text.contains("# TYPE hajund_feed_polls_total counter"))
        #expect(text.contains("# TYPE hajund_feed_lag_seconds gauge"))
    }

    @Test func healthFailsForALongFailingFeedAndForTheLog() {
        let board = HealthBoard()
        let now = Timestamp.now
        var failing = FeedHealth(startedAt: now, silentAfterMilliseconds: 0)
        failing.recordFailure(at: now.adding(milliseconds: -120_000), error: "HTTP 500")
        var fine = FeedHealth(startedAt: now, silentAfterMilliseconds: 0)
        fine.recordSuccess(at: now, newPosts: 1)
        board.publish {
            $0.feeds = [.init(name: "a", health: fine), .init(name: "b", health: failing)]
            $0.failingAfterMilliseconds = 600_000
            $0.lastTick = now
        }
        #expect(board.verdict(at: now).healthy, "failing for two minutes is within the ten-minute threshold")
        board.publish { $0.failingAfterMilliseconds = 60_000 }
        let verdict = board.verdict(at: now)
        #expect(!verdict.healthy)
        #expect(verdict.problems == ["feed 'b' failing for 120s: HTTP 500"])
        board.publish {
            $0.failingAfterMilliseconds = 600_000
            $0.logProblem = "cannot append: No space left on device"
        }
        #expect(board.verdict(at: now).problems == ["log: cannot append: No space left on device"])
        board.publish { $0.logProblem = nil }
        #expect(
            !board.verdict(at: now.adding(milliseconds: 60_000)).healthy, "a loop that stopped ticking is unhealthy")
    }
}
