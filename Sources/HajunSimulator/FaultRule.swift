/// When a configured fault applies: to which requests, counted per rule among the requests it covers.
public struct FaultRule: Sendable, Hashable, CustomStringConvertible {
    public enum Trigger: Sendable, Hashable {
        /// Requests with these numbers (1-based).
        case requests(ClosedRange<Int>)
        /// Every n-th request.
        case every(Int)
        /// Each request with this probability, drawn from the server's seed.
        case probability(Double)
    }

    /// Which requests a rule covers.
    public enum Scope: String, Sendable, Hashable {
        /// Every request.
        case all
        /// `/bot<token>/getUpdates` only.
        case getUpdates
        /// Any Bot API method.
        case botAPI
        /// RSS feeds.
        case rss
    }

    public var fault: Fault
    public var trigger: Trigger
    public var scope: Scope

    public init(_ fault: Fault, _ trigger: Trigger, scope: Scope = .all) {
        self.fault = fault
        self.trigger = trigger
        self.scope = scope
    }

    /// Parses `FAULT@TRIGGER[@SCOPE]`: `503@every:10`, `429:3@requests:5-7@getUpdates`, `slow:2000@p:0.1`,
    /// `truncate@requests:2`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "@").map(String.init)
        guard parts.count == 2 || parts.count == 3, let fault = Fault(parsing: parts[0]) else { return nil }
        let trigger = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
        guard trigger.count == 2 else { return nil }
        switch trigger[0] {
        case "every":
            guard let n = Int(trigger[1]), n > 0 else { return nil }
            self.trigger = .every(n)
        case "p", "probability":
            guard let p = Double(trigger[1]), (0...1).contains(p) else { return nil }
            self.trigger = .probability(p)
        case "requests", "request":
            let bounds = trigger[1].split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 1 || bounds.count == 2, bounds[0] >= 1, bounds.last! >= bounds[0] else { return nil }
            self.trigger = .requests(bounds[0]...bounds.last!)
        default:
            return nil
        }
        if parts.count == 3 {
            guard let scope = Scope(rawValue: parts[2]) else { return nil }
            self.scope = scope
        } else {
            scope = .all
        }
        self.fault = fault
    }

    public var description: String {
        let trigger: String
        switch self.trigger {
        case .requests(let range): trigger = "requests:\(range.lowerBound)-\(range.upperBound)"
        case .every(let n): trigger = "every:\(n)"
        case .probability(let p): trigger = "p:\(p)"
        }
        return "\(fault)@\(trigger)@\(scope.rawValue)"
    }
}
