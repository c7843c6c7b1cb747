import Foundation
import HajunCore
import Logging

/// The one place posts become events, in one order: parse → pipeline → log append → log sync → (alert outbox) →
/// state commit → alert delivery. Owned by the `Daemon` actor; not thread-safe.
///
/// Exactly once: a post counts as taken when its line is in the log. Its key, the feed's cursor and the dedup
/// index reach the state only in a commit after the line is durable; on start, `LogRecovery` re-applies the lines
/// the state does not cover yet. A failed append leaves the dedup index remembering a post the log lacks, so the
/// index is rebuilt (snapshot plus log) before the next post is judged.
final class Ingestor {
    private(set) var configuration: HajunConfiguration
    private let logger: Logger
    private let metrics: DaemonMetrics
    private let log: EventLogWriter
    private let state: StateStore
    private var pipeline: Pipeline
    private var seen: SeenPosts
    /// Every feed's cursor as the next poll should use it (committed, or in `pending`).
    private(set) var cursors: [String: FeedCursor]
    /// Rules, outbox and receivers: alerts are enqueued here in `commitPending`, delivered by `AlertCenter.run()`.
    let alertCenter: AlertCenter
    /// Changes not committed yet: they carry over when a sync or commit fails.
    private var pending: StateCommit
    private var pendingAlerts: [Alert] = []
    private var dedupSeq: Int64
    private var eventsSinceCheckpoint = 0
    private var lastCheckpoint = ContinuousClock.now
    private var dedupNeedsRebuild = false
    private var liveFileIdentity: LiveFileIdentity?
    /// The input problems of each feed's last fetch, so that a file read again does not repeat them.
    private var reportedProblems: [String: Set<FeedProblem>] = [:]
    /// Why the log cannot be written right now, for `/healthz`.
    private(set) var logProblem: String?

    /// Save the dedup index after this many events or this long, whichever comes first; the log replays the rest.
    static let checkpointEvents = 1000
    static let checkpointInterval = Duration.seconds(30)

    init(configuration: HajunConfiguration, logger: Logger, metrics: DaemonMetrics) throws {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        state = try StateStore(directory: configuration.state.directory)
        let snapshot = try state.load()
        log = try EventLogWriter(configuration: configuration.log, logger: logger)
        alertCenter = try AlertCenter(configuration: configuration, logger: logger) { [metrics] delivery in
            switch delivery.result {
            case .delivered:
                metrics.recordAlertSent(receiver: delivery.receiver, latencySeconds: delivery.queuedSeconds)
            case .retrying, .dead: metrics.recordAlertFailed(receiver: delivery.receiver)
            }
        }
        pipeline = try Self.makePipeline(
            configuration, dedupSnapshot: snapshot.dedupSnapshot, rules: alertCenter.engine)
        seen = SeenPosts(
            snapshot.seenTimes, bounds: snapshot.seenBounds,
            exactWindowMilliseconds: configuration.dedup.exactWindowMilliseconds)
        cursors = snapshot.cursors
        dedupSeq = snapshot.dedupSeq
        pending = StateCommit(lastSeq: snapshot.lastSeq)
        liveFileIdentity = LiveFileIdentity(path: configuration.log.path)
        try recover(snapshot)
        for receiver in configuration.receivers { metrics.registerReceiver(receiver.name) }
        metrics.recordLogSeq(log.nextSeq - 1)
    }

    var nextSeq: Int64 { log.nextSeq }

    // MARK: - Recovery

    private func recover(_ snapshot: StateSnapshot) throws {
        let lastOnDisk = log.nextSeq - 1
        if lastOnDisk < snapshot.lastSeq {
            logger.warning(
                "the log ends at seq \(lastOnDisk) but the state covers up to seq \(snapshot.lastSeq): was the log removed or truncated? Going on from seq \(lastOnDisk + 1)"
            )
        }
        guard lastOnDisk > snapshot.dedupSeq else {
            if lastOnDisk < snapshot.dedupSeq { eventsSinceCheckpoint = Self.checkpointEvents }  // re-anchor soon
            return
        }
        let started = ContinuousClock.now
        let recovery = LogRecovery(logPath: configuration.log.path, logger: logger)
        var recoveredAlerts: [Alert] = []
        let summary = try recovery.replay(pipeline: pipeline, dedupSeq: snapshot.dedupSeq, lastSeq: snapshot.lastSeq) {
            replayed in
            let report = replayed.event.report
            let key = PostKey.key(for: report)
            let time = Self.seenTime(report)
            seen.insert(key, feed: report.feed, timeSeconds: time)
            pending.newlySeen.append(.init(feed: report.feed, key: key, postedAtSeconds: time))
            pending.seenBounds[report.feed] = seen.bounds(feed: report.feed)
            recoveredAlerts += replayed.fired.map { Alert(rule: $0, event: replayed.event, firedAt: .now) }
        }
        if summary.replayed > 0 {
            logger.notice(
                "replayed the log tail",
                metadata: [
                    "from_seq": "\(snapshot.dedupSeq + 1)", "events": "\(summary.replayed)",
                    "not_committed_before": "\(summary.uncommitted)", "verdict_mismatches": "\(summary.mismatches)",
                    "unreadable": "\(summary.unreadable)", "took": "\(ContinuousClock.now - started)",
                ]
            )
        }
        eventsSinceCheckpoint = summary.replayed
        metrics.recordRecovered(summary.uncommitted)
        pendingAlerts = recoveredAlerts
        if summary.uncommitted > 0 { _ = commitPending(forceCheckpoint: false) }
    }

    /// Rebuilds the dedup index from the last checkpoint and the log, after an append failed part-way through a
    /// post the index had already remembered.
    private func rebuildDedupIndex() throws {
        let snapshot = try state.load()
        let rebuilt = try Self.makePipeline(
            configuration, dedupSnapshot: snapshot.dedupSnapshot, classifier: pipeline.classifier,
            rules: alertCenter.engine
        )
        _ = try LogRecovery(logPath: configuration.log.path, logger: logger)
            .replay(pipeline: rebuilt, dedupSeq: snapshot.dedupSeq, lastSeq: Int64.max) { _ in }
        pipeline = rebuilt
        dedupSeq = snapshot.dedupSeq
        dedupNeedsRebuild = false
    }

    // MARK: - Ingesting

    /// Takes every new post of one fetch, logs it, commits, and delivers the alerts.
    func ingest(feed: FeedConfiguration, fetch: FeedFetch, receivedAt: Timestamp) -> IngestResult {
        var result = IngestResult()
        result.cursor = cursors[feed.name] ?? FeedCursor()
        if dedupNeedsRebuild {
            do {
                try rebuildDedupIndex()
            } catch {
                setLogProblem("cannot rebuild the dedup index from the log: \(error)")
                result.complete = false
                return result
            }
        }
        var lastUpdateID: Int64?
        let previousProblems = reportedProblems[feed.name] ?? []
        var currentProblems: Set<FeedProblem> = []
        let boundsBefore = seen.bounds(feed: feed.name)
        var forgotten = 0
        defer { reportedProblems[feed.name] = fetch.notModified ? previousProblems : currentProblems }
        // Reports are taken as the parser reads them, so a large document never holds all its reports at once.
        for document in fetch.documents where result.complete {
            var postsRead = 0
            let parsed = FeedParser.parse(
                document.bytes,
                format: feed.format,
                feed: feed.name,
                origin: document.origin,
                limits: configuration.limits.feed
            ) { report in
                postsRead += 1
                guard result.complete else { return }
                let key = PostKey.key(for: report)
                if self.seen.contains(key, feed: feed.name) { return }
                if self.seen.isForgotten(feed: feed.name, timeSeconds: Self.seenTime(report)) {
                    forgotten += 1
                    return
                }
                guard self.take(report, key: key, receivedAt: receivedAt) else {
                    // The log refused it: take nothing more of this fetch; the cursor stays where it was.
                    result.complete = false
                    return
                }
                result.eventsLogged += 1
                if result.newestPostedAt.map({ report.postedAt > $0 }) ?? true {
                    result.newestPostedAt = report.postedAt
                }
            }
            // A file read again repeats its bad lines: report each problem once, not on every poll.
            let fresh = parsed.problems.filter { !previousProblems.contains($0) }
            currentProblems.formUnion(parsed.problems)
            for problem in fresh {
                logger.error("\(problem)", metadata: ["feed": "\(feed.name)"])
            }
            result.inputProblems += fresh.count
            result.postsRead += postsRead
            metrics.recordPostsIn(feed: feed.name, count: postsRead, problems: fresh.count)
            if result.complete, let last = parsed.lastUpdateID { lastUpdateID = max(lastUpdateID ?? last, last) }
        }
        if forgotten > 0 {
            logger.debug(
                "posts from the forgotten part of the feed's past were not taken again",
                metadata: ["feed": "\(feed.name)", "posts": "\(forgotten)"])
        }
        if let cutoff = seen.prune(feed: feed.name) { pending.forgetSeenBefore[feed.name] = cutoff }
        if let bounds = seen.bounds(feed: feed.name), bounds != boundsBefore { pending.seenBounds[feed.name] = bounds }
        if result.complete {
            var cursor = result.cursor
            if let lastUpdateID, case .url = feed.location {
                // Only `getUpdates` moves with the offset; a file of updates reads the same whatever it is.
                result.moreAvailable = cursor.botOffset != lastUpdateID + 1
                cursor.botOffset = lastUpdateID + 1
            }
            if !fetch.notModified,
                fetch.etag != nil || fetch.lastModified != nil || cursor.etag != nil || cursor.lastModified != nil
            {
                cursor.etag = fetch.etag
                cursor.lastModified = fetch.lastModified
            }
            if cursor != cursors[feed.name] {
                cursors[feed.name] = cursor
                pending.cursors[feed.name] = cursor
            }
            result.cursor = cursor
        }
        if result.eventsLogged > 0 || !pending.cursors.isEmpty || !pending.forgetSeenBefore.isEmpty
            || !pending.seenBounds.isEmpty
        {
            result.alertsDelivered = commitPending(forceCheckpoint: false)
        }
        return result
    }

    /// Judges one post and appends its event; false when the log refused it.
    private func take(_ report: Report, key: UInt64, receivedAt: Timestamp) -> Bool {
        let seq = log.nextSeq
        let (event, fired) = pipeline.process(report, seq: seq, receivedAt: receivedAt)
        let line = EventEncoder.encode(event)
        do {
            try log.append(line)
        } catch {
            // The index has remembered this post; the log has not. Judge nothing more until they agree again.
            dedupNeedsRebuild = true
            metrics.recordLogWriteError()
            setLogProblem("cannot append to \(configuration.log.path): \(error)")
            logger.error("cannot append to the event log: \(error)", metadata: ["feed": "\(report.feed)"])
            return false
        }
        if logProblem != nil { setLogProblem(nil) }
        metrics.recordLogAppend(bytes: line.count + 1, seq: seq)
        metrics.recordEvent(category: event.classification.category.rawValue, dedupStatus: event.dedup.status.rawValue)
        let time = Self.seenTime(report)
        seen.insert(key, feed: report.feed, timeSeconds: time)
        pending.newlySeen.append(.init(feed: report.feed, key: key, postedAtSeconds: time))
        pendingAlerts += fired.map { Alert(rule: $0, event: event, firedAt: receivedAt) }
        eventsSinceCheckpoint += 1
        return true
    }

    /// The time a taken post is remembered by (`SeenPosts`).
    private static func seenTime(_ report: Report) -> Int64 {
        SeenPosts.time(
            postedAtSeconds: report.postedAt.secondsSince1970, editedAtSeconds: report.editedAt?.secondsSince1970)
    }

    // MARK: - Committing

    /// Makes the log durable, then commits the pending state (with a dedup checkpoint when one is due), then
    /// delivers the alerts of the committed events. Returns the number of alerts delivered. On failure everything
    /// stays pending for the next try.
    @discardableResult
    func commitPending(forceCheckpoint: Bool) -> Int {
        do {
            try log.sync()
        } catch {
            metrics.recordLogWriteError()
            setLogProblem("cannot fsync \(configuration.log.path): \(error)")
            logger.error("cannot make the event log durable; state not committed: \(error)")
            return 0
        }
        noteRotation()
        pending.lastSeq = max(log.nextSeq - 1, 0)
        let checkpointDue =
            forceCheckpoint || eventsSinceCheckpoint >= Self.checkpointEvents
            || (eventsSinceCheckpoint > 0 && ContinuousClock.now - lastCheckpoint >= Self.checkpointInterval)
        if checkpointDue && !dedupNeedsRebuild && (eventsSinceCheckpoint > 0 || pending.lastSeq != dedupSeq) {
            pending.dedupSnapshot = .init(seq: pending.lastSeq, bytes: pipeline.dedup.snapshot())
        }
        // The log lines the alerts come from are durable now, and the state that marks their events as taken is not
        // committed yet. If the process dies between the two, LogRecovery hands the same alerts back (same
        // `Alert.id`), which the outbox recognises. Called with no alerts too: it saves the rule state the events
        // changed. On an enqueue error everything stays pending, as for a failed commit.
        do {
            try alertCenter.enqueue(pendingAlerts)
        } catch {
            logger.error("cannot enqueue alerts in the outbox; state not committed: \(error)")
            pending.dedupSnapshot = nil
            return 0
        }
        do {
            try state.commit(pending)
        } catch {
            logger.error("cannot commit the state to \(state.path): \(error)")
            pending.dedupSnapshot = nil
            return 0
        }
        if let checkpoint = pending.dedupSnapshot {
            dedupSeq = checkpoint.seq
            eventsSinceCheckpoint = 0
            lastCheckpoint = .now
        }
        pending = StateCommit(lastSeq: pending.lastSeq)
        let queued = pendingAlerts.count
        pendingAlerts = []
        return queued
    }

    // MARK: - Housekeeping, reload, shutdown

    /// Once a second: rotation by age, and a retry of a commit that failed.
    func tick() {
        do {
            try log.tick()
        } catch {
            logger.error("log housekeeping failed: \(error)")
        }
        noteRotation()
        // Idle seconds cost no disk write: only a failed commit to retry, or a dedup checkpoint that fell due.
        let checkpointDue = eventsSinceCheckpoint > 0 && ContinuousClock.now - lastCheckpoint >= Self.checkpointInterval
        if pending.lastSeq < log.nextSeq - 1 || !pending.isEmpty || !pendingAlerts.isEmpty || checkpointDue {
            commitPending(forceCheckpoint: false)
        }
        let directory = (configuration.log.path as NSString).deletingLastPathComponent
        if access(directory, W_OK) != 0 {
            setLogProblem("the log directory \(directory) is not writable: \(String(cString: strerror(errno)))")
        } else if logProblem?.hasPrefix("the log directory") == true {
            setLogProblem(nil)
        }
    }

    /// Closes the current log file and opens the live path again (logrotate's `postrotate` sends SIGHUP).
    func reopenLog() throws {
        try log.reopen()
        noteRotation()
    }

    /// Applies a new configuration's feeds, rules, receivers, classifier and dedup windows. The log, the state
    /// directory and the listener keep their old settings until a restart (the caller warns).
    func apply(_ new: HajunConfiguration) throws {
        // Unchanged parts carry over: the classifier (no reloading the lexicon). The alert center carries the
        // rule state over by rule name, and swaps in the new receivers.
        let sameClassifier = new.classifier == configuration.classifier
        try alertCenter.apply(new)
        let rebuilt: Pipeline
        do {
            rebuilt = try Self.makePipeline(
                new,
                dedupSnapshot: pipeline.dedup.snapshot(),
                classifier: sameClassifier ? pipeline.classifier : nil,
                rules: alertCenter.engine
            )
        } catch {
            try? alertCenter.apply(configuration)
            throw error
        }
        var kept = new
        kept.log = configuration.log
        kept.state = configuration.state
        kept.server.listen = configuration.server.listen
        pipeline = rebuilt
        configuration = kept
        seen.windowSeconds = SeenPosts.windowSeconds(exactWindowMilliseconds: kept.dedup.exactWindowMilliseconds)
        for receiver in kept.receivers { metrics.registerReceiver(receiver.name) }
    }

    /// Flushes the log, commits everything with a dedup checkpoint, delivers, and closes the log.
    func shutDown() {
        commitPending(forceCheckpoint: true)
        do {
            try log.close()
        } catch {
            logger.error("could not close the log cleanly: \(error)")
        }
    }

    // MARK: - Building

    static func makePipeline(
        _ configuration: HajunConfiguration,
        dedupSnapshot: [UInt8]?,
        classifier: Classifier? = nil,
        rules: RuleEngine
    ) throws -> Pipeline {
        let dedup: DedupIndex
        if let dedupSnapshot {
            dedup = try DedupIndex(configuration: configuration.dedup, restoring: dedupSnapshot)
        } else {
            dedup = DedupIndex(configuration: configuration.dedup)
        }
        return Pipeline(
            classifier: try classifier ?? ClassifierLoader.load(configuration.classifier),
            dedup: dedup,
            rules: rules
        )
    }

    private func setLogProblem(_ problem: String?) {
        logProblem = problem
    }

    /// Counts a rotation whenever the live path names another file than before (ours, or logrotate's).
    private func noteRotation() {
        let current = LiveFileIdentity(path: configuration.log.path)
        if let previous = liveFileIdentity, let current, previous != current { metrics.recordLogRotation() }
        if current != nil { liveFileIdentity = current }
    }
}

/// The device and inode the log's live path names.
private struct LiveFileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
