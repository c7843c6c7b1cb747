/// Why a request failed. Every message names the URL in redacted form only.
public enum HTTPClientError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Only `http` and `https` are allowed, for redirects too.
    case unsupportedScheme(url: String)
    case responseTooLarge(url: String, limit: Int)
    case timedOut(url: String)
    case tooManyRedirects(url: String, limit: Int)
    /// The calling task was cancelled (shutdown, reload) and the transfer was aborted.
    case cancelled(url: String)
    /// Any other libcurl failure, with curl's code and message.
    case transport(url: String, code: Int, message: String)

    public var description: String {
        switch self {
        case .unsupportedScheme(let url): return "\(url): only http and https URLs are allowed"
        case .responseTooLarge(let url, let limit): return "\(url): response larger than \(limit) bytes refused"
        case .timedOut(let url): return "\(url): timed out"
        case .tooManyRedirects(let url, let limit): return "\(url): more than \(limit) redirects"
        case .cancelled(let url): return "\(url): cancelled"
        case .transport(let url, let code, let message): return "\(url): \(message) (curl error \(code))"
        }
    }
}
