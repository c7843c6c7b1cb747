/// The dedup stage's judgement of one post.
public struct DedupVerdict: Sendable, Hashable {
    public var status: DedupStatus
    /// The id of the incident's first (`new`) event; nil for `new`.
    public var of: EventID?
    /// Hamming distance between this post's SimHash and the incident's first event's; nil for `new`.
    public var distance: Int?
    /// Distinct sources (channels or senders) that have reported the incident, this post included.
    public var sources: Int

    public init(status: DedupStatus, of: EventID? = nil, distance: Int? = nil, sources: Int = 1) {
        self.status = status
        self.of = of
        self.distance = distance
        self.sources = sources
    }
}

/// An event's id: 64 bits, written as 16 lowercase hex digits.
public struct EventID: Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public init?(_ text: some StringProtocol) {
        guard let value = UInt64(hex16: text) else { return nil }
        rawValue = value
    }

    public var description: String { rawValue.hex16 }
}
