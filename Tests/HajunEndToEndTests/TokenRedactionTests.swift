import Foundation
import HajunTestSupport
import Testing

/// A bot token in a feed URL never appears in the log, stderr, `/metrics`, `/healthz` or the alerts.
@Suite(.serialized) struct TokenRedactionTests {
    static let secret = "AAF-s3cr3tT0kenValue_xyz"

    @Test func tokenNeverLeaks() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            if request.path.hasSuffix("/broken/getUpdates") {
                return .init(
                    status: 401,
                    text: #"{"ok":false,"error_code":401,"description":"Unauthorized: bot987:\#(Self.secret) revoked"}"#
                )
            }
            if request.path.hasSuffix("/redirect/getUpdates") {
                return .init(status: 302, headers: [("Location", "file:///etc/bot987:\(Self.secret)")])
            }
            return .init(text: botAPIBody([(1, 1, "Пуск ракет из-под Мозыря, воздушная тревога")]))
        }
        let directory = try TemporaryDirectory()
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: bot, url: "\(server.baseURL)/bot987:\(Self.secret)/getUpdates", format: telegram-bot-api, interval: 300ms }
              - { name: broken, url: "\(server.baseURL)/bot987:\(Self.secret)/broken/getUpdates", format: telegram-bot-api, interval: 300ms }
              - { name: redirect, url: "\(server.baseURL)/bot987:\(Self.secret)/redirect/getUpdates", format: telegram-bot-api, interval: 300ms }
              - { name: down, url: "http://127.0.0.1:9/bot987:\(Self.secret)/getUpdates?token=\(Self.secret)", format: telegram-bot-api, interval: 300ms }
            log: { path: log/events.jsonl }
            state: { directory: state }
            receivers: [{ name: file, type: file, path: alerts.jsonl }]
            rules: [{ name: all, type: any, receiver: file }]
            server: { http: { listen: "127.0.0.1:0" }, failing_after: 1s }
            """
        )
        let daemon = try DaemonProcess(config: config, directory: directory, environment: ["HAJUND_LOG_LEVEL": "debug"])
        defer { daemon.terminate() }
        let port = try #require(await daemon.metricsPort(), "\(daemon.stderr)")
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: directory.file("log")).count == 1 ? true : nil }
                == true)
        try await Task.sleep(for: .seconds(2))
        let metrics = try #require(await httpGet("http://127.0.0.1:\(port)/metrics"))
        let health = try #require(await httpGet("http://127.0.0.1:\(port)/healthz"))
        #expect(health.status == 503, "the failing feeds fail the health check after 1 s")
        #expect(health.body.contains("bot<redacted>"), "\(health.body)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(20)) == 0)
        await server.stop()

        let log = try String(contentsOfFile: directory.file("log/events.jsonl"), encoding: .utf8)
        let alerts = (try? String(contentsOfFile: directory.file("alerts.jsonl"), encoding: .utf8)) ?? ""
        let stderr = daemon.stderr
        #expect(stderr.contains("feed=broken") && stderr.contains("feed=redirect") && stderr.contains("feed=down"))
        for (name, text) in [
            ("log", log), ("alerts", alerts), ("stderr", stderr), ("/metrics", metrics.body), ("/healthz", health.body),
        ] {
            #expect(!text.contains(Self.secret), "the token leaked into \(name)")
            #expect(!text.contains("s3cr3t"), "part of the token leaked into \(name)")
        }
        #expect(!alerts.isEmpty)
    }
}
