import HajunCore
import HajunHTTP
import Logging

/// One feed's polling loop: waits until the feed is due, fetches it (concurrently with every other feed's loop,
/// so one slow feed never delays another), hands the result to the daemon, and schedules the next poll.
struct FeedPoller: Sendable {
    let feed: FeedConfiguration
    let client: CurlHTTPClient
    let server: ServerConfiguration
    let maxFileBytes: Int
    let daemon: Daemon

    /// How soon a feed whose posts the log refused is tried again.
    static let logRetryMilliseconds: Int64 = 2000

    /// Polls until the task is cancelled. `cursor` is where the feed stands.
    func run(cursor initial: FeedCursor) async {
        var random = SystemRandomNumberGenerator()
        var schedule = FeedSchedule(
            intervalMilliseconds: feed.intervalMilliseconds,
            jitter: server.jitter,
            maxBackoffMilliseconds: server.maxBackoffMilliseconds
        )
        var cursor = initial
        var delay = schedule.initialDelay(using: &random)
        while !Task.isCancelled {
            if delay > 0 {
                do {
                    try await Task.sleep(for: .milliseconds(delay))
                } catch {
                    return
                }
            }
            let started = ContinuousClock.now
            let outcome = await fetch(cursor: cursor)
            if Task.isCancelled, case .failure(let error) = outcome, error.reason == .cancelled { return }
            let elapsed = ContinuousClock.now - started
            let decision = await daemon.handle(feed: feed, outcome: outcome, elapsed: elapsed)
            cursor = decision.cursor
            let elapsedMilliseconds = Int64(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            switch outcome {
            case .success:
                delay =
                    decision.retrySoon
                    ? Self.logRetryMilliseconds
                    : schedule.delayAfterSuccess(
                        elapsedMilliseconds: elapsedMilliseconds,
                        moreAvailable: decision.moreAvailable,
                        using: &random
                    )
            case .failure(let error):
                delay = schedule.delayAfterFailure(retryAfterMilliseconds: error.retryAfterMilliseconds, using: &random)
            }
        }
    }

    /// One fetch, never throwing: failures come back as `SourceError`.
    func fetch(cursor: FeedCursor) async -> Result<FeedFetch, SourceError> {
        do {
            switch feed.location {
            case .path(let path):
                let source = FileSource(feed: feed.name, path: path, maxFileBytes: maxFileBytes)
                return .success(FeedFetch(documents: try source.fetch()))
            case .url(let url):
                let source = HTTPSource(
                    feed: feed.name,
                    url: url,
                    format: feed.format,
                    client: client,
                    longPollMilliseconds: feed.longPollMilliseconds
                )
                return .success(try await source.fetch(cursor: cursor))
            }
        } catch let error as SourceError {
            return .failure(error)
        } catch {
            return .failure(SourceError(feed: feed.name, origin: "", message: URLRedaction.redactBotTokens("\(error)")))
        }
    }
}

/// What the daemon tells a poller after handling its fetch.
struct PollDecision: Sendable {
    var cursor: FeedCursor
    var moreAvailable = false
    /// The log refused a post: try again soon rather than after the whole interval.
    var retrySoon = false
}
