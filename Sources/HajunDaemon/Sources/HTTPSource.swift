import HajunCore
import HajunHTTP

/// Fetches a feed over HTTP(S) through libcurl. For Bot API feeds it asks `getUpdates` for updates after the
/// persisted offset.
public struct HTTPSource: Sendable {
    public var feed: String
    public var url: String
    public var format: FeedFormat
    public var client: CurlHTTPClient

    public init(feed: String, url: String, format: FeedFormat, client: CurlHTTPClient) {
        self.feed = feed
        self.url = url
        self.format = format
        self.client = client
    }

    /// The URL to request, with `offset` added for Bot API `getUpdates` feeds.
    public func requestURL(botOffset: Int64?) -> String {
        guard format == .telegramBotAPI, let botOffset, url.contains("/getUpdates") else { return url }
        let separator = url.contains("?") ? "&" : "?"
        return url + separator + "offset=\(botOffset)"
    }

    public func fetch(botOffset: Int64?) async throws -> [FetchedDocument] {
        let target = requestURL(botOffset: botOffset)
        let redacted = URLRedaction.redact(url)
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(url: target))
        } catch let error as HTTPClientError {
            throw SourceError(feed: feed, origin: redacted, message: error.description)
        }
        switch response.status {
        case 200..<300:
            return [FetchedDocument(origin: redacted, bytes: response.body)]
        case 304:
            return []
        default:
            let retryAfter = response.header("retry-after").flatMap { Int64($0) }.map { $0 * 1000 }
            throw SourceError(
                feed: feed,
                origin: redacted,
                message: "HTTP \(response.status)",
                retryAfterMilliseconds: retryAfter
            )
        }
    }
}
