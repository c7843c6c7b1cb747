import Foundation
import Testing

@testable import HajunCore

@Suite("JSON Lines parser")
struct JSONLinesParserTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func fixture(_ name: String) throws -> FeedParseResult {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/formats/\(name)")))
        return FeedParser.parse(bytes, format: .jsonl, feed: "partner", origin: name)
    }

    @Test func readsEveryFieldOfTheSchema() throws {
        let result = try fixture("reports-mixed.jsonl")
        let first = result.reports[0]
        #expect(first.chat == "hajun_test")
        #expect(first.messageID == 1)
        #expect(first.postedAt == Timestamp(parsing: "2022-02-24T03:48:00Z"))
        #expect(first.text == "Мозырь: пуски ракет")
        #expect(first.url == "https://t.me/hajun_test/1")
        #expect(first.author == "Адмін")
        #expect(first.position == SourcePosition(line: 1, byteOffset: 0))
        #expect(first.feed == "partner")

        let edit = result.reports[1]
        #expect(edit.chat == first.chat && edit.messageID == first.messageID)
        #expect(edit.postedAt == Timestamp(secondsSince1970: 1_645_674_480))
        #expect(edit.editedAt == Timestamp(secondsSince1970: 1_645_674_780))
        #expect(edit.url == "https://t.me/hajun_test/1")  // made from chat and id
        #expect(edit.position.line == 4)

        let numeric = result.reports[2]
        #expect(numeric.chat == "-1001500000009")
        #expect(numeric.messageID == nil)
        #expect(numeric.url == nil)
        #expect(numeric.author == nil)
        #expect(numeric.editedAt == nil)
        #expect(numeric.postedAt == Timestamp(millisecondsSince1970: 1_645_674_480_250))

        #expect(result.reports[3].forwardOrigin == ForwardOrigin(chat: "hajun_test", messageID: 1))
        #expect(result.reports[4].forwardOrigin == ForwardOrigin(chat: "-100123", messageID: nil))
        #expect(result.reports.last?.text == "the last line is still read")
        #expect(result.reports.last?.position.line == 19)
        #expect(result.reports.count == 6)
    }

    @Test func eachBadLineIsAProblemNamingIt() throws {
        let result = try fixture("reports-mixed.jsonl")
        #expect(
            result.problems.map(\.message) == [
                "line 8: malformed JSON: unexpected end of input in the object that starts at line 8, byte 793 "
                    + "(truncated?)",
                "line 9: expected a report object, found an array",
                "line 10: the required key \"chat\" is missing",
                "line 11: the required key \"date\" is missing",
                "line 12: the required key \"text\" is missing",
                "line 13: \"date\" is not an RFC 3339 date-time: \"24.02.2022 04:00\"",
                "line 14: \"message_id\" must be an integer, found a string",
                "line 15: \"text\" is empty",
                "line 16: \"chat\" is empty",
                "line 17: \"chat\" must be a non-empty string (a username or a numeric id), found a boolean",
                "line 18: \"text\" must be a string, found a number",
            ])
        #expect(result.problems.map(\.position.line) == Array(8...18))
        #expect(result.problems.allSatisfy { $0.origin == "reports-mixed.jsonl" && $0.feed == "partner" })
    }

    @Test func positionsPointAtTheOffendingValue() throws {
        let text =
            "{\"chat\":\"a\",\"date\":1,\"text\":\"t\"}\n"
            + "{\"chat\":\"a\",\"date\":1,\"text\":\"t\",\"message_id\":1.5}\n"
        let bytes = Array(text.utf8)
        let result = FeedParser.parse(bytes, format: .jsonl, feed: "f", origin: "o")
        #expect(result.reports.count == 1)
        #expect(result.problems.count == 1)
        let problem = result.problems[0]
        #expect(problem.position.line == 2)
        #expect(problem.position.byteOffset == 33 + 45)
        #expect(
            problem.description
                == "feed 'f': o: line 2, byte 78: line 2: \"message_id\" must be an integer, found a number")
    }

    @Test func windowsLineEndingsAndAByteOrderMark() throws {
        let crlf = try fixture("reports-crlf.jsonl")
        #expect(crlf.problems.isEmpty)
        #expect(crlf.reports.map(\.text) == ["windows line", "second"])
        #expect(crlf.reports.map(\.position.line) == [1, 2])

        let bom = FeedParser.parse(
            [0xEF, 0xBB, 0xBF] + Array(#"{"chat":"a","date":"2022-01-01T00:00:00Z","text":"bom"}"#.utf8),
            format: .jsonl,
            feed: "f", origin: "o")
        #expect(bom.problems.isEmpty)
        #expect(bom.reports.first?.position == SourcePosition(line: 1, byteOffset: 3))
    }
}
