/// What happened to one delivery attempt, for metrics (`AlertCenter`'s observer).
public struct AlertDelivery: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable {
        case delivered
        /// Failed; it will be tried again.
        case retrying
        /// Refused for good or out of time: written to the dead-letter file.
        case dead
    }

    public var receiver: String
    public var alertID: String
    public var rule: String
    public var result: Result
    /// 1-based.
    public var attempt: Int
    /// From enqueueing to the end of this attempt.
    public var queuedSeconds: Double
}
