/// When a feed is polled next: its interval with jitter after a success, an exponential back-off with a ceiling
/// after failures, never sooner than the server asked (`Retry-After`), and at once while a Bot API feed has a
/// backlog. Pure: the caller sleeps.
public struct FeedSchedule: Sendable {
    public var intervalMilliseconds: Int64
    /// The random spread, as a fraction of the wait (0.1: ±10%).
    public var jitter: Double
    public var maxBackoffMilliseconds: Int64
    public private(set) var consecutiveFailures = 0

    public init(intervalMilliseconds: Int64, jitter: Double, maxBackoffMilliseconds: Int64) {
        self.intervalMilliseconds = intervalMilliseconds
        self.jitter = jitter
        self.maxBackoffMilliseconds = maxBackoffMilliseconds
    }

    /// The wait before the first poll: a random part of the jitter band, but at most a second, so that feeds
    /// started together spread out and a restart still polls at once.
    public func initialDelay(using random: inout some RandomNumberGenerator) -> Int64 {
        guard jitter > 0 else { return 0 }
        let spread = min(Double(intervalMilliseconds) * jitter, Double(Self.maximumInitialDelayMilliseconds))
        return Int64(spread * Double.random(in: 0...1, using: &random))
    }

    static let maximumInitialDelayMilliseconds: Int64 = 1000

    /// The wait after a successful poll that took `elapsedMilliseconds`. A long poll that came back with updates
    /// (`moreAvailable`) goes again at once; otherwise the interval counts from the start of the request, so a
    /// long poll that waited its full timeout is followed straight away.
    public mutating func delayAfterSuccess(
        elapsedMilliseconds: Int64,
        moreAvailable: Bool,
        using random: inout some RandomNumberGenerator
    ) -> Int64 {
        consecutiveFailures = 0
        if moreAvailable { return 0 }
        return max(jittered(intervalMilliseconds, using: &random) - max(elapsedMilliseconds, 0), 0)
    }

    /// The wait after a failed poll: interval × 2^failures (1st failure: 2× the interval), capped at
    /// `maxBackoffMilliseconds`, with jitter, and at least what the server asked for.
    public mutating func delayAfterFailure(
        retryAfterMilliseconds: Int64?,
        using random: inout some RandomNumberGenerator
    ) -> Int64 {
        consecutiveFailures += 1
        let exponent = min(consecutiveFailures, 30)
        let doubled = intervalMilliseconds.multipliedReportingOverflow(by: Int64(1) << exponent)
        // The ceiling is never below the interval: a failing feed does not poll more often than a healthy one.
        let ceiling = max(maxBackoffMilliseconds, intervalMilliseconds)
        let backoff = doubled.overflow ? ceiling : min(doubled.partialValue, ceiling)
        let wait = min(jittered(backoff, using: &random), ceiling)
        return max(wait, min(retryAfterMilliseconds ?? 0, RetryAfter.maximumMilliseconds))
    }

    private func jittered(_ milliseconds: Int64, using random: inout some RandomNumberGenerator) -> Int64 {
        guard jitter > 0 else { return milliseconds }
        let factor = 1 + Double.random(in: -jitter...jitter, using: &random)
        return Int64((Double(milliseconds) * factor).rounded())
    }
}
