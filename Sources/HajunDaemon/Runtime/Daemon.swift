import Foundation
import HajunCore
import HajunHTTP
import Logging

/// The long-running daemon: polls feeds, runs each new post through the pipeline, appends events to the log,
/// commits state once the log is durable, and delivers alerts.
///
/// One instance is driven by one task; fetches run concurrently, processing is sequential so that `seq` and
/// dedup decisions follow a single order.
public final class Daemon {
    public let configuration: HajunConfiguration
    private let logger: Logger
    private let pipeline: Pipeline
    private let log: EventLogWriter
    private let state: StateStore
    private let client: CurlHTTPClient
    private var seen: [String: Set<UInt64>]
    private var botOffsets: [String: Int64]
    private let receivers: [String: FileReceiver]
    private var nextDue: [String: Int64] = [:]
    private var consecutiveFailures: [String: Int] = [:]

    public init(configuration: HajunConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        state = try StateStore(directory: configuration.state.directory)
        let snapshot = try state.load()
        seen = snapshot.seen
        botOffsets = snapshot.botOffsets
        log = try EventLogWriter(configuration: configuration.log)
        let classifier = try ClassifierLoader.load(configuration.classifier)
        pipeline = Pipeline(
            classifier: classifier,
            dedup: try snapshot.dedupSnapshot.map { try DedupIndex(configuration: configuration.dedup, restoring: $0) }
                ?? DedupIndex(configuration: configuration.dedup),
            rules: RuleEngine(rules: configuration.rules)
        )
        client = CurlHTTPClient(options: configuration.limits.http)
        var receivers: [String: FileReceiver] = [:]
        for receiver in configuration.receivers {
            switch receiver.kind {
            case .file: receivers[receiver.name] = FileReceiver(name: receiver.name, path: receiver.path!)
            }
        }
        self.receivers = receivers
    }

    /// Polls every enabled feed once, processes everything, flushes and delivers.
    @discardableResult
    public func pollAll() async -> PollSummary {
        await poll(configuration.feeds.filter(\.enabled))
    }

    /// Polls feeds as they fall due until the task is cancelled, then flushes and returns.
    public func run() async {
        let feeds = configuration.feeds.filter(\.enabled)
        logger.info("hajund running", metadata: ["feeds": "\(feeds.count)", "log": "\(configuration.log.path)"])
        while !Task.isCancelled {
            let now = Timestamp.now.millisecondsSince1970
            let due = feeds.filter { (nextDue[$0.name] ?? 0) <= now }
            if !due.isEmpty {
                let summary = await poll(due)
                if summary.eventsLogged > 0 {
                    logger.info("poll", metadata: ["events": "\(summary.eventsLogged)", "alerts": "\(summary.alertsDelivered)"])
                }
            }
            let wake = feeds.compactMap { nextDue[$0.name] }.min() ?? (now + 1000)
            let delay = max(50, wake - Timestamp.now.millisecondsSince1970)
            do {
                try await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000)
            } catch {
                break
            }
        }
        do {
            try log.sync()
            try log.close()
        } catch {
            logger.error("could not flush the log on shutdown: \(error)")
        }
        logger.info("hajund stopped")
    }

    private func poll(_ feeds: [FeedConfiguration]) async -> PollSummary {
        var summary = PollSummary()
        let fetched = await fetchAll(feeds)
        let receivedAt = Timestamp.now
        var commit = StateCommit(lastSeq: log.nextSeq - 1)
        var alerts: [Alert] = []
        feedLoop: for (feed, result) in fetched {
            let documents: [FetchedDocument]
            switch result {
            case .success(let value):
                documents = value
                consecutiveFailures[feed.name] = 0
                nextDue[feed.name] = receivedAt.millisecondsSince1970 + feed.intervalMilliseconds
            case .failure(let error):
                summary.feedErrors += 1
                let failures = (consecutiveFailures[feed.name] ?? 0) + 1
                consecutiveFailures[feed.name] = failures
                let backoff = min(feed.intervalMilliseconds << min(failures, 6), 15 * 60_000)
                nextDue[feed.name] = receivedAt.millisecondsSince1970 + max(backoff, error.retryAfterMilliseconds ?? 0)
                logger.error("\(error)", metadata: ["feed": "\(feed.name)"])
                continue
            }
            for document in documents {
                let parsed = FeedParser.parse(
                    document.bytes,
                    format: feed.format,
                    feed: feed.name,
                    origin: document.origin,
                    limits: configuration.limits.feed
                )
                for problem in parsed.problems {
                    summary.inputProblems += 1
                    logger.error("\(problem)", metadata: ["feed": "\(feed.name)"])
                }
                for report in parsed.reports {
                    summary.postsRead += 1
                    let key = PostKey.key(for: report)
                    if seen[feed.name]?.contains(key) == true { continue }
                    let seq = log.nextSeq
                    let (event, fired) = pipeline.process(report, seq: seq, receivedAt: receivedAt)
                    do {
                        try log.append(EventEncoder.encode(event))
                    } catch {
                        // Nothing after this post is taken: its cursor stays, so the next poll retries it.
                        logger.error("cannot append to the event log: \(error)", metadata: ["feed": "\(feed.name)"])
                        break feedLoop
                    }
                    summary.eventsLogged += 1
                    seen[feed.name, default: []].insert(key)
                    commit.newlySeen.append(.init(feed: feed.name, key: key, postedAtSeconds: report.postedAt.secondsSince1970))
                    alerts += fired.map { Alert(rule: $0, event: event, firedAt: receivedAt) }
                }
                if let last = parsed.lastUpdateID { commit.botOffsets[feed.name] = last + 1 }
            }
        }
        for (feed, offset) in commit.botOffsets { botOffsets[feed] = offset }
        commit.lastSeq = log.nextSeq - 1
        if summary.eventsLogged > 0 { commit.dedupSnapshot = pipeline.dedup.snapshot() }
        do {
            try log.sync()
            try state.commit(commit)
        } catch {
            logger.error("cannot commit state: \(error)")
        }
        summary.alertsDelivered = deliver(alerts)
        return summary
    }

    private func fetchAll(_ feeds: [FeedConfiguration]) async -> [(FeedConfiguration, Result<[FetchedDocument], SourceError>)] {
        let client = self.client
        let offsets = botOffsets
        let limit = configuration.limits.http.maxResponseBytes
        return await withTaskGroup(of: (Int, Result<[FetchedDocument], SourceError>).self) { group in
            for (index, feed) in feeds.enumerated() {
                group.addTask {
                    do {
                        switch feed.location {
                        case .path(let path):
                            return (index, .success(try FileSource(feed: feed.name, path: path, maxFileBytes: max(limit, 256 << 20)).fetch()))
                        case .url(let url):
                            let source = HTTPSource(feed: feed.name, url: url, format: feed.format, client: client)
                            return (index, .success(try await source.fetch(botOffset: offsets[feed.name])))
                        }
                    } catch let error as SourceError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(SourceError(feed: feed.name, origin: "", message: "\(error)")))
                    }
                }
            }
            var results = [(FeedConfiguration, Result<[FetchedDocument], SourceError>)?](repeating: nil, count: feeds.count)
            for await (index, result) in group { results[index] = (feeds[index], result) }
            return results.compactMap { $0 }
        }
    }

    private func deliver(_ alerts: [Alert]) -> Int {
        var delivered = 0
        let byReceiver = Dictionary(grouping: alerts, by: \.receiver)
        for (name, batch) in byReceiver.sorted(by: { $0.key < $1.key }) {
            guard let receiver = receivers[name] else { continue }
            do {
                try receiver.deliver(batch.map { $0.encodedLine() })
                delivered += batch.count
            } catch {
                logger.error("\(error)", metadata: ["receiver": "\(name)"])
            }
        }
        return delivered
    }
}
