import HajunCore
import Testing

@testable import HajunDaemon

/// A deterministic generator, so that jitter is checked against exact bounds.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct SchedulerTests {
    @Test func successWaitsTheIntervalWithinTheJitterBand() {
        var random = SplitMix(state: 1)
        var schedule = FeedSchedule(intervalMilliseconds: 10_000, jitter: 0.1, maxBackoffMilliseconds: 60_000)
        var seen = Set<Int64>()
        for _ in 0..<500 {
            let delay = schedule.delayAfterSuccess(elapsedMilliseconds: 0, moreAvailable: false, using: &random)
            #expect((9_000...11_000).contains(delay))
            seen.insert(delay / 100)
        }
        #expect(seen.count > 10, "jitter spreads the waits")
    }

    @Test func intervalCountsFromTheStartOfTheRequest() {
        var random = SplitMix(state: 2)
        var schedule = FeedSchedule(intervalMilliseconds: 30_000, jitter: 0, maxBackoffMilliseconds: 60_000)
        #expect(schedule.delayAfterSuccess(elapsedMilliseconds: 25_000, moreAvailable: false, using: &random) == 5_000)
        // A long poll that waited longer than the interval goes again at once.
        #expect(schedule.delayAfterSuccess(elapsedMilliseconds: 31_000, moreAvailable: false, using: &random) == 0)
        #expect(schedule.delayAfterSuccess(elapsedMilliseconds: 10, moreAvailable: true, using: &random) == 0)
    }

    @Test func backOffDoublesUpToTheCeilingAndResetsOnSuccess() {
        var random = SplitMix(state: 3)
        var schedule = FeedSchedule(intervalMilliseconds: 1_000, jitter: 0, maxBackoffMilliseconds: 20_000)
        let waits = (0..<8).map { _ in schedule.delayAfterFailure(retryAfterMilliseconds: nil, using: &random) }
        #expect(waits == [2_000, 4_000, 8_000, 16_000, 20_000, 20_000, 20_000, 20_000])
        #expect(schedule.consecutiveFailures == 8)
        #expect(schedule.delayAfterSuccess(elapsedMilliseconds: 0, moreAvailable: false, using: &random) == 1_000)
        #expect(schedule.consecutiveFailures == 0)
        #expect(schedule.delayAfterFailure(retryAfterMilliseconds: nil, using: &random) == 2_000)
    }

    @Test func backOffWithJitterNeverExceedsTheCeiling() {
        var random = SplitMix(state: 4)
        var schedule = FeedSchedule(intervalMilliseconds: 1_000, jitter: 0.5, maxBackoffMilliseconds: 10_000)
        for _ in 0..<200 {
            let wait = schedule.delayAfterFailure(retryAfterMilliseconds: nil, using: &random)
            #expect(wait >= 1_000 && wait <= 10_000)
        }
    }

    @Test func retryAfterIsHonouredEvenAboveTheCeiling() {
        var random = SplitMix(state: 5)
        var schedule = FeedSchedule(intervalMilliseconds: 1_000, jitter: 0.1, maxBackoffMilliseconds: 5_000)
        #expect(schedule.delayAfterFailure(retryAfterMilliseconds: 120_000, using: &random) == 120_000)
        // …but a server cannot park a feed for more than a day.
        #expect(schedule.delayAfterFailure(retryAfterMilliseconds: 10 * 86_400_000, using: &random) == 86_400_000)
    }

    @Test func initialDelaySpreadsFeedsButAtMostASecond() {
        var random = SplitMix(state: 6)
        let short = FeedSchedule(intervalMilliseconds: 2_000, jitter: 0.2, maxBackoffMilliseconds: 60_000)
        let delays = (0..<100).map { _ in short.initialDelay(using: &random) }
        #expect(delays.allSatisfy { (0...400).contains($0) })
        #expect(Set(delays).count > 50)
        let long = FeedSchedule(intervalMilliseconds: 3_600_000, jitter: 0.2, maxBackoffMilliseconds: 60_000)
        #expect((0..<100).map { _ in long.initialDelay(using: &random) }.allSatisfy { (0...1_000).contains($0) })
        let noJitter = FeedSchedule(intervalMilliseconds: 60_000, jitter: 0, maxBackoffMilliseconds: 60_000)
        #expect(noJitter.initialDelay(using: &random) == 0)
    }

    @Test func healthGoesFailingThenOkThenSilent() {
        let start = Timestamp(millisecondsSince1970: 1_000_000)
        var health = FeedHealth(startedAt: start, silentAfterMilliseconds: 60_000)
        #expect(health.state(at: start) == .ok)
        health.recordFailure(at: start.adding(milliseconds: 1_000), error: "HTTP 500")
        health.recordFailure(at: start.adding(milliseconds: 5_000), error: "HTTP 503")
        #expect(health.state(at: start.adding(milliseconds: 6_000)) == .failing)
        #expect(health.failingMilliseconds(at: start.adding(milliseconds: 11_000)) == 10_000)
        #expect(health.lastError == "HTTP 503")
        health.recordSuccess(at: start.adding(milliseconds: 20_000), newPosts: 3)
        #expect(health.state(at: start.adding(milliseconds: 21_000)) == .ok)
        #expect(health.failingMilliseconds(at: start.adding(milliseconds: 21_000)) == 0)
        health.recordSuccess(at: start.adding(milliseconds: 50_000), newPosts: 0)
        #expect(health.state(at: start.adding(milliseconds: 79_000)) == .ok)
        #expect(health.state(at: start.adding(milliseconds: 81_000)) == .silent)
        var never = FeedHealth(startedAt: start, silentAfterMilliseconds: 0)
        never.recordSuccess(at: start, newPosts: 0)
        #expect(never.state(at: start.adding(milliseconds: 86_400_000)) == .ok)
    }

    @Test func retryAfterHeaderAcceptsSecondsAndHTTPDates() {
        let now = Timestamp(parsing: "2015-10-21T07:27:00Z")!
        #expect(RetryAfter.milliseconds(header: "120", now: now) == 120_000)
        #expect(RetryAfter.milliseconds(header: " 7 ", now: now) == 7_000)
        #expect(RetryAfter.milliseconds(header: "Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 60_000)
        #expect(RetryAfter.milliseconds(header: "Wed, 21 Oct 2015 07:20:00 GMT", now: now) == 0)
        #expect(RetryAfter.milliseconds(header: "soon", now: now) == nil)
        #expect(RetryAfter.milliseconds(header: "-5", now: now) == nil)
        #expect(RetryAfter.milliseconds(header: "99999999999", now: now) == RetryAfter.maximumMilliseconds)
        let body =
            #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}"#
        #expect(RetryAfter.milliseconds(botAPIBody: Array(body.utf8)) == 5_000)
        #expect(RetryAfter.milliseconds(botAPIBody: Array("<html>".utf8)) == nil)
    }

    @Test func readsTheServerSectionAndFeedSchedulingKeys() throws {
        let configuration = try HajunConfiguration.parse(
            yaml: """
                version: 1
                feeds:
                  - { name: bot, url: "https://api.telegram.org/bot1:A/getUpdates", format: telegram-bot-api, long_poll: 25s }
                  - { name: quiet, path: q.jsonl, format: jsonl, silent_after: 2d }
                server: { http: { listen: "[::1]:9464" }, jitter: 0.2, max_backoff: 5m, silent_after: 1h, failing_after: 90s, trim_memory: 0 }
                limits: { proxy: "socks5h://127.0.0.1:9050" }
                """,
            file: "test.yaml",
            baseDirectory: "/tmp"
        )
        #expect(configuration.feeds[0].longPollMilliseconds == 25_000)
        #expect(configuration.feeds[1].silentAfterMilliseconds == 172_800_000)
        #expect(configuration.server.listen == .init(host: "::1", port: 9464))
        #expect(configuration.server.jitter == 0.2)
        #expect(configuration.server.maxBackoffMilliseconds == 300_000)
        #expect(configuration.server.silentAfterMilliseconds == 3_600_000)
        #expect(configuration.server.failingAfterMilliseconds == 90_000)
        #expect(configuration.server.trimMemoryMilliseconds == 0, "0 turns trimming off")
        #expect(configuration.limits.http.proxy == "socks5h://127.0.0.1:9050")
        let defaults = try HajunConfiguration.parse(yaml: "version: 1\n", file: "d.yaml", baseDirectory: "/tmp")
        #expect(defaults.server.listen == nil, "no listener unless asked for")
        #expect(defaults.server.trimMemoryMilliseconds == 300_000)
        #expect(
            try ServerConfiguration.listen(from: ConfigNode.parse(yaml: "9464", file: "x"))
                == .init(host: "127.0.0.1", port: 9464))
    }

    @Test func refusesBadSchedulingKeysNamingLineAndKey() {
        let cases: [(String, String)] = [
            ("feeds:\n  - { name: r, url: \"https://x/feed\", format: rss, long_poll: 10s }\n", "feeds[0].long_poll"),
            ("server:\n  jitter: 0.9\n", "server.jitter"),
            ("server:\n  http: { listen: \"localhost\" }\n", "server.http.listen"),
            ("server:\n  http: { listen: \"127.0.0.1:70000\" }\n", "server.http.listen"),
            ("server:\n  timeout: 5s\n", "server.timeout"),
            ("server:\n  trim_memory: 100ms\n", "server.trim_memory"),
            ("limits:\n  proxy: \"ftp://proxy:21\"\n", "limits.proxy"),
        ]
        for (yaml, keyPath) in cases {
            do {
                _ = try HajunConfiguration.parse(yaml: yaml, file: "bad.yaml", baseDirectory: "/tmp")
                Issue.record("accepted \(yaml)")
            } catch let error as ConfigError {
                #expect(error.keyPath == keyPath, "\(error)")
                #expect(error.line != nil && error.file == "bad.yaml")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
