/// Windows and thresholds of the dedup stage.
public struct DedupConfiguration: Sendable, Hashable {
    /// How long an exact duplicate is remembered, by the posts' own time.
    public var exactWindowMilliseconds: Int64
    /// How long a near duplicate can join an incident, by the posts' own time.
    public var nearWindowMilliseconds: Int64

    public init(exactWindowMilliseconds: Int64 = 7 * 86_400_000, nearWindowMilliseconds: Int64 = 6 * 3_600_000) {
        self.exactWindowMilliseconds = exactWindowMilliseconds
        self.nearWindowMilliseconds = nearWindowMilliseconds
    }

    public static let `default` = DedupConfiguration()
}
