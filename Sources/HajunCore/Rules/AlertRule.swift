/// A named alert rule: what to match, when to fire, how often, and where to send (`docs/alerts.md`).
public struct AlertRule: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Every matching incident, once: duplicates of an incident that already fired don't fire again.
        case any
        /// At least N matching incidents within a window, per group.
        case frequency
        /// An incident reported by at least N distinct sources.
        case corroborated
        /// The rate of matching incidents in a window at least K times the rate in the reference window before it.
        case spike
        /// Fewer than N matching events within a window: a silent feed. Driven by the clock.
        case flatline

        /// Rules whose condition holds for a while and so ends with a `resolved` notice.
        public var isStateful: Bool { self == .frequency || self == .spike || self == .flatline }
    }

    /// When a rule fires, with its parameters. Windows are in milliseconds.
    public enum Condition: Sendable, Hashable {
        case any
        case frequency(count: Int, windowMilliseconds: Int64)
        case corroborated(sources: Int)
        /// `minimumCount` incidents at least must be in the window, so that 0 → 1 is not a spike.
        case spike(factor: Double, windowMilliseconds: Int64, referenceMilliseconds: Int64, minimumCount: Int)
        case flatline(below: Int, windowMilliseconds: Int64)

        public var kind: Kind {
            switch self {
            case .any: return .any
            case .frequency: return .frequency
            case .corroborated: return .corroborated
            case .spike: return .spike
            case .flatline: return .flatline
            }
        }

        /// How far back the rule must remember events.
        var horizonMilliseconds: Int64 {
            switch self {
            case .any, .corroborated: return 0
            case .frequency(_, let window), .flatline(_, let window): return window
            case .spike(_, let window, let reference, _): return window + reference
            }
        }

        /// The number a notice compares its count with.
        var threshold: Int {
            switch self {
            case .any: return 1
            case .frequency(let count, _): return count
            case .corroborated(let sources): return sources
            case .spike(_, _, _, let minimum): return minimum
            case .flatline(let below, _): return below
            }
        }
    }

    public var name: String
    public var condition: Condition
    public var match: RuleMatch
    /// The receiver's name.
    public var receiver: String
    /// Fields whose values split the rule's state, cooldowns and notices into groups.
    public var groupBy: [GroupField]
    public var realert: RealertPolicy
    /// Silences from the configuration; more can be added at runtime.
    public var silences: [Silence]

    public var kind: Kind { condition.kind }

    public init(
        name: String,
        condition: Condition = .any,
        match: RuleMatch = RuleMatch(),
        receiver: String,
        groupBy: [GroupField] = [],
        realert: RealertPolicy = .none,
        silences: [Silence] = []
    ) {
        self.name = name
        self.condition = condition
        self.match = match
        self.receiver = receiver
        self.groupBy = groupBy
        self.realert = realert
        self.silences = silences
    }
}
