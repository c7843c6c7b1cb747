import HajunCore
import HajunHTTP

/// Fetches a feed over HTTP(S) through libcurl: conditional requests with the stored validators, Bot API
/// `getUpdates` with `offset` (and `timeout` for long polling), and the server's wishes on errors (`Retry-After`,
/// Telegram's `retry_after`). Every origin and message it produces is redacted.
public struct HTTPSource: Sendable {
    public var feed: String
    public var url: String
    public var format: FeedFormat
    public var client: CurlHTTPClient
    /// Bot API long polling: the `timeout` the server may hold a `getUpdates` request open for.
    public var longPollMilliseconds: Int64

    public init(feed: String, url: String, format: FeedFormat, client: CurlHTTPClient, longPollMilliseconds: Int64 = 0)
    {
        self.feed = feed
        self.url = url
        self.format = format
        self.client = client
        self.longPollMilliseconds = longPollMilliseconds
    }

    var isGetUpdates: Bool { format == .telegramBotAPI && url.contains("/getUpdates") }

    /// The URL to request: for Bot API `getUpdates` feeds with `offset` and, when long polling, `timeout` added.
    public func requestURL(botOffset: Int64?) -> String {
        guard isGetUpdates else { return url }
        var parameters: [String] = []
        if let botOffset { parameters.append("offset=\(botOffset)") }
        if longPollMilliseconds > 0 { parameters.append("timeout=\(max(longPollMilliseconds / 1000, 1))") }
        guard !parameters.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?") + parameters.joined(separator: "&")
    }

    /// The request for the next poll: conditional when validators are known.
    public func request(cursor: FeedCursor, defaultTimeoutMilliseconds: Int) -> HTTPRequest {
        var headers: [(name: String, value: String)] = []
        if !isGetUpdates {
            if let etag = cursor.etag { headers.append(("If-None-Match", etag)) }
            if let lastModified = cursor.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        }
        // A long poll legitimately stays silent for its whole timeout: give the transfer that much on top.
        let timeout =
            longPollMilliseconds > 0 && isGetUpdates
            ? defaultTimeoutMilliseconds + Int(longPollMilliseconds) : nil
        return HTTPRequest(
            url: requestURL(botOffset: cursor.botOffset), headers: headers, totalTimeoutMilliseconds: timeout)
    }

    public func fetch(cursor: FeedCursor) async throws -> FeedFetch {
        let redacted = URLRedaction.redact(url)
        let response: HTTPResponse
        do {
            response = try await client.send(
                request(cursor: cursor, defaultTimeoutMilliseconds: client.options.totalTimeoutMilliseconds))
        } catch let error as HTTPClientError {
            throw SourceError(feed: feed, origin: redacted, message: Self.message(error), reason: Self.reason(error))
        }
        switch response.status {
        case 200..<300:
            return FeedFetch(
                documents: [FetchedDocument(origin: redacted, bytes: response.body)],
                etag: response.header("etag"),
                lastModified: response.header("last-modified")
            )
        case 304:
            return FeedFetch(documents: [], notModified: true, etag: cursor.etag, lastModified: cursor.lastModified)
        default:
            let fromHeader = response.header("retry-after").flatMap { RetryAfter.milliseconds(header: $0, now: .now) }
            let retryAfter =
                fromHeader ?? (format == .telegramBotAPI ? RetryAfter.milliseconds(botAPIBody: response.body) : nil)
            var message = "HTTP \(response.status)"
            if let description = Self.botAPIDescription(response.body) { message += ": " + description }
            if let retryAfter { message += " (retry after \(retryAfter / 1000)s)" }
            throw SourceError(
                feed: feed,
                origin: redacted,
                message: message,
                reason: response.status == 429 || (retryAfter != nil && response.status >= 400) ? .throttled : .status,
                retryAfterMilliseconds: retryAfter
            )
        }
    }

    /// Telegram explains its errors in `description`; shown shortened and redacted.
    static func botAPIDescription(_ body: [UInt8]) -> String? {
        guard body.first == UInt8(ascii: "{"), let document = try? JSONDocument.parse(body),
            let text = document.root["description"]?.string
        else { return nil }
        return URLRedaction.redactBotTokens(String(text.prefix(200)))
    }

    static func message(_ error: HTTPClientError) -> String {
        // The URL is already in the origin; the client's message repeats it, redacted.
        error.description
    }

    static func reason(_ error: HTTPClientError) -> SourceError.Reason {
        switch error {
        case .unsupportedScheme, .tooManyRedirects: return .refused
        case .responseTooLarge: return .tooLarge
        case .timedOut: return .timeout
        case .cancelled: return .cancelled
        case .transport: return .transport
        }
    }
}
