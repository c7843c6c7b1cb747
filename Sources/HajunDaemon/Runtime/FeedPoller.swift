import HajunCore
import HajunHTTP
import Logging

/// One feed's polling loop: waits until the feed is due, fetches it (concurrently with every other feed's loop,
/// so one slow feed never delays another), hands the result to the daemon, and schedules the next poll.
struct FeedPoller: Sendable {
    let feed: FeedConfiguration
    let client: CurlHTTPClient
    let maxFileBytes: Int
    let daemon: Daemon

    /// Polls until the task is cancelled: sleeps `delay`, fetches, and asks the daemon (which keeps each feed's
    /// schedule, so that a reload neither forgets a back-off nor a server's Retry-After) how long to wait next.
    func run(cursor initial: FeedCursor, delay initialDelay: Int64) async {
        var cursor = initial
        var delay = initialDelay
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
            let decision = await daemon.handle(feed: feed, outcome: outcome, elapsed: ContinuousClock.now - started)
            cursor = decision.cursor
            delay = decision.delayMilliseconds
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
    /// How long to wait before the next fetch.
    var delayMilliseconds: Int64
}
