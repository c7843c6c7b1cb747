import Foundation
import HajunCore
import HajunSimulator
import Testing

@Suite("Simulator long polling and pacing")
struct LongPollTests {
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("a long poll returns as soon as a post is published")
    func returnsEarly() async throws {
        let server = try await SimulatorServer.start(.init(posts: 20, rate: .manual))
        let client = BotClient(server: server)
        #expect(try await client.updates().isEmpty)
        let start = ContinuousClock.now
        async let poll = client.updates("timeout=20")
        try await Task.sleep(nanoseconds: 400_000_000)
        #expect(await server.release(1) == 1)
        let updates = try await poll
        let elapsed = LongPollTests.seconds(since: start)
        #expect(updates.count == 1)
        // Well before the 20 s timeout (the bound is loose because CI machines are small and busy).
        #expect(elapsed >= 0.35 && elapsed < 12, "long poll took \(elapsed) s")
        await server.stop()
    }

    @Test("a long poll with nothing to deliver answers an empty result after its timeout")
    func timesOut() async throws {
        let server = try await SimulatorServer.start(.init(posts: 5, rate: .manual))
        let client = BotClient(server: server)
        let start = ContinuousClock.now
        let updates = try await client.updates("timeout=1")
        let elapsed = LongPollTests.seconds(since: start)
        #expect(updates.isEmpty)
        #expect(elapsed >= 0.95 && elapsed < 15, "timeout=1 took \(elapsed) s")
        // Fractional timeouts, as some libraries send them.
        #expect(try await client.updates("timeout=0.2").isEmpty)
        await server.stop()
    }

    @Test("stopping the server ends a waiting long poll")
    func stopEndsPoll() async throws {
        let server = try await SimulatorServer.start(.init(posts: 5, rate: .manual))
        let client = BotClient(server: server)
        let start = ContinuousClock.now
        let poll = Task { try? await client.updates("timeout=60") }
        try await Task.sleep(nanoseconds: 300_000_000)
        await server.stop()
        _ = await poll.value
        // Far less than the poll's 60 s timeout.
        #expect(LongPollTests.seconds(since: start) < 30)
    }

    @Test("a paced rate publishes an initial burst, then more over time, dated with the wall clock")
    func pacedRate() async throws {
        let before = Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970) - 1)
        let server = try await SimulatorServer.start(.init(posts: nil, rate: .postsPerSecond(40), initialBurst: 10))
        #expect(await server.publishedPosts().count == 10)
        let start = ContinuousClock.now
        var later = 10
        while later < 60, LongPollTests.seconds(since: start) < 20 {
            try await Task.sleep(nanoseconds: 100_000_000)
            later = await server.publishedPosts().count
        }
        let elapsed = LongPollTests.seconds(since: start)
        #expect(later >= 60, "published \(later) posts in \(elapsed) s at 40/s")
        // Not everything at once: the pace holds back what is not due yet.
        #expect(Double(later) <= 10 + 40 * (elapsed + 0.5) * 3 + 20, "published \(later) posts in \(elapsed) s at 40/s")
        let posts = await server.publishedPosts()
        let after = Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970) + 1)
        #expect(posts.allSatisfy { $0.date >= before && $0.date <= after })
        // Long polls see paced posts arrive.
        let client = BotClient(server: server)
        let drained = try await client.drain()
        let next = try await client.updates("timeout=5&offset=\(drained.last!["update_id"]!.int64Value! + 1)")
        #expect(!next.isEmpty)
        await server.stop()
    }

    @Test("rates parse from the command line's spellings")
    func rateParsing() {
        #expect(SimulatorRate(parsing: "max") == .unlimited)
        #expect(SimulatorRate(parsing: "manual") == .manual)
        #expect(SimulatorRate(parsing: "realtime") == .realTime)
        #expect(SimulatorRate(parsing: "5") == .postsPerSecond(5))
        #expect(SimulatorRate(parsing: "120/min") == .postsPerSecond(2))
        #expect(SimulatorRate(parsing: "1000/day") == .realTime)
        #expect(SimulatorRate(parsing: "fast") == nil)
        #expect(SimulatorRate(parsing: "-1") == nil)
    }
}
