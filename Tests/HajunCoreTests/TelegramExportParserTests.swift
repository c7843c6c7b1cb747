import Foundation
import Testing

@testable import HajunCore

@Suite("Telegram export parser")
struct TelegramExportParserTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func fixture() throws -> FeedParseResult {
        let bytes = [UInt8](
            try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/formats/export-mixed.json")))
        return FeedParser.parse(bytes, format: .telegramExport, feed: "archive", origin: "export-mixed.json")
    }

    @Test func flattensMixedTextArraysAndIgnoresTextEntities() throws {
        let result = try fixture()
        let first = try #require(result.reports.first)
        #expect(first.messageID == 2)
        #expect(first.text == "Ліда, 09:05. На аэрадроме шэсць Су-25, падрабязнасці тут. #авіяцыя ✈️")
        // An export has no username: the channel's id as the Bot API spells it.
        #expect(first.chat == "-1001700000009")
        #expect(first.url == nil)
        #expect(first.author == "Тэставы канал")
        #expect(first.postedAt == Timestamp(secondsSince1970: 1_646_114_700))
        #expect(first.feed == "archive")
    }

    @Test func datesEditsSignaturesAndTheOldFormat() throws {
        let result = try fixture()
        let byID = Dictionary(uniqueKeysWithValues: result.reports.compactMap { r in r.messageID.map { ($0, r) } })
        let edited = try #require(byID[3])
        #expect(edited.postedAt == Timestamp(secondsSince1970: 1_646_118_000))
        #expect(edited.editedAt == Timestamp(secondsSince1970: 1_646_118_420))
        #expect(edited.author == "Рэдактар")
        // Old exports carry only a local time without zone; it is read as UTC.
        #expect(byID[4]?.postedAt == Timestamp(parsing: "2022-03-01T11:00:00Z"))
        #expect(byID[4]?.author == "Тэставы канал")
    }

    @Test func albumsServiceUnsupportedAndEmptyMessagesAreSkipped() throws {
        let result = try fixture()
        #expect(result.reports.compactMap(\.messageID) == [2, 3, 4, 5, 7, 8, 12])
        #expect(result.reports.first { $0.messageID == 5 }?.text == "Album caption on the first photo")
    }

    @Test func forwards() throws {
        let result = try fixture()
        #expect(result.reports.first { $0.messageID == 7 }?.forwardOrigin == ForwardOrigin(chat: "-1001500000002"))
        #expect(result.reports.first { $0.messageID == 8 }?.forwardOrigin == ForwardOrigin(senderName: "Пётр"))
        #expect(result.reports.first { $0.messageID == 2 }?.forwardOrigin == nil)
    }

    @Test func brokenMessagesAreProblemsAndTheRestIsRead() throws {
        let result = try fixture()
        #expect(
            result.problems.map(\.message) == [
                "message 9 has no valid date (\"date_unixtime\" or \"date\")",
                "message #11 has no integer \"id\"",
                "message #12 is a string, not an object",
            ])
        #expect(result.problems.allSatisfy { $0.origin == "export-mixed.json" && $0.feed == "archive" })
        #expect(result.problems.allSatisfy { ($0.position.line ?? 0) > 1 && ($0.position.byteOffset ?? 0) > 0 })
        #expect(result.reports.last?.text == "Last one: still read after the bad messages above.")
    }

    @Test func aTruncatedExportKeepsTheMessagesBeforeTheCut() throws {
        let bytes = [UInt8](
            try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/formats/export-mixed.json")))
        let cut = Array(bytes[..<Array(bytes).firstRange(of: Array("Forwarded from a person".utf8))!.lowerBound])
        let result = FeedParser.parse(cut, format: .telegramExport, feed: "archive", origin: "cut.json")
        #expect(result.reports.compactMap(\.messageID) == [2, 3, 4, 5, 7])
        #expect(result.problems.count == 1)
        #expect(result.problems[0].message.contains("unexpected end of input"))
        #expect(result.problems[0].position.byteOffset == cut.count)
    }

    @Test func namesAndUsernames() {
        let exported =
            #"{"name":"X","username":"@Hajun_BY","id":5,"messages":"#
            + #"[{"id":1,"type":"message","date":"2022-01-01T00:00:00","text":"t"}]}"#
        let withUsername = FeedParser.parse(Array(exported.utf8), format: .telegramExport, feed: "f", origin: "o")
        #expect(withUsername.reports.first?.chat == "hajun_by")
        #expect(withUsername.reports.first?.url == "https://t.me/hajun_by/1")
        let nameOnly = FeedParser.parse(
            Array(
                #"{"name":"Some chat","messages":[{"id":1,"type":"message","date":"2022-01-01T00:00:00","text":"t"}]}"#
                    .utf8),
            format: .telegramExport, feed: "f", origin: "o")
        #expect(nameOnly.reports.first?.chat == "Some chat")
    }

    @Test func notAnExport() {
        let result = FeedParser.parse(
            Array(#"{"name":"x","messages":{}}"#.utf8), format: .telegramExport, feed: "f", origin: "o")
        #expect(result.reports.isEmpty)
        #expect(
            result.problems.map(\.message) == [
                "not a Telegram Desktop export: expected an object with a \"messages\" array"
            ])
    }
}
