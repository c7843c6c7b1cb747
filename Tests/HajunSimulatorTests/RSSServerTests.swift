import Foundation
import HajunCore
import HajunSimulator
import Testing

@Suite("Simulator RSS feeds and status endpoints")
struct RSSServerTests {
    @Test("each channel has an RSS feed of its newest posts; unknown channels are 404")
    func feeds() async throws {
        let server = try await SimulatorServer.start(.init(seed: 21, posts: 400, rssItemLimit: 20))
        let client = BotClient(server: server)
        let published = await server.publishedPosts()
        for channel in SimulatedChannel.defaults {
            let response = try await client.get("/rss/" + channel.username)
            #expect(response.status == 200)
            #expect(response.header("content-type")?.hasPrefix("application/rss+xml") == true)
            let xml = String(decoding: response.body, as: UTF8.self)
            let items = xml.components(separatedBy: "<item>").count - 1
            let own = published.filter { $0.chat.username == channel.username && !$0.isEdit }
            #expect(items == min(20, own.count))
            // Newest first.
            if let newest = own.last { #expect(xml.contains("<guid isPermaLink=\"false\">\(newest.url)</guid>")) }
        }
        #expect(try await client.get("/rss/hajun_demo.xml").status == 200)
        #expect(try await client.get("/rss/nobody").status == 404)
        await server.stop()
    }

    @Test("/simulator/truth lists the truth of every published post; /simulator/status counts them")
    func truthAndStatus() async throws {
        let server = try await SimulatorServer.start(.init(seed: 22, posts: 150))
        let client = BotClient(server: server)
        let lines = String(decoding: try await client.get("/simulator/truth").body, as: UTF8.self).split(
            separator: "\n")
        let published = await server.publishedPosts()
        #expect(lines.count == published.count)
        let first = try JSONValue(parsing: String(lines[0]))
        #expect(first["chat"]?.stringValue == published[0].chat.username)
        #expect(first["incident"]?.stringValue == published[0].truth.incident)
        let status = try BotClient.json(try await client.get("/simulator/status"))
        #expect(status["posts_released"]?.int64Value == 150)
        #expect(status["exhausted"]?.boolValue == true)
        await server.stop()
    }
}
