/// How often a rule may notify per group key: a cooldown after each firing notice, optionally growing
/// exponentially while the group keeps firing, and the reminder interval of a condition that keeps holding.
///
/// With back-off, a notice that comes within twice the current interval of the previous one multiplies the
/// interval by `backoff` (up to `maximumMilliseconds`); a quieter group starts again from `intervalMilliseconds`.
public struct RealertPolicy: Sendable, Hashable {
    /// The cooldown after a firing notice; 0 means no cooldown and no reminders.
    public var intervalMilliseconds: Int64
    /// The factor the interval grows by while a group keeps firing; 1 means a fixed interval.
    public var backoff: Double
    /// The largest interval back-off reaches.
    public var maximumMilliseconds: Int64

    public static let none = RealertPolicy()

    public init(intervalMilliseconds: Int64 = 0, backoff: Double = 1, maximumMilliseconds: Int64? = nil) {
        self.intervalMilliseconds = max(0, intervalMilliseconds)
        self.backoff = max(1, backoff)
        self.maximumMilliseconds = max(self.intervalMilliseconds, maximumMilliseconds ?? self.intervalMilliseconds * 64)
    }

    /// Whether a group whose last firing notice was at `last`, with the current interval `current`, may notify
    /// at `now`.
    func allows(last: Int64?, current: Int64, now: Int64) -> Bool {
        guard let last else { return true }
        return now >= last + current
    }

    /// The interval after a notice at `now`, given the previous notice and interval.
    func nextInterval(last: Int64?, current: Int64, now: Int64) -> Int64 {
        guard intervalMilliseconds > 0 else { return 0 }
        guard let last, backoff > 1, now - last < 2 * max(current, intervalMilliseconds) else {
            return intervalMilliseconds
        }
        let grown = Double(max(current, intervalMilliseconds)) * backoff
        return grown >= Double(maximumMilliseconds) ? maximumMilliseconds : Int64(grown)
    }
}
