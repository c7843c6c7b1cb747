import Foundation
import HajunTestSupport
import Testing

@Suite struct ReplayBundledFeedsTests {
    static let bundledFeeds: [String] = {
        let root = PackageRoot.path("feeds")
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            let ext = (name as NSString).pathExtension
            if ["json", "jsonl", "xml"].contains(ext) { files.append("feeds/" + name) }
        }
        return files.sorted()
    }()

    @Test func everyFormatIsBundled() {
        #expect(Self.bundledFeeds.count >= 5, "\(Self.bundledFeeds)")
    }

    @Test(arguments: bundledFeeds)
    func replayPrintsOneValidEventPerPost(file: String) throws {
        let result = try Hajund.run(["replay", file], currentDirectory: PackageRoot.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let events = result.lines.compactMap(EventSchema.parse)
        #expect(events.count == result.lines.count, "every line is a JSON object")
        #expect(events.count >= 10, "\(file) has at least 10 posts")
        for event in events { EventSchema.validate(event) }
        #expect(events.map { $0["seq"] as? Int ?? 0 } == Array(1...events.count))
        #expect(Set(events.compactMap { $0["id"] as? String }).count == events.count, "ids are unique")
        let ids = Set(events.compactMap { $0["id"] as? String })
        for event in events {
            if let of = (event["dedup"] as? [String: Any])?["of"] as? String {
                #expect(ids.contains(of), "dedup.of points at an event of this replay")
                let first = events.first { $0["id"] as? String == of }
                #expect(
                    (first?["dedup"] as? [String: Any])?["status"] as? String == "new", "dedup.of points at a new event"
                )
            }
        }
    }

    @Test func replayWithoutConfigWorksFromAnyDirectory() throws {
        let temporary = try TemporaryDirectory()
        let result = try Hajund.run(
            ["replay", PackageRoot.path("feeds/hajun-reports.jsonl")], currentDirectory: temporary.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.count >= 10)
    }
}
