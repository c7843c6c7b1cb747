/// When a receiver's failed delivery is tried again: exponential back-off with jitter, until a horizon.
public struct RetryPolicy: Sendable, Hashable {
    /// The first delay.
    public var initialMilliseconds: Int64
    /// The longest delay.
    public var maximumMilliseconds: Int64
    /// How long after enqueueing an alert hajund keeps trying; then it goes to the dead-letter file.
    public var horizonMilliseconds: Int64

    public init(
        initialMilliseconds: Int64 = 1000, maximumMilliseconds: Int64 = 300_000, horizonMilliseconds: Int64 = 86_400_000
    ) {
        self.initialMilliseconds = max(1, initialMilliseconds)
        self.maximumMilliseconds = max(self.initialMilliseconds, maximumMilliseconds)
        self.horizonMilliseconds = horizonMilliseconds
    }

    /// The delay after the `attempt`-th failed attempt (1-based): initial × 2^(attempt-1), capped, then scaled by a
    /// random factor in [0.5, 1] so that many alerts failing together do not retry in lockstep.
    public func delay(afterAttempt attempt: Int, jitter: Double = Double.random(in: 0.5...1)) -> Int64 {
        let exponent = min(max(attempt - 1, 0), 40)
        let raw = min(Double(initialMilliseconds) * Double(1 << UInt64(exponent)), Double(maximumMilliseconds))
        return max(1, Int64(raw * min(max(jitter, 0), 1)))
    }
}
