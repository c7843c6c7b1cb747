import Foundation
import HajunCore
import HajunHTTP
import HajunSimulator
import Testing

@Suite("Simulator fault injection")
struct FaultInjectionTests {
    @Test("5xx: 500 as Telegram's JSON error, 502 and 503 as the proxy's HTML page")
    func serverErrors() async throws {
        let server = try await SimulatorServer.start(.init(posts: 20))
        let client = BotClient(server: server)
        let internalError = try await client.call("getUpdates", headers: [("X-Simulator-Fault", "500")])
        #expect(internalError.status == 500)
        let json = try BotClient.json(internalError)
        #expect(json["ok"]?.boolValue == false && json["error_code"]?.int64Value == 500)
        for status in [502, 503] {
            let response = try await client.call("getUpdates", "simulator_fault=\(status)")
            #expect(response.status == status)
            #expect(String(decoding: response.body, as: UTF8.self).contains("<title>\(status) "))
        }
        // Nothing was confirmed or lost by the failed requests.
        #expect(try await client.updates().count == min(100, await server.publishedPosts().count))
        await server.stop()
    }

    @Test("429 carries retry_after in the body's parameters and a Retry-After header")
    func tooManyRequests() async throws {
        let server = try await SimulatorServer.start(.init(posts: 5))
        let client = BotClient(server: server)
        let response = try await client.call("getUpdates", headers: [("X-Simulator-Fault", "429:7")])
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "7")
        let json = try BotClient.json(response)
        #expect(json["ok"]?.boolValue == false)
        #expect(json["error_code"]?.int64Value == 429)
        #expect(json["description"]?.stringValue == "Too Many Requests: retry after 7")
        #expect(json["parameters"]?["retry_after"]?.int64Value == 7)
        await server.stop()
    }

    @Test("slow responses arrive late but whole")
    func slow() async throws {
        let server = try await SimulatorServer.start(.init(posts: 5))
        let client = BotClient(server: server)
        let start = ContinuousClock.now
        let response = try await client.call("getUpdates", "simulator_fault=slow:700")
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(690))
        #expect(try BotClient.result(response).count >= 5)
        await server.stop()
    }

    @Test("truncated and malformed bodies are not valid JSON; the updates stay pending")
    func brokenBodies() async throws {
        let server = try await SimulatorServer.start(.init(seed: 6, posts: 30))
        let client = BotClient(server: server)
        let whole = try await client.call("getUpdates", "limit=10")
        let truncated = try await client.call("getUpdates", "limit=10&simulator_fault=truncate")
        #expect(truncated.status == 200)
        #expect(truncated.body.count == whole.body.count / 2)
        #expect(Array(whole.body.prefix(truncated.body.count)) == truncated.body)
        #expect(throws: JSONError.self) { try JSONValue(parsing: truncated.body) }
        let malformed = try await client.call("getUpdates", "limit=10", headers: [("X-Simulator-Fault", "malformed")])
        #expect(malformed.status == 200)
        #expect(malformed.body.count == whole.body.count)
        #expect(throws: JSONError.self) { try JSONValue(parsing: malformed.body) }
        #expect(try await client.call("getUpdates", "limit=10").body == whole.body)
        let rss = try await client.get("/rss/hajun_demo?simulator_fault=malformed")
        #expect(rss.status == 200)
        #expect(String(decoding: rss.body, as: UTF8.self).contains("<unclosed"))
        await server.stop()
    }

    @Test("a disconnect mid-body fails the transfer")
    func disconnect() async throws {
        let server = try await SimulatorServer.start(.init(posts: 40))
        let client = BotClient(server: server)
        await #expect(throws: HTTPClientError.self) {
            _ = try await client.call("getUpdates", "simulator_fault=disconnect")
        }
        #expect(try await client.updates().count == min(100, await server.publishedPosts().count))
        await server.stop()
    }

    @Test("configured rules: every n-th getUpdates, request ranges, probabilities; queued faults go first")
    func rules() async throws {
        let rules = [
            FaultRule(.serverError(status: 503), .every(3), scope: .getUpdates),
            FaultRule(.tooManyRequests(retryAfter: 1), .requests(1...1), scope: .rss),
        ]
        let server = try await SimulatorServer.start(.init(posts: 10, faults: rules))
        let client = BotClient(server: server)
        var statuses: [Int] = []
        for _ in 0..<6 { statuses.append(try await client.call("getUpdates").status) }
        #expect(statuses == [200, 200, 503, 200, 200, 503])
        #expect(try await client.call("getMe").status == 200)
        #expect(try await client.get("/rss/hajun_demo").status == 429)
        #expect(try await client.get("/rss/hajun_demo").status == 200)

        await server.injectFaults([.serverError(status: 502), .truncated], scope: .getUpdates)
        #expect(try await client.call("getMe").status == 200)
        #expect(try await client.call("getUpdates").status == 502)
        let truncated = try await client.call("getUpdates")
        #expect(truncated.status == 200)
        #expect((try? JSONValue(parsing: truncated.body)) == nil)
        let status = try BotClient.json(try await client.get("/simulator/status"))
        #expect(status["faults_injected"]?["503"]?.int64Value == 2)
        #expect(status["faults_injected"]?["502"]?.int64Value == 1)
        await server.stop()

        let random = [FaultRule(.serverError(status: 500), .probability(0.5))]
        var runs: [[Int]] = []
        for _ in 0..<2 {
            let server = try await SimulatorServer.start(.init(seed: 77, posts: 1, faults: random))
            let client = BotClient(server: server)
            var statuses: [Int] = []
            for _ in 0..<20 { statuses.append(try await client.call("getMe").status) }
            runs.append(statuses)
            await server.stop()
        }
        #expect(runs[0] == runs[1])
        #expect(runs[0].contains(500) && runs[0].contains(200))
    }

    @Test("fault and rule spellings parse; unknown ones are refused")
    func parsing() async throws {
        #expect(Fault(parsing: "503") == .serverError(status: 503))
        #expect(Fault(parsing: "429:3") == .tooManyRequests(retryAfter: 3))
        #expect(Fault(parsing: "slow:250") == .slow(milliseconds: 250))
        #expect(Fault(parsing: "truncate") == .truncated)
        #expect(Fault(parsing: "418") == nil)
        #expect(Fault(parsing: "slow:x") == nil)
        #expect(FaultRule(parsing: "503@every:10") == FaultRule(.serverError(status: 503), .every(10)))
        #expect(
            FaultRule(parsing: "429:3@requests:5-7@getUpdates")
                == FaultRule(.tooManyRequests(retryAfter: 3), .requests(5...7), scope: .getUpdates)
        )
        #expect(FaultRule(parsing: "slow:2000@p:0.1") == FaultRule(.slow(milliseconds: 2000), .probability(0.1)))
        #expect(FaultRule(parsing: "503") == nil)
        #expect(FaultRule(parsing: "503@sometimes:1") == nil)

        let server = try await SimulatorServer.start(.init(posts: 1))
        let response = try await BotClient(server: server).call("getMe", headers: [("X-Simulator-Fault", "explode")])
        #expect(response.status == 400)
        #expect(try BotClient.json(response)["description"]?.stringValue?.contains("unknown simulator fault") == true)
        await server.stop()
    }
}
