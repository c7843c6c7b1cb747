import Foundation
import Testing

@testable import HajunCore

/// The bad inputs issue 2 names, through every format: each gives a problem naming feed, origin and position,
/// never a trap, and the posts the format lets the parser reach still come out.
@Suite("Feed bad input")
struct FeedBadInputTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private static let concreteFormats: [FeedFormat] = [.telegramBotAPI, .telegramExport, .rss, .jsonl]

    private func bundled(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("feeds/\(path)")))
    }

    private func parse(_ bytes: [UInt8], _ format: FeedFormat) -> FeedParseResult {
        FeedParser.parse(bytes, format: format, feed: "bad", origin: "/srv/feeds/bad.input")
    }

    private func expectNamed(_ problem: FeedProblem) {
        #expect(problem.feed == "bad")
        #expect(problem.origin == "/srv/feeds/bad.input")
        #expect(problem.position.line != nil || problem.position.byteOffset != nil)
        #expect(problem.description.hasPrefix("feed 'bad': /srv/feeds/bad.input: "))
    }

    @Test(arguments: [FeedFormat.auto] + concreteFormats)
    func emptyInput(format: FeedFormat) {
        for bytes in [[], Array(" \n\t\r\n".utf8)] as [[UInt8]] {
            let result = parse(bytes, format)
            #expect(result.reports.isEmpty)
            #expect(result.problems.count == 1)
            #expect(result.problems[0].message.hasPrefix("empty input"))
            #expect(result.problems[0].position == SourcePosition(line: 1, byteOffset: 0))
            expectNamed(result.problems[0])
        }
    }

    @Test(arguments: [FeedFormat.auto] + concreteFormats)
    func randomBytesNeverTrap(format: FeedFormat) {
        var generator = SplitMix64(seed: 0x4841_4A55_4E44)  // fixed: the same bytes on every run
        for length in [1, 2, 7, 100, 4096, 65536] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let result = parse(bytes, format)
                #expect(!result.problems.isEmpty)
                result.problems.forEach(expectNamed)
            }
        }
    }

    /// A small deterministic generator (SplitMix64) for reproducible noise.
    private struct SplitMix64 {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func everyPrefixOfEveryBundledFeedIsHandled() throws {
        // Truncation at any byte: no trap, a positioned problem, and only posts that were complete.
        for (path, format) in [
            ("hajun-bot-api.json", FeedFormat.telegramBotAPI), ("hajun-export/result.json", .telegramExport),
            ("hajun-rss.xml", .rss), ("hajun-atom.xml", .rss), ("hajun-reports.jsonl", .jsonl),
        ] {
            let bytes = try bundled(path)
            let whole = parse(bytes, format)
            let wholeTexts = Set(whole.reports.map(\.text))
            for cut in stride(from: 1, to: bytes.count - 1, by: 97) {
                let result = parse(Array(bytes[..<cut]), format)
                #expect(result.reports.count <= whole.reports.count, "\(path) cut at \(cut)")
                result.problems.forEach(expectNamed)
                if format != .jsonl {
                    #expect(!result.problems.isEmpty, "\(path) cut at \(cut)")
                    #expect(result.reports.allSatisfy { wholeTexts.contains($0.text) }, "\(path) cut at \(cut)")
                }
            }
        }
    }

    @Test func truncatedFileGivesTheCutPosition() throws {
        let bytes = try bundled("hajun-bot-api.json")
        let cut = Array(bytes[..<(bytes.count / 2)])
        let result = parse(cut, .auto)
        #expect(result.format == .telegramBotAPI)
        #expect(result.reports.count > 5)
        #expect(result.problems.count == 1)
        let problem = result.problems[0]
        #expect(problem.position.byteOffset == cut.count)
        #expect(problem.position.line == cut.filter { $0 == 0x0A }.count + 1)
        #expect(problem.message.contains("truncated"))
    }

    @Test func malformedJSONInTheMiddle() throws {
        var bytes = try bundled("hajun-bot-api.json")
        let target = Array(#""update_id": 850000110"#.utf8)
        let at = try #require(bytes.firstRange(of: target))
        bytes[at.lowerBound + 11] = UInt8(ascii: ";")  // `"update_id"; 850000110`
        let result = parse(bytes, .auto)
        #expect(result.reports.count == 8)  // the updates before the damaged one
        #expect(result.problems.count == 1)
        #expect(result.problems[0].message == "malformed JSON: expected ':' after an object key, found ';'")
        #expect(result.problems[0].position.byteOffset == at.lowerBound + 11)
        expectNamed(result.problems[0])
    }

    @Test(arguments: concreteFormats)
    func invalidUTF8(format: FeedFormat) throws {
        let path = [
            FeedFormat.telegramBotAPI: "hajun-bot-api.json", .telegramExport: "hajun-export/result.json",
            .rss: "hajun-rss.xml", .jsonl: "hajun-reports.jsonl",
        ][format]!
        var bytes = try bundled(path)
        let whole = parse(bytes, format).reports.count
        // Break the last byte of a Cyrillic letter somewhere in the second half.
        let index = try #require((bytes.count / 2..<bytes.count).first { bytes[$0] == 0xD0 })
        bytes[index + 1] = 0x41
        let result = parse(bytes, format)
        let problem = try #require(result.problems.first)
        #expect(result.problems.count == 1)
        #expect(problem.message.contains("invalid UTF-8 (byte 0xD0)"), "\(problem)")
        #expect(problem.position.byteOffset == index)
        #expect(problem.position.line == bytes[..<index].filter { $0 == 0x0A }.count + 1)
        expectNamed(problem)
        #expect(result.reports.count < whole)
        if format == .jsonl {
            #expect(result.reports.count == whole - 1)  // only the damaged line is lost
        } else {
            #expect(result.reports.count > 0)  // the posts before the damage are kept
        }
    }

    @Test(arguments: concreteFormats)
    func aFiftyMegabytePostIsRefusedAndTheOthersGoOn(format: FeedFormat) {
        let huge = String(repeating: "Колонна техники. ", count: 50 * 1024 * 1024 / 31)
        #expect(huge.utf8.count > 50_000_000)
        let bytes: [UInt8]
        switch format {
        case .telegramBotAPI:
            bytes = Array(
                """
                {"ok":true,"result":[
                {"update_id":1,"channel_post":{"message_id":1,"chat":{"id":-1},"date":1,"text":"before"}},
                {"update_id":2,"channel_post":{"message_id":2,"chat":{"id":-1},"date":1,"text":"\(huge)"}},
                {"update_id":3,"channel_post":{"message_id":3,"chat":{"id":-1},"date":1,"text":"after"}}
                ]}
                """.utf8)
        case .telegramExport:
            bytes = Array(
                """
                {"name":"c","id":1,"messages":[
                {"id":1,"type":"message","date":"2022-01-01T00:00:00","text":"before"},
                {"id":2,"type":"message","date":"2022-01-01T00:00:00","text":["\(huge)",{"type":"bold","text":"x"}]},
                {"id":3,"type":"message","date":"2022-01-01T00:00:00","text":"after"}
                ]}
                """.utf8)
        case .rss:
            bytes = Array(
                """
                <rss><channel>
                <item><title>before</title><pubDate>Sat, 01 Jan 2022 00:00:00 GMT</pubDate></item>
                <item><description>\(huge)</description><pubDate>Sat, 01 Jan 2022 00:00:00 GMT</pubDate></item>
                <item><title>after</title><pubDate>Sat, 01 Jan 2022 00:00:00 GMT</pubDate></item>
                </channel></rss>
                """.utf8)
        default:
            bytes = Array(
                """
                {"chat":"c","date":1,"text":"before"}
                {"chat":"c","date":1,"text":"\(huge)"}
                {"chat":"c","date":1,"text":"after"}
                """.utf8)
        }
        let result = parse(bytes, format)
        #expect(result.reports.map(\.text) == ["before", "after"])
        #expect(result.problems.count == 1)
        let problem = result.problems[0]
        #expect(
            problem.position.line == (format == .telegramBotAPI || format == .telegramExport || format == .rss ? 3 : 2))
        #expect(problem.message.contains("over the limit"), "\(problem.message)")
        expectNamed(problem)
    }

    @Test func theLimitIsConfigurable() {
        let bytes = Array(
            "{\"chat\":\"c\",\"date\":1,\"text\":\"12345\"}\n{\"chat\":\"c\",\"date\":1,\"text\":\"123456\"}\n".utf8)
        let result = FeedParser.parse(
            bytes, format: .jsonl, feed: "f", origin: "o", limits: FeedLimits(maxPostBytes: 5))
        #expect(result.reports.map(\.text) == ["12345"])
        #expect(
            result.problems.map(\.message) == [
                "line 2: the text is 6 bytes, over the limit of 5 bytes per post; post skipped"
            ])
    }

    @Test func unknownFormat() {
        let result = parse(Array("%PDF-1.7\n%âãÏÓ".utf8), .auto)
        #expect(result.format == .auto)
        #expect(result.reports.isEmpty)
        #expect(result.problems.count == 1)
        #expect(result.problems[0].message.hasPrefix("cannot detect the feed format: the input starts with '%'"))
        expectNamed(result.problems[0])
    }

    @Test func theWrongExplicitFormat() throws {
        let rss = try bundled("hajun-rss.xml")
        for format in [FeedFormat.telegramBotAPI, .telegramExport] {
            let result = parse(rss, format)
            #expect(result.reports.isEmpty)
            #expect(result.problems.first?.message == "malformed JSON: expected a JSON value, found '<'")
        }
        let json = try bundled("hajun-bot-api.json")
        let asRSS = parse(json, .rss)
        #expect(asRSS.reports.isEmpty)
        #expect(asRSS.problems.first?.message == "malformed XML: text outside the root element")
        let asLines = parse(json, .jsonl)
        #expect(asLines.reports.isEmpty)
        #expect(asLines.problems.count > 100)  // every line of a pretty-printed document is refused, each named
        #expect(asLines.problems.first?.message.hasPrefix("line 1: malformed JSON") == true)
    }

    @Test func hostileNestingIsRefused() {
        let deep = Array(("{\"ok\":true,\"result\":" + String(repeating: "[", count: 1_000_000)).utf8)
        let result = parse(deep, .auto)
        #expect(result.problems.map(\.message) == ["malformed JSON: nesting deeper than 256 levels"])
    }
}
