import Foundation
import HajunCore
import HajunHTTP
import HajunSimulator
import Testing

@Suite("Simulator Bot API server")
struct BotAPIServerTests {
    @Test("getMe over GET and POST, and the bot's identity")
    func getMe() async throws {
        let server = try await SimulatorServer.start(.init(posts: 10))
        let client = BotClient(server: server)
        for response in [
            try await client.call("getMe"), try await client.post("getMe", contentType: "application/json", body: "{}"),
        ] {
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let json = try BotClient.json(response)
            #expect(json["ok"]?.boolValue == true)
            #expect(json["result"]?["is_bot"]?.boolValue == true)
            #expect(json["result"]?["username"]?.stringValue == "hajun_sim_bot")
            #expect(json["result"]?["id"]?.int64Value == 5_000_000_001)
        }
        #expect(try await client.call("GETME").status == 200)
        await server.stop()
    }

    @Test("getUpdates: limit, offset confirms and drops earlier updates, a negative offset keeps the last ones")
    func offsetsAndLimits() async throws {
        let server = try await SimulatorServer.start(.init(seed: 5, posts: 300))
        let client = BotClient(server: server)
        let published = await server.publishedPosts()
        #expect(published.filter { !$0.isEdit }.count == 300)

        let first = try await client.updates()
        #expect(first.count == 100)
        let five = try await client.updates("limit=5")
        #expect(five.map { $0["update_id"] } == first.prefix(5).map { $0["update_id"] })
        #expect(try await client.updates("limit=0").count == 1)
        #expect(try await client.updates("limit=1000").count == 100)

        let firstID = first[0]["update_id"]!.int64Value!
        // Without an offset the same updates come again: nothing is confirmed yet.
        #expect(try await client.updates("limit=3").first?["update_id"]?.int64Value == firstID)
        let after = try await client.updates("offset=\(firstID + 10)&limit=2")
        #expect(after.map { $0["update_id"]!.int64Value! } == [firstID + 10, firstID + 11])
        // Confirmed updates are gone for good.
        #expect(try await client.updates("limit=1").first?["update_id"]?.int64Value == firstID + 10)
        #expect(
            try await client.updates("offset=\(firstID + 5)&limit=1").first?["update_id"]?.int64Value == firstID + 10)

        let total = published.count
        let lastTwo = try await client.updates("offset=-2")
        #expect(
            lastTwo.map { $0["update_id"]!.int64Value! } == [firstID + Int64(total) - 2, firstID + Int64(total) - 1])
        #expect(try await client.updates().count == 2)
        #expect(try await client.updates("offset=\(firstID + Int64(total))").isEmpty)
        #expect(await server.pendingUpdateCount() == 0)
        await server.stop()
    }

    @Test("draining with offsets delivers every published post and edit exactly once")
    func drainExactlyOnce() async throws {
        let server = try await SimulatorServer.start(.init(seed: 9, posts: 1200))
        let client = BotClient(server: server)
        let updates = try await client.drain(limit: 37)
        let published = await server.publishedPosts()
        #expect(updates.count == published.count)
        let received = updates.compactMap(BotClient.key).map { "\($0.chat)/\($0.messageID)/\($0.edit)" }
        let expected = published.map { "\($0.chat.username)/\($0.messageID)/\($0.isEdit)" }
        #expect(received == expected)
        #expect(Set(received).count == received.count)
        let channels = Set(updates.compactMap { BotClient.key($0)?.chat })
        #expect(channels == Set(SimulatedChannel.defaults.map(\.username)))
        await server.stop()
    }

    @Test("parameters come as query, form, JSON or multipart bodies")
    func parameterEncodings() async throws {
        let server = try await SimulatorServer.start(.init(seed: 2, posts: 50))
        let client = BotClient(server: server)
        let firstID = try await client.updates("limit=1")[0]["update_id"]!.int64Value!
        let form = try BotClient.result(
            try await client.post(
                "getUpdates", contentType: "application/x-www-form-urlencoded", body: "limit=2&offset=\(firstID + 1)")
        )
        #expect(form.map { $0["update_id"]!.int64Value! } == [firstID + 1, firstID + 2])
        let json = try BotClient.result(
            try await client.post(
                "getUpdates", contentType: "application/json",
                body: "{\"limit\":\"3\",\"offset\":\(firstID + 2),\"timeout\":0}")
        )
        #expect(json.map { $0["update_id"]!.int64Value! } == [firstID + 2, firstID + 3, firstID + 4])
        let boundary = "----hajund\(firstID)"
        let multipart =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"limit\"\r\n\r\n1\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"offset\"\r\n\r\n\(firstID + 4)\r\n--\(boundary)--\r\n"
        let parts = try BotClient.result(
            try await client.post(
                "getUpdates", contentType: "multipart/form-data; boundary=\(boundary)", body: multipart)
        )
        #expect(parts.map { $0["update_id"]!.int64Value! } == [firstID + 4])
        await server.stop()
    }

    @Test("allowed_updates filters update types and is remembered until changed")
    func allowedUpdates() async throws {
        let server = try await SimulatorServer.start(.init(seed: 4, posts: 3000))
        let client = BotClient(server: server)
        let edits = try await client.updates("allowed_updates=%5B%22edited_channel_post%22%5D")
        #expect(!edits.isEmpty)
        #expect(edits.allSatisfy { $0["edited_channel_post"] != nil })
        // No allowed_updates: the last setting stays.
        #expect(try await client.updates("limit=20").allSatisfy { $0["edited_channel_post"] != nil })
        // An empty list restores the default (channel posts too).
        let all = try await client.updates("allowed_updates=%5B%5D")
        #expect(all.contains { $0["channel_post"] != nil })
        let posts = try BotClient.result(
            try await client.post(
                "getUpdates", contentType: "application/json", body: "{\"allowed_updates\":[\"channel_post\"]}")
        )
        #expect(posts.allSatisfy { $0["channel_post"] != nil })
        #expect(try await client.updates("allowed_updates=%5B%22message%22%5D").isEmpty)
        await server.stop()
    }

    @Test("errors: bad token, unknown method, bad parameters, webhook conflict; all in Telegram's error shape")
    func errors() async throws {
        let server = try await SimulatorServer.start(.init(posts: 5))
        let client = BotClient(server: server)
        func expectError(_ response: HTTPResponse, _ code: Int, _ description: String) throws {
            #expect(response.status == code)
            let json = try BotClient.json(response)
            #expect(json["ok"]?.boolValue == false)
            #expect(json["error_code"]?.int64Value == Int64(code))
            #expect(json["description"]?.stringValue?.hasPrefix(description) == true, "\(json.jsonText)")
        }
        try expectError(try await client.get("/bot123456:AAWrongTokenWrongTokenWrong/getUpdates"), 401, "Unauthorized")
        try expectError(try await client.get("/botnot-a-token/getUpdates"), 404, "Not Found")
        try expectError(try await client.get("/bot/getMe"), 404, "Not Found")
        try expectError(try await client.call("sendRocket"), 404, "Not Found: method not found")
        try expectError(try await client.call("getUpdates", "limit=many"), 400, "Bad Request: field \"limit\"")
        try expectError(try await client.call("getUpdates", "timeout=soon"), 400, "Bad Request")
        try expectError(
            try await client.post("getUpdates", contentType: "application/json", body: "{\"limit\":"), 400,
            "Bad Request: can't parse JSON"
        )
        try expectError(try await client.call("getChat", "chat_id=@nobody"), 400, "Bad Request: chat not found")
        let chat = try BotClient.json(try await client.call("getChat", "chat_id=@hajun_demo"))
        #expect(chat["result"]?["type"]?.stringValue == "channel")

        #expect(try await client.call("setWebhook", "url=https%3A%2F%2Fexample.invalid%2Fhook").status == 200)
        try expectError(try await client.call("getUpdates"), 409, "Conflict")
        #expect(
            try BotClient.json(try await client.call("getWebhookInfo"))["result"]?["url"]?.stringValue
                == "https://example.invalid/hook")
        #expect(try await client.call("deleteWebhook").status == 200)
        #expect(try await client.updates().count > 0)
        #expect(try await client.get("/nowhere").status == 404)
        await server.stop()
    }

    @Test("a fixed port that is taken is refused with an error")
    func portInUse() async throws {
        let first = try await SimulatorServer.start(.init(posts: 1))
        await #expect(throws: (any Error).self) {
            _ = try await SimulatorServer.start(.init(port: first.port, posts: 1))
        }
        await #expect(throws: SimulatorError.self) {
            _ = try await SimulatorServer.start(.init(posts: nil, rate: .unlimited))
        }
        await first.stop()
    }
}
