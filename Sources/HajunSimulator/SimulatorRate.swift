/// How fast the server publishes posts.
public enum SimulatorRate: Sendable, Hashable, CustomStringConvertible {
    /// Everything at once: every post is available from the start (needs a finite number of posts).
    case unlimited
    /// Only when `SimulatorServer.release(_:)` says so (for tests).
    case manual
    /// The simulated timeline played at this average number of posts per second: the daily rhythm and bursts
    /// keep their shape, compressed or stretched. Post dates become the wall-clock release times.
    case postsPerSecond(Double)

    /// Real time: the timeline at its own pace (about a thousand posts a day).
    public static let realTime = SimulatorRate.postsPerSecond(1000.0 / 86_400)

    /// Parses `max`, `manual`, `realtime`, a number of posts per second, or `N/s`, `N/min`, `N/h`, `N/day`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "max", "unlimited": self = .unlimited
        case "manual": self = .manual
        case "realtime", "real-time": self = .realTime
        default:
            let parts = text.lowercased().split(separator: "/", maxSplits: 1).map(String.init)
            guard let count = Double(parts[0]), count > 0, count.isFinite else { return nil }
            let seconds: Double
            switch parts.count > 1 ? parts[1] : "s" {
            case "s", "sec", "second": seconds = 1
            case "m", "min", "minute": seconds = 60
            case "h", "hour": seconds = 3600
            case "d", "day": seconds = 86_400
            default: return nil
            }
            self = .postsPerSecond(count / seconds)
        }
    }

    public var description: String {
        switch self {
        case .unlimited: return "max"
        case .manual: return "manual"
        case .postsPerSecond(let rate): return "\(rate)/s"
        }
    }
}
