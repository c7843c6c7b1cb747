import HajunHTTP
import HajunTestSupport
import Testing

@Suite struct CurlHTTPClientTests {
    @Test func fetchesOverLoopbackWithHeadersAndBody() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            LoopbackHTTPServer.Reply(
                headers: [("ETag", "\"v1\""), ("Content-Type", "application/json")],
                text:
                    "{\"method\":\"\(request.method)\",\"ua\":\"\(request.headers["user-agent"] ?? "")\",\"body\":\(request.body.count)}"
            )
        }
        let client = CurlHTTPClient()
        let response = try await client.send(
            HTTPRequest(url: server.baseURL + "/x", method: "POST", body: Array("hello".utf8)))
        #expect(response.status == 200)
        #expect(response.header("etag") == "\"v1\"")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("\"method\":\"POST\""))
        #expect(text.contains("hajund/"))
        #expect(text.contains("\"body\":5"))
        await server.stop()
    }

    @Test func refusesNonHTTPSchemes() async throws {
        let client = CurlHTTPClient()
        for url in ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "dict://x"] {
            #expect(throws: HTTPClientError.self) { try client.perform(HTTPRequest(url: url)) }
        }
    }

    @Test func refusesRedirectToFileURL() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            LoopbackHTTPServer.Reply(status: 302, headers: [("Location", "file:///etc/passwd")])
        }
        let client = CurlHTTPClient()
        await #expect(throws: HTTPClientError.self) { try await client.send(HTTPRequest(url: server.baseURL + "/r")) }
        await server.stop()
    }

    @Test func refusesOversizedBodies() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            LoopbackHTTPServer.Reply(body: [UInt8](repeating: 65, count: 300_000))
        }
        let client = CurlHTTPClient(options: HTTPClientOptions(maxResponseBytes: 100_000))
        await #expect(throws: HTTPClientError.responseTooLarge(url: server.baseURL + "/big", limit: 100_000)) {
            try await client.send(HTTPRequest(url: server.baseURL + "/big"))
        }
        await server.stop()
    }

    @Test func limitsRedirects() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            let n = Int(request.path.dropFirst()) ?? 0
            return LoopbackHTTPServer.Reply(status: 302, headers: [("Location", "/\(n + 1)")])
        }
        let client = CurlHTTPClient(options: HTTPClientOptions(maxRedirects: 3))
        await #expect(throws: HTTPClientError.tooManyRedirects(url: server.baseURL + "/0", limit: 3)) {
            try await client.send(HTTPRequest(url: server.baseURL + "/0"))
        }
        await server.stop()
    }

    @Test func errorsNeverCarryTheToken() async throws {
        let client = CurlHTTPClient(options: HTTPClientOptions(connectTimeoutMilliseconds: 500))
        // Port 9 (discard) on loopback is closed here: a connection error whose message must not leak the token.
        do {
            _ = try client.perform(HTTPRequest(url: "http://127.0.0.1:9/bot4242:SECRETtoken/getUpdates"))
            Issue.record("expected a failure")
        } catch {
            #expect(!"\(error)".contains("SECRETtoken"))
            #expect("\(error)".contains("bot<redacted>"))
        }
    }
}
