import HajunCore
import HajunHTTP
import HajunTestSupport
import Testing

@testable import HajunDaemon

/// A bot token in a feed URL must not reach an error, a health report or a metric.
@Suite struct RedactionTests {
    static let token = "123456789:AAHsecretTOKENvalue_-xyz"

    @Test func sourceErrorsNameTheFeedButNeverTheToken() async throws {
        // Nothing listens on port 9 of the loopback: a connection error whose message curl builds from the URL.
        let source = HTTPSource(
            feed: "bot", url: "http://127.0.0.1:9/bot\(Self.token)/getUpdates", format: .telegramBotAPI,
            client: CurlHTTPClient(options: HTTPClientOptions(connectTimeoutMilliseconds: 2_000))
        )
        do {
            _ = try await source.fetch(cursor: FeedCursor(botOffset: 5))
            Issue.record("the fetch should fail")
        } catch let error as SourceError {
            #expect(!error.description.contains("AAHsecret"))
            #expect(error.description.contains("bot<redacted>"))
            #expect(error.description.contains("feed 'bot'"))
        }
    }

    @Test func errorResponsesAreRedactedToo() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            .init(status: 401, text: #"{"ok":false,"error_code":401,"description":"Unauthorized bot\#(Self.token)"}"#)
        }
        let source = HTTPSource(
            feed: "bot", url: server.baseURL + "/bot\(Self.token)/getUpdates", format: .telegramBotAPI,
            client: CurlHTTPClient()
        )
        do {
            _ = try await source.fetch(cursor: FeedCursor())
            Issue.record("the fetch should fail")
        } catch let error as SourceError {
            #expect(!error.description.contains("AAHsecret"), "\(error)")
            #expect(error.message.contains("HTTP 401"))
        }
        await server.stop()
    }

    @Test func healthReportCarriesOnlyRedactedErrors() {
        let board = HealthBoard()
        var health = FeedHealth(startedAt: .now, silentAfterMilliseconds: 0)
        health.recordFailure(
            at: .now, error: URLRedaction.redact("https://api.telegram.org/bot\(Self.token)/getUpdates") + ": timed out"
        )
        board.publish { $0.feeds = [.init(name: "bot", health: health)] }
        let body = String(decoding: board.verdict().body, as: UTF8.self)
        #expect(body.contains("bot<redacted>"))
        #expect(!body.contains("AAHsecret"))
    }
}
