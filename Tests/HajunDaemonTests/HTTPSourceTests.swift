import Foundation
import HajunCore
import HajunHTTP
import HajunTestSupport
import Synchronization
import Testing

@testable import HajunDaemon

@Suite struct HTTPSourceTests {
    @Test func sendsValidatorsBackAndTakes304AsNothingNew() async throws {
        let seen = Mutex<[[String: String]]>([])
        let server = try await LoopbackHTTPServer.start { request in
            seen.withLock { $0.append(request.headers) }
            if request.headers["if-none-match"] == "\"v1\"" { return .init(status: 304) }
            return .init(
                headers: [("ETag", "\"v1\""), ("Last-Modified", "Tue, 01 Mar 2022 07:05:09 GMT")], text: "<rss/>")
        }
        let source = HTTPSource(feed: "rss", url: server.baseURL + "/feed.xml", format: .rss, client: CurlHTTPClient())
        let first = try await source.fetch(cursor: FeedCursor())
        #expect(!first.notModified && first.documents.count == 1 && first.bytes == 6)
        #expect(first.etag == "\"v1\"" && first.lastModified == "Tue, 01 Mar 2022 07:05:09 GMT")
        let second = try await source.fetch(cursor: FeedCursor(etag: first.etag, lastModified: first.lastModified))
        #expect(second.notModified && second.documents.isEmpty)
        #expect(second.etag == "\"v1\"", "a 304 keeps the validators")
        let headers = seen.withLock { $0 }
        #expect(headers[0]["if-none-match"] == nil)
        #expect(headers[1]["if-none-match"] == "\"v1\"")
        #expect(headers[1]["if-modified-since"] == "Tue, 01 Mar 2022 07:05:09 GMT")
        await server.stop()
    }

    @Test func honoursRetryAfterAndTelegramRetryAfter() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            if request.path.hasSuffix("/header") {
                return .init(status: 429, headers: [("Retry-After", "17")], text: "slow down")
            }
            if request.path.hasSuffix("/busy") { return .init(status: 503, headers: [("Retry-After", "3")], text: "") }
            if request.path.hasSuffix("/fail") { return .init(status: 500, text: "oops") }
            return .init(
                status: 429,
                text:
                    #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 9","parameters":{"retry_after":9}}"#
            )
        }
        let client = CurlHTTPClient()
        func failure(_ path: String, _ format: FeedFormat) async -> SourceError? {
            do {
                _ = try await HTTPSource(feed: "f", url: server.baseURL + path, format: format, client: client).fetch(
                    cursor: FeedCursor())
                return nil
            } catch let error as SourceError {
                return error
            } catch {
                return nil
            }
        }
        let header = await failure("/header", .rss)
        #expect(header?.reason == .throttled && header?.retryAfterMilliseconds == 17_000)
        let telegram = await failure("/bot1:X/getUpdates", .telegramBotAPI)
        #expect(telegram?.reason == .throttled && telegram?.retryAfterMilliseconds == 9_000)
        #expect(telegram?.message.contains("Too Many Requests") == true)
        let busy = await failure("/busy", .rss)
        #expect(busy?.retryAfterMilliseconds == 3_000)
        let plain = await failure("/fail", .rss)
        #expect(plain?.reason == .status && plain?.retryAfterMilliseconds == nil && plain?.message == "HTTP 500")
        await server.stop()
    }

    @Test func botAPIRequestsCarryOffsetAndLongPollTimeout() {
        let client = CurlHTTPClient()
        let plain = HTTPSource(
            feed: "b", url: "https://api.telegram.org/bot1:A/getUpdates", format: .telegramBotAPI, client: client)
        #expect(plain.requestURL(botOffset: nil) == "https://api.telegram.org/bot1:A/getUpdates")
        #expect(plain.requestURL(botOffset: 42) == "https://api.telegram.org/bot1:A/getUpdates?offset=42")
        let long = HTTPSource(
            feed: "b", url: "https://api.telegram.org/bot1:A/getUpdates?limit=50", format: .telegramBotAPI,
            client: client,
            longPollMilliseconds: 25_000
        )
        #expect(
            long.requestURL(botOffset: 7) == "https://api.telegram.org/bot1:A/getUpdates?limit=50&offset=7&timeout=25")
        let request = long.request(cursor: FeedCursor(botOffset: 7, etag: "\"x\""), defaultTimeoutMilliseconds: 60_000)
        #expect(
            request.totalTimeoutMilliseconds == 85_000, "the transfer may last the long poll plus the usual timeout")
        #expect(request.headers.isEmpty, "getUpdates is never conditional")
        let rss = HTTPSource(feed: "r", url: "https://example.org/feed", format: .rss, client: client)
        #expect(rss.requestURL(botOffset: 9) == "https://example.org/feed")
    }

    @Test func cancellingTheTaskAbortsALongPoll() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            try? await Task.sleep(for: .seconds(30))
            return .init(text: "{\"ok\":true,\"result\":[]}")
        }
        let source = HTTPSource(
            feed: "b", url: server.baseURL + "/bot1:A/getUpdates", format: .telegramBotAPI, client: CurlHTTPClient(),
            longPollMilliseconds: 30_000
        )
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task { try await source.fetch(cursor: FeedCursor()) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        guard case .failure(let error as SourceError) = result else {
            Issue.record("expected a cancelled fetch, got \(result)")
            return
        }
        #expect(error.reason == .cancelled)
        // The server would hold the request for 30 s; curl's progress callback stops it within about a second
        // (more on a loaded machine).
        #expect(clock.now - started < .seconds(15))
        await server.stop()
    }

    @Test func refusesADecompressionBomb() async throws {
        // 20 MB of zeros gzip to about 20 KB: small on the wire, too large once decoded.
        let directory = try TemporaryDirectory()
        let bombPath = directory.file("bomb.gz")
        let made = try ChildProcess.run("/bin/sh", ["-c", "head -c 20000000 /dev/zero | gzip -c > '\(bombPath)'"])
        #expect(made.status == 0, "\(made.stderr)")
        let bomb = try [UInt8](Data(contentsOf: URL(fileURLWithPath: bombPath)))
        #expect(bomb.count < 100_000)
        let server = try await LoopbackHTTPServer.start { _ in
            .init(headers: [("Content-Encoding", "gzip")], body: bomb)
        }
        let client = CurlHTTPClient(options: HTTPClientOptions(maxResponseBytes: 1_000_000))
        await #expect {
            _ = try await HTTPSource(feed: "f", url: server.baseURL + "/feed.xml", format: .rss, client: client)
                .fetch(cursor: FeedCursor())
        } throws: { error in
            (error as? SourceError)?.reason == .tooLarge
        }
        await server.stop()
    }

    @Test func refusesRedirectsOutOfHTTPAndOversizedBodies() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            if request.path == "/passwd" { return .init(status: 302, headers: [("Location", "file:///etc/passwd")]) }
            return .init(body: [UInt8](repeating: 0x41, count: 2_000_000))
        }
        let client = CurlHTTPClient(options: HTTPClientOptions(maxResponseBytes: 1_000_000))
        for (path, reason) in [("/passwd", SourceError.Reason.refused), ("/big", .tooLarge)] {
            await #expect {
                _ = try await HTTPSource(feed: "f", url: server.baseURL + path, format: .rss, client: client).fetch(
                    cursor: FeedCursor())
            } throws: { error in
                (error as? SourceError)?.reason == reason
            }
        }
        await server.stop()
    }
}
