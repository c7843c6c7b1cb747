/// A failure the server can inject into a response, to exercise a client's error handling.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// A 5xx status: 500 as Telegram's JSON error, 502/503/504 as an HTML page from the proxy in front.
    case serverError(status: Int)
    /// 429 with `parameters.retry_after` in the body and a `Retry-After` header.
    case tooManyRequests(retryAfter: Int)
    /// The normal response, after a delay.
    case slow(milliseconds: Int)
    /// A complete HTTP response whose body is cut in half (its Content-Length says the shorter length).
    case truncated
    /// A complete HTTP response whose body is not valid JSON or XML.
    case malformed
    /// The connection closes halfway through the body (Content-Length promises more).
    case disconnect

    /// Parses `500`, `502`, `503`, `504`, `429`, `429:7`, `slow:1500`, `truncate`, `malformed`, `disconnect`.
    public init?(parsing text: some StringProtocol) {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first else { return nil }
        let argument = parts.count > 1 ? Int(parts[1]) : nil
        if parts.count > 1 && argument == nil { return nil }
        switch head {
        case "429": self = .tooManyRequests(retryAfter: max(0, argument ?? 2))
        case "slow": self = .slow(milliseconds: max(0, argument ?? 2000))
        case "truncate", "truncated": self = .truncated
        case "malformed": self = .malformed
        case "disconnect": self = .disconnect
        default:
            guard let status = Int(head), (500...599).contains(status), argument == nil else { return nil }
            self = .serverError(status: status)
        }
    }

    public var description: String {
        switch self {
        case .serverError(let status): return String(status)
        case .tooManyRequests(let retryAfter): return "429:\(retryAfter)"
        case .slow(let milliseconds): return "slow:\(milliseconds)"
        case .truncated: return "truncate"
        case .malformed: return "malformed"
        case .disconnect: return "disconnect"
        }
    }
}
