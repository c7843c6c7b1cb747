import CoreMetrics
import HajunCore
import Metrics
import Prometheus

/// hajund's metrics: swift-metrics instruments backed by one Prometheus registry, exposed as Prometheus text on
/// `/metrics`. `hajund run` also bootstraps `MetricsSystem` with `factory`, so that any component using plain
/// swift-metrics (`Counter(label: DaemonMetrics.Name.alertsSent, dimensions: [("receiver", name)])`) lands in the
/// same registry.
///
/// Labels carry configured names (feeds, receivers), categories and fixed reasons only: never a URL, so never a
/// token. A metric name is either always labelled or never: the registry refuses to mix the two.
public final class DaemonMetrics: Sendable {
    /// Metric names, for components that record through swift-metrics directly.
    public enum Name {
        public static let feedPolls = "hajund_feed_polls_total"
        public static let feedErrors = "hajund_feed_errors_total"
        public static let feedBytes = "hajund_feed_bytes_total"
        public static let feedLag = "hajund_feed_lag_seconds"
        public static let feedLastSuccess = "hajund_feed_last_success_timestamp_seconds"
        public static let feedHealth = "hajund_feed_health"
        public static let feedConsecutiveFailures = "hajund_feed_consecutive_failures"
        public static let feedPollDuration = "hajund_feed_poll_duration_seconds"
        public static let postsIn = "hajund_posts_total"
        public static let inputProblems = "hajund_input_problems_total"
        public static let events = "hajund_events_total"
        public static let duplicates = "hajund_duplicates_total"
        public static let logBytes = "hajund_log_bytes_total"
        public static let logRotations = "hajund_log_rotations_total"
        public static let logSeq = "hajund_log_seq"
        public static let logWriteErrors = "hajund_log_write_errors_total"
        public static let recoveredEvents = "hajund_recovered_events_total"
        /// Labels: `receiver`.
        public static let alertsSent = "hajund_alerts_sent_total"
        public static let alertsFailed = "hajund_alerts_failed_total"
        public static let alertsRetried = "hajund_alerts_retried_total"
        public static let alertsDeadLettered = "hajund_alerts_dead_lettered_total"
        /// A histogram (swift-metrics `Timer`) of the time from receiving a post to delivering its alert.
        public static let alertDeliveryLatency = "hajund_alert_delivery_seconds"
        public static let configReloads = "hajund_config_reloads_total"
        public static let startTime = "hajund_start_time_seconds"
    }

    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        self.factory = factory
        CoreMetrics.Gauge(label: Name.startTime, dimensions: [("version", "1")], factory: factory)
            .record(Double(Timestamp.now.millisecondsSince1970) / 1000)
    }

    /// The whole registry in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> String {
        registry.emitToString()
    }

    // MARK: - Feeds

    /// Creates a feed's series at zero, so that dashboards see the feed before its first poll.
    public func registerFeed(_ feed: String) {
        for result in ["ok", "not_modified", "error"] {
            counter(Name.feedPolls, [("feed", feed), ("result", result)]).increment(by: 0)
        }
        counter(Name.feedBytes, [("feed", feed)]).increment(by: 0)
        counter(Name.postsIn, [("feed", feed)]).increment(by: 0)
        counter(Name.inputProblems, [("feed", feed)]).increment(by: 0)
        recordHealth(feed: feed, state: .ok, consecutiveFailures: 0)
    }

    public func recordPoll(feed: String, result: String, bytes: Int, seconds: Double) {
        counter(Name.feedPolls, [("feed", feed), ("result", result)]).increment()
        if bytes > 0 { counter(Name.feedBytes, [("feed", feed)]).increment(by: bytes) }
        CoreMetrics.Timer(label: Name.feedPollDuration, dimensions: [("feed", feed)], factory: factory)
            .recordNanoseconds(Int64(seconds * 1e9))
        if result != "error" {
            gauge(Name.feedLastSuccess, [("feed", feed)]).record(Double(Timestamp.now.millisecondsSince1970) / 1000)
        }
    }

    public func recordFeedError(feed: String, reason: String) {
        counter(Name.feedErrors, [("feed", feed), ("reason", reason)]).increment()
    }

    public func recordHealth(feed: String, state: FeedHealth.State, consecutiveFailures: Int) {
        for candidate in FeedHealth.State.allCases {
            gauge(Name.feedHealth, [("feed", feed), ("state", candidate.rawValue)]).record(candidate == state ? 1 : 0)
        }
        gauge(Name.feedConsecutiveFailures, [("feed", feed)]).record(Double(consecutiveFailures))
    }

    /// How old the newest post taken from the feed was when it was taken.
    public func recordLag(feed: String, seconds: Double) {
        gauge(Name.feedLag, [("feed", feed)]).record(max(seconds, 0))
    }

    public func recordPostsIn(feed: String, count: Int, problems: Int) {
        if count > 0 { counter(Name.postsIn, [("feed", feed)]).increment(by: count) }
        if problems > 0 { counter(Name.inputProblems, [("feed", feed)]).increment(by: problems) }
    }

    // MARK: - Events and the log

    public func recordEvent(category: String, dedupStatus: String) {
        counter(Name.events, [("category", category)]).increment()
        counter(Name.duplicates, [("status", dedupStatus)]).increment()
    }

    public func recordLogAppend(bytes: Int, seq: Int64) {
        counter(Name.logBytes, []).increment(by: bytes)
        gauge(Name.logSeq, []).record(Double(seq))
    }

    public func recordLogSeq(_ seq: Int64) {
        gauge(Name.logSeq, []).record(Double(seq))
    }

    public func recordLogRotation() {
        counter(Name.logRotations, []).increment()
    }

    public func recordLogWriteError() {
        counter(Name.logWriteErrors, []).increment()
    }

    public func recordRecovered(_ count: Int) {
        counter(Name.recoveredEvents, []).increment(by: count)
    }

    // MARK: - Alerts

    /// Creates a receiver's series at zero.
    public func registerReceiver(_ receiver: String) {
        for name in [Name.alertsSent, Name.alertsFailed, Name.alertsRetried, Name.alertsDeadLettered] {
            counter(name, [("receiver", receiver)]).increment(by: 0)
        }
    }

    public func recordAlertSent(receiver: String, latencySeconds: Double) {
        counter(Name.alertsSent, [("receiver", receiver)]).increment()
        CoreMetrics.Timer(label: Name.alertDeliveryLatency, dimensions: [("receiver", receiver)], factory: factory)
            .recordNanoseconds(Int64(max(latencySeconds, 0) * 1e9))
    }

    public func recordAlertFailed(receiver: String) {
        counter(Name.alertsFailed, [("receiver", receiver)]).increment()
    }

    public func recordAlertRetried(receiver: String) {
        counter(Name.alertsRetried, [("receiver", receiver)]).increment()
    }

    public func recordAlertDeadLettered(receiver: String) {
        counter(Name.alertsDeadLettered, [("receiver", receiver)]).increment()
    }

    public func recordReload(succeeded: Bool) {
        counter(Name.configReloads, [("result", succeeded ? "ok" : "error")]).increment()
    }

    // MARK: - Helpers

    private func counter(_ name: String, _ labels: [(String, String)]) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: name, dimensions: labels, factory: factory)
    }

    private func gauge(_ name: String, _ labels: [(String, String)]) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
    }
}

extension DaemonMetrics {
    /// Makes this registry the process-wide swift-metrics backend (once per process; `hajund run` does it), so
    /// that metrics recorded through plain swift-metrics show on `/metrics` too.
    public func bootstrapMetricsSystem() {
        MetricsSystem.bootstrap(factory)
    }
}
