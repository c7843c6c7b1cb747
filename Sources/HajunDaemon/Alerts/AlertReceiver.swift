import HajunCore

/// A place alerts are delivered to. A receiver turns an alert into a payload when it is enqueued (so the outbox
/// holds exactly what will be sent) and delivers payloads, one attempt at a time.
protocol AlertReceiver: Sendable {
    var name: String { get }
    var retry: RetryPolicy { get }
    /// How long one attempt may take.
    var timeoutMilliseconds: Int64 { get }

    /// The bytes to store for `alert`: a request body or a file line.
    func payload(for alert: Alert) -> [UInt8]

    /// The identity under which the receiver keeps `alert` active (Alertmanager), or nil.
    func series(for alert: Alert) -> String?

    /// One attempt. `key` is the idempotency key, `attempt` is 1-based.
    func deliver(_ payload: [UInt8], key: String, attempt: Int, timeoutMilliseconds: Int64) async -> DeliveryOutcome

    /// One attempt for several due payloads at once, in order, with one outcome for all; nil when the receiver
    /// takes one payload an attempt. A file receiver appends a burst of alerts with one fsync instead of one each.
    func deliverAll(_ payloads: [[UInt8]], timeoutMilliseconds: Int64) async -> DeliveryOutcome?
}

extension AlertReceiver {
    func deliverAll(_ payloads: [[UInt8]], timeoutMilliseconds: Int64) async -> DeliveryOutcome? { nil }
}
