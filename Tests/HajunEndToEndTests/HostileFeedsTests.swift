import Foundation
import HajunTestSupport
import Synchronization
import Testing

/// Feeds that misbehave in every way a server can: hajund keeps running, refuses what it must, backs off, honours
/// Retry-After, uses conditional requests, and the good feed's events keep flowing throughout.
@Suite(.serialized) struct HostileFeedsTests {
    @Test(.timeLimit(.minutes(2))) func survivesHostileFeedsWhileTheGoodOneFlows() async throws {
        let arrivals = Mutex<[String: [ContinuousClock.Instant]]>([:])
        let conditional = Mutex<[String]>([])
        let goodRequests = Mutex(0)
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
        let server = try await LoopbackHTTPServer.start { request in
            arrivals.withLock { $0[request.path, default: []].append(ContinuousClock.now) }
            switch request.path {
            case "/good.jsonl":
                let count = goodRequests.withLock { value -> Int in
                    value += 1
                    return value
                }
                let lines = (1...count).map {
                    #"{"chat":"good","message_id":\#($0),"date":"2022-03-01T07:00:00Z","text":"Колонна \#($0) у Мозыря"}"#
                }
                return .init(text: lines.joined(separator: "\n") + "\n")
            case "/notmodified.xml":
                conditional.withLock { $0.append(request.headers["if-none-match"] ?? "-") }
                if request.headers["if-none-match"] == "\"v1\"" { return .init(status: 304) }
                return .init(
                    headers: [("ETag", "\"v1\"")],
                    text: "<rss version=\"2.0\"><channel><title>t</title></channel></rss>")
            case "/throttled.xml":
                return .init(status: 429, headers: [("Retry-After", "3")], text: "slow down")
            case "/error.xml":
                return .init(status: 500, text: "internal error")
            case "/slow.xml":
                try? await Task.sleep(for: .seconds(30))
                return .init(text: "<rss/>")
            case "/passwd.xml":
                return .init(status: 302, headers: [("Location", "file:///etc/passwd")])
            case "/huge.xml":
                return .init(body: huge)
            case "/garbage.json":
                return .init(body: (0..<4096).map { _ in UInt8.random(in: 0...255) })
            default:
                return .init(status: 404)
            }
        }
        let directory = try TemporaryDirectory()
        let hostile = [
            "notmodified.xml", "throttled.xml", "error.xml", "slow.xml", "passwd.xml", "huge.xml", "garbage.json",
        ]
        let feeds = hostile.map { name -> String in
            let format = name.hasSuffix(".json") ? "telegram-bot-api" : "rss"
            return
                "  - { name: \(name.split(separator: ".")[0]), url: \"\(server.baseURL)/\(name)\", format: \(format), interval: 300ms }"
        }
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: good, url: "\(server.baseURL)/good.jsonl", format: jsonl, interval: 300ms }
            \(feeds.joined(separator: "\n"))
            log: { path: log/events.jsonl }
            state: { directory: state }
            limits: { request_timeout: 8s, max_response_bytes: 4MiB }
            server: { max_backoff: 5s, jitter: 0 }
            """
        )
        let daemon = try DaemonProcess(config: config, directory: directory)
        defer { daemon.terminate() }
        var counts: [Int] = []
        for _ in 0..<6 {
            try await Task.sleep(for: .seconds(2))
            counts.append(loggedEvents(in: directory.file("log")).count)
            #expect(daemon.isRunning, "\(daemon.stderr.suffix(3000))")
        }
        // Flowing throughout: more events in every 2-second window but at most one (this test's own server, in a
        // process shared with every other suite, can stall that long on a loaded machine), and many in all.
        let growing = zip(counts, counts.dropFirst()).filter { $0 < $1 }.count
        #expect(
            growing >= counts.count - 2 && counts.last! >= counts.first! + 8,
            "the good feed's events kept flowing: \(counts)")
        let stderr = daemon.stderr
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(20)) == 0, "\(daemon.stderr.suffix(2000))")
        await server.stop()

        func lines(feed: String) -> [Substring] { stderr.split(separator: "\n").filter { $0.contains("feed=\(feed)") } }
        #expect(lines(feed: "passwd").contains { $0.contains("reason=refused") }, "\(stderr)")
        #expect(lines(feed: "huge").contains { $0.contains("reason=too_large") }, "\(stderr)")
        #expect(lines(feed: "slow").contains { $0.contains("reason=timeout") }, "\(stderr)")
        #expect(lines(feed: "error").contains { $0.contains("HTTP 500") })
        #expect(lines(feed: "throttled").contains { $0.contains("HTTP 429") && $0.contains("retry after 3s") })
        #expect(lines(feed: "garbage").contains { $0.contains("garbage.json") }, "the unparseable feed is reported")
        #expect(!FileManager.default.fileExists(atPath: directory.file("log/passwd")))
        #expect(!(try String(contentsOfFile: directory.file("log/events.jsonl"), encoding: .utf8)).contains("root:"))

        // Arrival times are stamped by this test's server, which a loaded machine can delay; the bounds below still
        // hold because the daemon only sends its next request after the previous answer, which leaves after the
        // stamp. That needs every answer to arrive, hence a request timeout far above the server's worst delay.
        let times = arrivals.withLock { $0 }
        // Retry-After: 3 → never two requests within 3 s.
        let throttled = times["/throttled.xml"] ?? []
        #expect(throttled.count >= 2 && throttled.count <= 5, "\(throttled.count) requests")
        for (earlier, later) in zip(throttled, throttled.dropFirst()) {
            #expect(later - earlier >= .milliseconds(2_900))
        }
        // Back-off: 600 ms, 1.2 s, 2.4 s, 4.8 s, 5 s… instead of every 300 ms.
        let errors = times["/error.xml"] ?? []
        #expect(errors.count >= 3 && errors.count <= 7, "\(errors.count) requests to the failing feed in 12 s")
        // With jitter 0 the k-th wait is 300 ms × 2^k, at most 5 s; a loaded machine can only make waits longer.
        let gaps = zip(errors, errors.dropFirst()).map { $1 - $0 }
        for (index, gap) in gaps.enumerated() {
            let planned = min(300 * (1 << (index + 1)), 5_000)
            #expect(
                gap >= .milliseconds(planned * 9 / 10), "wait \(index + 1) was \(gap), planned \(planned) ms: \(gaps)")
        }
        // Conditional requests: after the first answer every request carries the ETag and gets 304.
        let validators = conditional.withLock { $0 }
        #expect(validators.first == "-")
        #expect(validators.count >= 10 && validators.dropFirst().allSatisfy { $0 == "\"v1\"" }, "\(validators)")
    }
}
