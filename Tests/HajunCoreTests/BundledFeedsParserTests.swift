import Foundation
import Testing

@testable import HajunCore

/// The sample feeds in `feeds/` (see feeds/README.md): each reads cleanly and carries what the README promises.
@Suite("Bundled feeds")
struct BundledFeedsParserTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func parse(_ path: String) throws -> FeedParseResult {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("feeds/\(path)")))
        return FeedParser.parse(bytes, format: .auto, feed: "bundled", origin: "feeds/\(path)")
    }

    static let files = [
        "hajun-bot-api.json", "hajun-export/result.json", "hajun-rss.xml", "hajun-atom.xml", "hajun-reports.jsonl",
    ]

    @Test(arguments: files)
    func readsCleanlyWithPlausiblePosts(path: String) throws {
        let result = try parse(path)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect((15...40).contains(result.reports.count), "\(result.reports.count) posts")
        let start = try #require(Timestamp(parsing: "2022-01-01T00:00:00Z"))
        let end = try #require(Timestamp(parsing: "2024-01-01T00:00:00Z"))
        for report in result.reports {
            #expect(report.postedAt >= start && report.postedAt < end, "\(report.postedAt)")
            #expect(!report.text.isEmpty)
            #expect(report.position.line != nil)
        }
        // Every feed mixes scripts: Cyrillic posts and Latin (English) ones.
        #expect(result.reports.contains { $0.text.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) } })
        #expect(
            result.reports.contains {
                $0.text.hasPrefix("Brest") || $0.text.unicodeScalars.first.map { $0.isASCII } == true
            })
    }

    @Test func theBotAPIFeedHasEditsAndForwards() throws {
        let result = try parse("hajun-bot-api.json")
        #expect(result.lastUpdateID == 850_000_129)
        let edits = result.reports.filter { $0.editedAt != nil }
        #expect(edits.count == 4)
        for edit in edits {
            #expect(
                result.reports.contains { $0.editedAt == nil && $0.chat == edit.chat && $0.messageID == edit.messageID }
            )
        }
        let forwards = result.reports.compactMap(\.forwardOrigin)
        #expect(forwards.contains(ForwardOrigin(chat: "hajun_demo", messageID: 2150)))
        #expect(forwards.contains(ForwardOrigin(chat: "hajun_demo", messageID: 3901)))
        #expect(forwards.contains(ForwardOrigin(chat: "rail_watch_demo", messageID: 315)))
        #expect(forwards.contains(ForwardOrigin(senderName: "Алесь")))
        // The forwarded originals are in the same feed, with the same text.
        for origin in forwards where origin.chat == "hajun_demo" {
            let original = result.reports.first { $0.chat == "hajun_demo" && $0.messageID == origin.messageID }
            let copy = result.reports.first { $0.forwardOrigin == origin }
            #expect(original != nil && original?.text == copy?.text)
        }
    }

    @Test func feedsShareIncidents() throws {
        let bot = try parse("hajun-bot-api.json").reports
        let rss = try parse("hajun-rss.xml").reports
        let atom = try parse("hajun-atom.xml").reports
        let lines = try parse("hajun-reports.jsonl").reports
        let export = try parse("hajun-export/result.json").reports
        // The same channel through RSSHub: the same post ids, the edited text.
        let lidaRSS = try #require(rss.first { $0.messageID == 3300 })
        #expect(lidaRSS.chat == "hajun_demo")
        #expect(lidaRSS.text.contains("24 платформы"))
        #expect(bot.last { $0.messageID == 3300 }?.text.contains("24 платформы") == true)
        // The same air_watch_demo post through the Bot API, Atom and JSON Lines.
        for reports in [atom, lines] {
            #expect(reports.contains { $0.chat == "air_watch_demo" && $0.messageID == 1208 })
        }
        // Exact copies across formats: the launch warning and the Mazyr convoy.
        let warning = try #require(bot.first { $0.messageID == 2150 }?.text)
        #expect(export.contains { $0.text == warning })
        #expect(lines.contains { $0.text == warning })
        let convoy = try #require(bot.first { $0.messageID == 2101 }?.text)
        #expect(export.contains { $0.text == convoy })
    }
}
