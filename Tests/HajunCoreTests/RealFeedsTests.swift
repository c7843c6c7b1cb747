import Foundation
import Testing

@testable import HajunCore

/// Real samples from other projects (`../shared/real-feeds`, see its SOURCES.md): formats as other tools write
/// them, read in place and never copied into this repository.
@Suite("Real feeds")
struct RealFeedsTests {
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/real-feeds")

    private func parse(_ name: String) throws -> FeedParseResult {
        let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        return FeedParser.parse(bytes, format: .auto, feed: "real", origin: "../shared/real-feeds/\(name)")
    }

    @Test func everySampleIsDetectedAndReadWithoutProblems() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count >= 7)
        for name in names {
            let result = try parse(name)
            let expected: FeedFormat = name.hasPrefix("botapi-") ? .telegramBotAPI : .telegramExport
            #expect(result.format == expected, "\(name)")
            #expect(result.problems.isEmpty, "\(name): \(result.problems)")
            #expect(!result.reports.isEmpty, "\(name)")
            for report in result.reports {
                #expect(report.feed == "real")
                #expect(!report.chat.isEmpty)
                #expect(report.position.line != nil && report.position.byteOffset != nil)
            }
        }
    }

    @Test func aChannelPostAndItsEditShareChatAndMessageID() throws {
        let post = try #require(try parse("botapi-zanzara-1.json").reports.first)
        let edit = try #require(try parse("botapi-zanzara-2.json").reports.first)
        #expect(post.chat == "-4444444444444")  // no username: the numeric id
        #expect(post.messageID == 2)
        #expect(post.text == "Aaaaa")
        #expect(post.editedAt == nil)
        #expect(edit.chat == post.chat)
        #expect(edit.messageID == post.messageID)
        #expect(edit.postedAt == post.postedAt)
        #expect(edit.editedAt == Timestamp(secondsSince1970: 1_585_146_116))
        #expect(edit.text == "Editing channel post")
        #expect(try parse("botapi-zanzara-2.json").lastUpdateID == 52_259_613)
    }

    @Test func forwardOriginOfTypeUser() throws {
        let result = try parse("botapi-nutgram-1.json")
        let report = try #require(result.reports.first)
        #expect(report.forwardOrigin == ForwardOrigin(senderName: "Stickers"))
        #expect(report.text == "Ciao")
        #expect(report.author == "Mario")
        #expect(report.chat == "bros")
        #expect(report.url == nil)  // a private chat has no public post links
        #expect(result.lastUpdateID == 1)
    }

    @Test func utf16EntityOffsetsLeaveTheTextIntact() throws {
        let report = try #require(try parse("botapi-nutgram-2.json").reports.first)
        #expect(report.text == "test bold underline 😆👍 look here")
        #expect(report.text.utf16.count == 34)  // the entity offsets count UTF-16 units; the text is not cut by them
    }

    @Test func oldExportFormat() throws {
        let result = try parse("tgexport-tg2md-1.json")
        #expect(result.reports.compactMap(\.messageID) == [2, 4, 5, 9, 10, 11, 13, 14, 15, 21, 22, 23, 26])
        // A private channel, as the Bot API names it.
        #expect(result.reports.allSatisfy { $0.chat == "-1001292077344" })
        let formatted = try #require(result.reports.first { $0.messageID == 5 })
        #expect(formatted.text == "italic\n\nbold\n\nunderline\n\nstrikethrough\n\nmonospace")
        #expect(formatted.postedAt == Timestamp(parsing: "2020-11-12T12:58:18Z"))
        #expect(formatted.editedAt == Timestamp(parsing: "2020-11-12T13:03:00Z"))
        #expect(result.reports.first { $0.messageID == 14 }?.text == "text link\n\nexample.com\n\nexample@example.com")
        #expect(result.reports.first { $0.messageID == 21 }?.text == "тестирование utf-8.")
        // The album: three photos, only the first has text.
        #expect(result.reports.first { $0.messageID == 23 }?.text == "multiple photos")
    }

    @Test func newExportFormatWithForwardsAndDisagreeingEntities() throws {
        let chat = try parse("tgexport-chatstyle-1.json")
        #expect(chat.reports.first { $0.messageID == 3 }?.text == "смотри https://example.com/a круто")
        #expect(chat.reports.first { $0.messageID == 4 }?.text == "ну реально норм, @boris_k глянь")
        let forwardedByName = chat.reports.first { $0.messageID == 7 }
        #expect(forwardedByName?.forwardOrigin == ForwardOrigin(senderName: "Какой-то канал"))
        #expect(chat.reports.first { $0.messageID == 12 }?.text == "ладно))\nщас дойду")
        #expect(chat.reports.first { $0.messageID == 1 }?.postedAt == Timestamp(secondsSince1970: 1_682_942_460))
        #expect(chat.reports.compactMap(\.messageID) == [1, 2, 3, 4, 5, 7, 9, 11, 12])

        let wide = try parse("tgexport-tkonverter-1.json")
        let forwarded = try #require(wide.reports.first { $0.messageID == 2 })
        // channel500, as the Bot API names it.
        #expect(forwarded.forwardOrigin == ForwardOrigin(chat: "-1000000000500"))
        #expect(forwarded.editedAt == Timestamp(secondsSince1970: 1_769_936_580))
        #expect(wide.reports.first { $0.messageID == 1 }?.text == "Base text with entities")
    }

    @Test func theUnsupportedMessageWithoutADateIsSkipped() throws {
        let result = try parse("tgexport-tkonverter-1.json")
        #expect(result.problems.isEmpty)
        #expect(result.reports.last?.messageID == 86)
        #expect(!result.reports.contains { $0.messageID == 87 })
        #expect(result.reports.count == 11)  // 61 service messages and the media without text are skipped
    }
}
