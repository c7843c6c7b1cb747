import HajunCore

/// A feed's health as operators see it in `/healthz`, `/metrics` and the systemd status line.
public struct FeedHealth: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// Polls succeed and posts arrive (or the feed has no silence threshold).
        case ok
        /// The last poll failed.
        case failing
        /// Polls succeed but no new post for longer than `silent_after`.
        case silent
    }

    public var consecutiveFailures = 0
    /// When the current run of failures began.
    public var failingSince: Timestamp?
    public var lastSuccess: Timestamp?
    public var lastError: String?
    /// When a post was last taken (the start, before the first one), for silence.
    public var lastNewPost: Timestamp
    /// 0 never calls the feed silent.
    public var silentAfterMilliseconds: Int64

    public init(startedAt: Timestamp, silentAfterMilliseconds: Int64) {
        lastNewPost = startedAt
        self.silentAfterMilliseconds = silentAfterMilliseconds
    }

    public mutating func recordSuccess(at time: Timestamp, newPosts: Int) {
        consecutiveFailures = 0
        failingSince = nil
        lastSuccess = time
        if newPosts > 0 { lastNewPost = time }
    }

    public mutating func recordFailure(at time: Timestamp, error: String) {
        if consecutiveFailures == 0 { failingSince = time }
        consecutiveFailures += 1
        lastError = error
    }

    public func state(at now: Timestamp) -> State {
        if consecutiveFailures > 0 { return .failing }
        if silentAfterMilliseconds > 0,
            now.millisecondsSince1970 - lastNewPost.millisecondsSince1970 > silentAfterMilliseconds
        {
            return .silent
        }
        return .ok
    }

    /// How long the feed has been failing, 0 when it is not.
    public func failingMilliseconds(at now: Timestamp) -> Int64 {
        guard let failingSince else { return 0 }
        return max(now.millisecondsSince1970 - failingSince.millisecondsSince1970, 0)
    }
}
