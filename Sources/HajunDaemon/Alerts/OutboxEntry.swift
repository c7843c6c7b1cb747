/// One alert waiting for (or done with) delivery to one receiver.
public struct OutboxEntry: Sendable, Hashable {
    public enum State: Int, Sendable, Hashable {
        case pending = 0
        case delivered = 1
        case dead = 2
    }

    /// The row id: delivery order within a receiver.
    public var id: Int64
    public var receiver: String
    /// The idempotency key: the alert id, or for Alertmanager re-sends the alert id and the re-send time.
    public var key: String
    public var alertID: String
    public var rule: String
    public var status: String
    /// The request body (or file line) the receiver built when the alert was enqueued.
    public var payload: [UInt8]
    public var state: State
    /// Attempts made so far.
    public var attempts: Int
    public var enqueuedAt: Int64
    public var nextAttemptAt: Int64
    public var lastError: String?
}

/// What to enqueue for one receiver.
struct OutboxItem: Sendable {
    var receiver: String
    var key: String
    var alertID: String
    var rule: String
    var status: String
    var payload: [UInt8]
    /// Alertmanager: the alert's identity (rule and group), so re-sends of an active alert do not pile up.
    var series: String?
}
