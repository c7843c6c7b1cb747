import HajunHTTP
import HajunTestSupport
import Testing

/// `limits.proxy` through real libcurl and real proxies on loopback: `socks5h://` hands the host name to the proxy
/// (as Tor needs: the name is never resolved locally), `socks5://` resolves it first, `http://` forwards the whole
/// URL. The host names end in `.invalid`, which no resolver answers, so a request that arrives proves the proxy
/// carried it.
@Suite struct CurlProxyTests {
    @Test func socks5hLetsTheProxyResolveTheName() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            LoopbackHTTPServer.Reply(text: "feed via socks: \(request.path)")
        }
        let proxy = try LoopbackProxy(.socks5(targetPort: server.port))
        defer { proxy.stop() }
        let client = CurlHTTPClient(options: HTTPClientOptions(proxy: "socks5h://127.0.0.1:\(proxy.port)"))
        let response = try await client.send(HTTPRequest(url: "http://hajun-feeds.invalid:8080/rss.xml"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "feed via socks: /rss.xml")
        #expect(proxy.requests == ["hajun-feeds.invalid:8080"], "the proxy got the name, not an address")
        await server.stop()
    }

    @Test func socks5ResolvesLocallySoAnUnknownNameFails() async throws {
        let proxy = try LoopbackProxy(.socks5(targetPort: 9))
        defer { proxy.stop() }
        let client = CurlHTTPClient(
            options: HTTPClientOptions(
                connectTimeoutMilliseconds: 5_000, totalTimeoutMilliseconds: 10_000,
                proxy: "socks5://127.0.0.1:\(proxy.port)"))
        await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPRequest(url: "http://hajun-feeds.invalid/rss.xml"))
        }
        #expect(proxy.requests.isEmpty, "nothing reached the proxy: the name failed to resolve first")
    }

    @Test func httpProxyGetsTheWholeURL() async throws {
        let proxy = try LoopbackProxy(.http(reply: "feed via http proxy"))
        defer { proxy.stop() }
        let client = CurlHTTPClient(options: HTTPClientOptions(proxy: "http://127.0.0.1:\(proxy.port)"))
        let response = try await client.send(HTTPRequest(url: "http://hajun-feeds.invalid/bot123:SECRET/getUpdates"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "feed via http proxy")
        #expect(proxy.requests == ["GET http://hajun-feeds.invalid/bot123:SECRET/getUpdates HTTP/1.1"])
    }
}
