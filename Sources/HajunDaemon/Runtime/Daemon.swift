import Foundation
import HajunCore
import HajunHTTP
import Logging

/// The long-running daemon. Each feed polls in a loop of its own (`FeedPoller`); their fetches come here, where
/// the `Ingestor` turns posts into events in one order. The main loop (`run`) ticks once a second for
/// housekeeping, health and the systemd watchdog, and handles reload and stop requests (`control`).
///
/// Lifecycle: `init` opens the state and the log and replays the log tail; `run()` (or `pollAll()` once) polls;
/// both end with everything flushed and committed.
public actor Daemon {
    public nonisolated let control: DaemonControl
    public nonisolated let metrics: DaemonMetrics
    public nonisolated let health = HealthBoard()
    private(set) var configuration: HajunConfiguration
    private let logger: Logger
    private let notifier: SystemdNotifier
    /// Where the in-process simulator listens, to bind `simulator:/` feed URLs of reloaded configurations.
    private let simulatorBaseURL: String?
    private let ingestor: Ingestor
    private var client: CurlHTTPClient
    private var feedHealth: [String: FeedHealth] = [:]
    /// Each feed's back-off state and when it is due, kept across reloads (pollers are replaced, these are not).
    private var schedules: [String: FeedSchedule] = [:]
    private var nextDue: [String: ContinuousClock.Instant] = [:]
    private var random = SystemRandomNumberGenerator()
    private var pollers: Task<Void, Never>?
    private var metricsServer: MetricsServer?
    private var eventsLogged = 0
    private var lastStatus = ""
    private var lastWatchdog = ContinuousClock.now
    /// The first trim comes 30 s after start (start-up is done by then) or after `server.trim_memory` when that
    /// is shorter, the next ones every `server.trim_memory`.
    private var nextTrim: ContinuousClock.Instant
    private var state = State.idle

    private enum State {
        case idle
        case running
        case stopping
        case stopped
    }

    /// Opens the state and the log, replays what the log holds beyond the state, and builds the pipeline.
    /// `control` may be made first, so that signals arriving during a long start are queued, not lost.
    /// `simulatorBaseURL` is where the in-process simulator listens when the configuration has one (its
    /// `simulator:/` feed URLs must already be bound to it; reloaded configurations are bound the same way).
    public init(
        configuration: HajunConfiguration,
        logger: Logger,
        metrics: DaemonMetrics = DaemonMetrics(),
        notifier: SystemdNotifier = SystemdNotifier(),
        control: DaemonControl = DaemonControl(),
        simulatorBaseURL: String? = nil
    ) throws {
        self.control = control
        self.simulatorBaseURL = simulatorBaseURL
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.notifier = notifier
        ingestor = try Ingestor(configuration: configuration, logger: logger, metrics: metrics)
        client = CurlHTTPClient(options: configuration.limits.http)
        let now = Timestamp.now
        for feed in configuration.feeds where feed.enabled {
            feedHealth[feed.name] = FeedHealth(
                startedAt: now,
                silentAfterMilliseconds: feed.silentAfterMilliseconds ?? configuration.server.silentAfterMilliseconds
            )
            metrics.registerFeed(feed.name)
        }
        schedules = Self.schedules(for: configuration, keeping: [:])
        nextTrim = .now + .milliseconds(min(30_000, configuration.server.trimMemoryMilliseconds))
    }

    /// How soon the log is tried again for a feed whose post it refused.
    static let logRetryMilliseconds: Int64 = 2000

    /// Each enabled feed's schedule from the configuration, keeping the failure count of `existing` ones.
    private static func schedules(
        for configuration: HajunConfiguration,
        keeping existing: [String: FeedSchedule]
    ) -> [String: FeedSchedule] {
        var updated: [String: FeedSchedule] = [:]
        for feed in configuration.feeds where feed.enabled {
            var schedule =
                existing[feed.name]
                ?? FeedSchedule(intervalMilliseconds: feed.intervalMilliseconds, jitter: 0, maxBackoffMilliseconds: 0)
            schedule.intervalMilliseconds = feed.intervalMilliseconds
            schedule.jitter = configuration.server.jitter
            schedule.maxBackoffMilliseconds = max(
                configuration.server.maxBackoffMilliseconds, feed.intervalMilliseconds)
            updated[feed.name] = schedule
        }
        return updated
    }

    /// The wait before a new poller's first fetch: what is left of the feed's current wait, or a small random one.
    private func initialDelay(for feed: String) -> Int64 {
        if let due = nextDue[feed] {
            let left = due - ContinuousClock.now
            return max(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000, 0)
        }
        return schedules[feed]?.initialDelay(using: &random) ?? 0
    }

    /// The port of the metrics listener, once `run()` has started it.
    public var metricsPort: Int? { metricsServer?.port }

    // MARK: - Once

    /// Polls every enabled feed once (concurrently), processes everything, flushes, delivers and closes the log.
    @discardableResult
    public func pollAll() async -> PollSummary {
        let feeds = configuration.feeds.filter(\.enabled)
        let pollers = feeds.map { makePoller($0) }
        let cursors = ingestor.cursors
        await withTaskGroup(of: Void.self) { group in
            for poller in pollers {
                let cursor = cursors[poller.feed.name] ?? FeedCursor()
                group.addTask {
                    let started = ContinuousClock.now
                    let outcome = await poller.fetch(cursor: cursor)
                    _ = await self.handle(feed: poller.feed, outcome: outcome, elapsed: ContinuousClock.now - started)
                }
            }
        }
        ingestor.shutDown()
        await ingestor.alertCenter.drain(timeout: .seconds(30))
        state = .stopped
        return onceSummary
    }

    private var onceSummary = PollSummary()

    // MARK: - Running

    /// Polls feeds until `control.stop()` (SIGTERM), then drains: stops the pollers (aborting fetches in flight;
    /// nothing of theirs was committed, so they are fetched again next time), flushes the log, commits the state
    /// with a dedup checkpoint, and returns. Throws only if the metrics listener cannot bind.
    public func run() async throws {
        guard case .idle = state else { return }
        state = .running
        if let listen = configuration.server.listen {
            let server = try await MetricsServer.start(listen: listen, metrics: metrics, health: health, logger: logger)
            metricsServer = server
            logger.info("serving /metrics and /healthz", metadata: ["listen": "\(listen.host):\(server.port)"])
        }
        let feeds = configuration.feeds.filter(\.enabled)
        logger.info(
            "hajund running",
            metadata: [
                "feeds": "\(feeds.count)", "log": "\(configuration.log.path)", "next_seq": "\(ingestor.nextSeq)",
            ]
        )
        let alertCenter = ingestor.alertCenter
        let delivery = Task { await alertCenter.run() }
        startPollers()
        let ticker = startTicker()
        publishHealth()
        notifier.ready(status: statusLine())
        for await request in control.requests {
            switch request {
            case .tick:
                tick()
            case .reload:
                await reload()
            case .stop:
                break
            }
            if case .stop = request { break }
        }
        state = .stopping
        notifier.stopping()
        logger.info("stopping: draining in-flight work")
        ticker.cancel()
        await stopPollers()
        ingestor.shutDown()
        delivery.cancel()
        await delivery.value
        await alertCenter.drain(timeout: .seconds(5))
        await metricsServer?.stop()
        state = .stopped
        logger.info("hajund stopped", metadata: ["last_seq": "\(ingestor.nextSeq - 1)"])
    }

    private func startTicker() -> Task<Void, Never> {
        let control = self.control
        let nanoseconds = min(1_000_000_000, (notifier.watchdogPingNanoseconds ?? UInt64.max) / 2)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: nanoseconds)
                control.tick()
            }
        }
    }

    /// Housekeeping from the live loop: the log's, health, status, and the watchdog ping. Reaching this proves the
    /// loop and the ingest path are not stuck, which is what the watchdog is for.
    private func tick() {
        ingestor.tick()
        publishHealth()
        let status = statusLine()
        if status != lastStatus {
            notifier.status(status)
            lastStatus = status
        }
        if let ping = notifier.watchdogPingNanoseconds,
            ContinuousClock.now - lastWatchdog >= .nanoseconds(Int64(ping))
        {
            notifier.watchdog()
            lastWatchdog = .now
        }
        trimMemoryWhenDue()
    }

    /// Gives back what start-up and bursts touched (`WorkingSetTrimmer`): 30 s after start (or sooner when
    /// `server.trim_memory` is shorter), then every `server.trim_memory`.
    private func trimMemoryWhenDue() {
        let interval = configuration.server.trimMemoryMilliseconds
        guard interval > 0, ContinuousClock.now >= nextTrim else { return }
        nextTrim = .now + .milliseconds(interval)
        let started = ContinuousClock.now
        if let outcome = WorkingSetTrimmer.trim() {
            logger.debug(
                "trimmed the working set",
                metadata: [
                    "code_kib": "\(outcome.codeBytes / 1024)", "mappings": "\(outcome.mappings)",
                    "took": "\(ContinuousClock.now - started)",
                ])
        }
    }

    // MARK: - Pollers

    private func makePoller(_ feed: FeedConfiguration) -> FeedPoller {
        FeedPoller(
            feed: feed,
            client: client,
            maxFileBytes: max(configuration.limits.http.maxResponseBytes, 256 << 20),
            daemon: self
        )
    }

    private func startPollers() {
        let starts = configuration.feeds.filter(\.enabled).map { feed in
            (makePoller(feed), ingestor.cursors[feed.name] ?? FeedCursor(), initialDelay(for: feed.name))
        }
        self.pollers = Task {
            await withDiscardingTaskGroup { group in
                for (poller, cursor, delay) in starts {
                    group.addTask { await poller.run(cursor: cursor, delay: delay) }
                }
            }
        }
    }

    private func stopPollers() async {
        pollers?.cancel()
        await pollers?.value
        pollers = nil
    }

    /// Takes one fetch's outcome from a poller: ingests it, updates health and metrics, and says how to go on.
    func handle(feed: FeedConfiguration, outcome: Result<FeedFetch, SourceError>, elapsed: Duration) -> PollDecision {
        let now = Timestamp.now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var health = feedHealth[feed.name] ?? FeedHealth(startedAt: now, silentAfterMilliseconds: 0)
        var schedule =
            schedules[feed.name]
            ?? FeedSchedule(
                intervalMilliseconds: feed.intervalMilliseconds,
                jitter: configuration.server.jitter,
                maxBackoffMilliseconds: configuration.server.maxBackoffMilliseconds
            )
        var decision = PollDecision(cursor: ingestor.cursors[feed.name] ?? FeedCursor(), delayMilliseconds: 0)
        defer {
            schedules[feed.name] = schedule
            nextDue[feed.name] = .now + .milliseconds(decision.delayMilliseconds)
            feedHealth[feed.name] = health
            metrics.recordHealth(
                feed: feed.name, state: health.state(at: now), consecutiveFailures: health.consecutiveFailures)
        }
        switch outcome {
        case .failure(let error):
            if error.reason == .cancelled, state != .running {
                decision.delayMilliseconds = schedule.intervalMilliseconds
                return decision
            }
            onceSummary.feedErrors += 1
            health.recordFailure(at: now, error: "\(error.origin): \(error.message)")
            metrics.recordPoll(feed: feed.name, result: "error", bytes: 0, seconds: seconds)
            metrics.recordFeedError(feed: feed.name, reason: error.reason.rawValue)
            logger.error(
                "\(error.origin): \(error.message)",
                metadata: [
                    "feed": "\(feed.name)", "reason": "\(error.reason.rawValue)",
                    "failures": "\(health.consecutiveFailures)",
                ]
            )
            decision.delayMilliseconds = schedule.delayAfterFailure(
                retryAfterMilliseconds: error.retryAfterMilliseconds, using: &random)
            return decision
        case .success(let fetch):
            let result = ingestor.ingest(feed: feed, fetch: fetch, receivedAt: now)
            metrics.recordPoll(
                feed: feed.name, result: fetch.notModified ? "not_modified" : "ok", bytes: fetch.bytes, seconds: seconds
            )
            if let newest = result.newestPostedAt {
                metrics.recordLag(
                    feed: feed.name, seconds: Double(now.millisecondsSince1970 - newest.millisecondsSince1970) / 1000)
            }
            health.recordSuccess(at: now, newPosts: result.eventsLogged)
            eventsLogged += result.eventsLogged
            onceSummary.postsRead += result.postsRead
            onceSummary.eventsLogged += result.eventsLogged
            onceSummary.inputProblems += result.inputProblems
            onceSummary.alertsDelivered += result.alertsDelivered
            if result.eventsLogged > 0 {
                logger.debug("polled", metadata: ["feed": "\(feed.name)", "events": "\(result.eventsLogged)"])
            }
            decision.cursor = result.cursor
            if result.complete {
                let elapsedMilliseconds = Int64(seconds * 1000)
                decision.delayMilliseconds = schedule.delayAfterSuccess(
                    elapsedMilliseconds: elapsedMilliseconds, moreAvailable: result.moreAvailable, using: &random)
            } else {
                decision.delayMilliseconds = Self.logRetryMilliseconds
            }
            return decision
        }
    }

    // MARK: - Reload

    /// SIGHUP: reopen the log (external rotation), then read and validate the configuration file; apply it if it
    /// is valid, keep the old one and say why if not. Settings that need a restart are named and kept.
    private func reload() async {
        notifier.reloading()
        logger.info("reloading", metadata: ["config": "\(configuration.file)"])
        do {
            try ingestor.reopenLog()
        } catch {
            logger.error("cannot reopen the log: \(error)")
        }
        let new: HajunConfiguration
        do {
            let reread = try Self.reread(configuration)
            new = simulatorBaseURL.map { reread.bindingSimulator(baseURL: $0) } ?? reread
            if new.feeds.contains(where: \.usesSimulator) {
                throw ConfigError(
                    file: new.file, line: nil, keyPath: "simulator",
                    message: "the simulator was not running at start: simulator:/ feeds need a restart")
            }
            try ingestor.apply(new)
        } catch {
            metrics.recordReload(succeeded: false)
            logger.error("reload failed, keeping the running configuration: \(error)")
            notifier.ready(status: "reload failed, kept the running configuration: \(error); " + statusLine())
            return
        }
        for (section, changed) in [
            ("log", new.log != configuration.log), ("state", new.state != configuration.state),
            ("server.http", new.server.listen != configuration.server.listen),
            ("simulator", new.simulator != configuration.simulator),
        ] where changed {
            logger.warning("'\(section)' changed: it takes effect at the next restart")
        }
        await stopPollers()
        configuration = ingestor.configuration
        schedules = Self.schedules(for: configuration, keeping: schedules)
        client = CurlHTTPClient(options: configuration.limits.http)
        let now = Timestamp.now
        var health: [String: FeedHealth] = [:]
        for feed in configuration.feeds where feed.enabled {
            var entry = feedHealth[feed.name] ?? FeedHealth(startedAt: now, silentAfterMilliseconds: 0)
            entry.silentAfterMilliseconds = feed.silentAfterMilliseconds ?? configuration.server.silentAfterMilliseconds
            health[feed.name] = entry
            metrics.registerFeed(feed.name)
        }
        feedHealth = health
        startPollers()
        publishHealth()
        metrics.recordReload(succeeded: true)
        logger.info("reloaded", metadata: ["feeds": "\(health.count)"])
        notifier.ready(status: statusLine())
    }

    private static func reread(_ running: HajunConfiguration) throws -> HajunConfiguration {
        if running.file.hasPrefix("<embedded>") {
            return try HajunConfiguration.embeddedDefault(baseDirectory: running.baseDirectory)
        }
        return try HajunConfiguration.load(path: running.file)
    }

    // MARK: - Status

    private func publishHealth() {
        let feeds = feedHealth.keys.sorted().map { HealthBoard.FeedStatus(name: $0, health: feedHealth[$0]!) }
        let logProblem = ingestor.logProblem
        let failingAfter = configuration.server.failingAfterMilliseconds
        let now = Timestamp.now
        for feed in feeds {
            metrics.recordHealth(
                feed: feed.name, state: feed.health.state(at: now), consecutiveFailures: feed.health.consecutiveFailures
            )
        }
        health.publish {
            $0.feeds = feeds
            $0.logProblem = logProblem
            $0.lastTick = now
            $0.failingAfterMilliseconds = failingAfter
        }
    }

    private func statusLine() -> String {
        let now = Timestamp.now
        let states = feedHealth.values.map { $0.state(at: now) }
        let failing = states.filter { $0 == .failing }.count
        let silent = states.filter { $0 == .silent }.count
        var line = "\(feedHealth.count) feeds (\(failing) failing, \(silent) silent), \(eventsLogged) events this run"
        if let problem = ingestor.logProblem { line += "; LOG PROBLEM: \(problem)" }
        return line
    }
}
