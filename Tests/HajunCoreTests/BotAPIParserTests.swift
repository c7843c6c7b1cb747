import Foundation
import Testing

@testable import HajunCore

@Suite("Bot API parser")
struct BotAPIParserTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/formats/\(name)")))
    }

    private func parse(_ text: String) -> FeedParseResult {
        FeedParser.parse(Array(text.utf8), format: .telegramBotAPI, feed: "bot", origin: "test.json")
    }

    @Test func readsTelegramStyleEscapedResponse() throws {
        let result = FeedParser.parse(
            try fixture("botapi-escaped.json"), format: .telegramBotAPI, feed: "bot", origin: "botapi-escaped.json")
        #expect(result.problems.isEmpty)
        #expect(result.format == .telegramBotAPI)
        #expect(result.lastUpdateID == 700008)
        // 8 updates: a pinned-message service post and a callback query carry no text.
        #expect(result.reports.count == 6)

        let post = result.reports[0]
        #expect(post.feed == "bot")
        #expect(post.chat == "hajun_test")  // usernames are case-insensitive: lowercased
        #expect(post.messageID == 501)
        #expect(post.url == "https://t.me/hajun_test/501")
        #expect(post.postedAt == Timestamp(secondsSince1970: 1_645_675_200))
        #expect(post.editedAt == nil)
        #expect(post.text == "🚀 Мазыр: запуск ракет «Іскандэр» у бок Украіны")
        #expect(post.position.line == 1)
        #expect(post.position.byteOffset == 21)

        let edit = result.reports[1]
        #expect(edit.chat == post.chat)
        #expect(edit.messageID == post.messageID)
        #expect(edit.postedAt == post.postedAt)
        #expect(edit.editedAt == Timestamp(secondsSince1970: 1_645_675_500))
        #expect(edit.text.contains("два запускі"))

        #expect(result.reports[2].text == "Фота: Су-34 над Баранавічамі")  // a caption

        let repost = result.reports[3]
        #expect(repost.forwardOrigin == ForwardOrigin(chat: "group_test"))

        let legacyUser = result.reports[4]
        #expect(legacyUser.chat == "-1001700000004")  // a group without a username
        #expect(legacyUser.url == nil)
        #expect(legacyUser.author == "Аліна")
        #expect(legacyUser.forwardOrigin == ForwardOrigin(senderName: "Віктар К."))
        #expect(result.reports[5].forwardOrigin == ForwardOrigin(senderName: "Hidden Person"))
    }

    @Test func forwardOriginOfEveryKind() {
        let result = parse(
            """
            [
             {"update_id": 1, "channel_post": {"message_id": 10, "chat": {"id": -1001, "username": "Repost",
              "type": "channel"},
              "date": 1700000000, "text": "a", "forward_origin": {"type": "channel", "chat": {"id": -1002,
               "username": "Hajun_BY",
              "type": "channel"}, "message_id": 555, "date": 1699999000, "author_signature": "Admin"}}},
             {"update_id": 2, "channel_post": {"message_id": 11, "chat": {"id": -1001, "type": "channel"},
              "date": 1700000000,
              "text": "b", "forward_origin": {"type": "channel", "chat": {"id": -1003, "type": "channel"},
               "message_id": 7, "date": 1}}},
             {"update_id": 3, "message": {"message_id": 12, "chat": {"id": 5, "type": "private"}, "date": 1700000000,
              "text": "c",
              "forward_origin": {"type": "user", "sender_user": {"id": 9, "is_bot": false, "first_name": "Ann",
               "last_name": "Lee"}, "date": 1}}},
             {"update_id": 4, "message": {"message_id": 13, "chat": {"id": 5, "type": "private"}, "date": 1700000000,
              "text": "d",
              "forward_origin": {"type": "hidden_user", "sender_user_name": "Someone", "date": 1}}},
             {"update_id": 5, "message": {"message_id": 14, "chat": {"id": 5, "type": "private"}, "date": 1700000000,
              "text": "e",
              "forward_origin": {"type": "chat", "sender_chat": {"id": -1009, "username": "a_group",
               "type": "supergroup"}, "date": 1}}},
             {"update_id": 6, "channel_post": {"message_id": 15, "chat": {"id": -1001, "type": "channel"},
              "date": 1700000000, "text": "f",
              "forward_from_chat": {"id": -1004, "username": "Old_Style", "type": "channel"},
               "forward_from_message_id": 99}},
             {"update_id": 7, "channel_post": {"message_id": 16, "chat": {"id": -1001, "type": "channel"},
              "date": 1700000000, "text": "g",
              "forward_origin": {"type": "some_future_type", "date": 1}}}
            ]
            """)
        #expect(result.problems.isEmpty)
        #expect(
            result.reports.map(\.forwardOrigin) == [
                ForwardOrigin(chat: "hajun_by", messageID: 555),
                ForwardOrigin(chat: "-1003", messageID: 7),
                ForwardOrigin(senderName: "Ann Lee"),
                ForwardOrigin(senderName: "Someone"),
                ForwardOrigin(chat: "a_group"),
                ForwardOrigin(chat: "old_style", messageID: 99),
                nil,
            ])
        #expect(result.lastUpdateID == 7)
    }

    @Test func acceptsASingleUpdateAndAnEmptyResult() {
        let single = parse(
            #"{"update_id": 9, "edited_message": {"message_id": 1, "#
                + #""chat": {"id": 2, "type": "group", "username": "g"}, "#
                + #""date": 5, "edit_date": 6, "text": "x", "author_signature": "Sig"}}"#
        )
        #expect(single.reports.count == 1)
        #expect(single.reports.first?.editedAt == Timestamp(secondsSince1970: 6))
        #expect(single.reports.first?.author == "Sig")
        #expect(single.reports.first?.url == "https://t.me/g/1")
        #expect(single.lastUpdateID == 9)

        let empty = parse(#"{"ok": true, "result": []}"#)
        #expect(empty.reports.isEmpty)
        #expect(empty.problems.isEmpty)
        #expect(empty.lastUpdateID == nil)
    }

    @Test func anErrorResponseIsAProblem() {
        let result = parse(
            #"{"ok": false, "error_code": 409, "description": "Conflict: terminated by other getUpdates request"}"#)
        #expect(result.reports.isEmpty)
        #expect(result.problems.count == 1)
        let problem = result.problems[0]
        #expect(problem.feed == "bot")
        #expect(problem.origin == "test.json")
        #expect(
            problem.message == "the Bot API answered with error 409: Conflict: terminated by other getUpdates request")
        #expect(problem.position == SourcePosition(line: 1, byteOffset: 0))
    }

    @Test func skipsUpdatesWithoutTextQuietly() {
        let result = parse(
            """
            {"ok": true, "result": [
              {"update_id": 1, "channel_post": {"message_id": 1, "chat": {"id": -1, "type": "channel"}, "date": 1,
               "sticker": {"file_id": "s"}}},
              {"update_id": 2, "channel_post": {"message_id": 2, "chat": {"id": -1, "type": "channel"}, "date": 1,
               "text": "   "}},
              {"update_id": 3, "channel_post": {"message_id": 3, "chat": {"id": -1, "type": "channel"}, "date": 1,
               "text": 42}},
              {"update_id": 4, "my_chat_member": {"chat": {"id": -1}}},
              {"update_id": 5, "poll": {"id": "p"}}
            ]}
            """)
        #expect(result.reports.isEmpty)
        #expect(result.problems.isEmpty)
        #expect(result.lastUpdateID == 5)
    }

    @Test func aBrokenUpdateIsAProblemAndTheOthersGoOn() {
        let result = parse(
            """
            {"ok": true, "result": [
              {"update_id": 1, "channel_post": {"chat": {"id": -1, "type": "channel"}, "date": 1, "text": "no id"}},
              {"update_id": 2, "channel_post": {"message_id": 2, "date": 1, "text": "no chat"}},
              {"update_id": 3, "channel_post": {"message_id": 3, "chat": {"id": -1, "type": "channel"},
               "text": "no date"}},
              "not an update",
              {"update_id": 5, "channel_post": [1, 2]},
              {"update_id": 6, "channel_post": {"message_id": 6, "chat": {"id": -1, "type": "channel"}, "date": 1,
               "text": "fine"}}
            ]}
            """)
        #expect(result.reports.map(\.text) == ["fine"])
        #expect(result.lastUpdateID == 6)
        #expect(
            result.problems.map(\.message) == [
                "update 1: channel_post has no integer \"message_id\"",
                "update 2: channel_post 2 has no chat with an \"id\"",
                "update 3: channel_post 3 has no integer \"date\"",
                "update #4 is a string, not an object",
                "update 5: \"channel_post\" is an array",
            ])
        #expect(result.problems.map { $0.position.line } == [2, 3, 4, 6, 7])
    }

    @Test func shapesThatAreNotResponses() {
        #expect(parse(#"{"ok": true}"#).problems.first?.message.hasPrefix("not a Bot API response") == true)
        #expect(
            parse(#"{"ok": true, "result": {"update_id": 1}}"#).problems.first?.message
                == "\"result\" is an object, not an array of updates")
        #expect(
            parse(#""hello""#).problems.first?.message
                == "not a Bot API response: the top-level value is a string")
    }

    @Test func aTruncatedResponseKeepsTheCompleteUpdates() {
        let text = """
            {"ok":true,"result":[
            {"update_id":1,"channel_post":{"message_id":1,"chat":{"id":-1,"type":"channel"},"date":1,"text":"one"}},
            {"update_id":2,"channel_post":{"message_id":2,"chat":{"id":-1,"type":"channel"},"date":1,"text":"two"}},
            {"update_id":3,"channel_post":{"message_id":3,"chat":{"id":-1,"type":"channel"},"date":1,"text":"thr
            """
        let result = parse(text)
        #expect(result.reports.map(\.text) == ["one", "two"])
        #expect(result.lastUpdateID == 2)
        #expect(result.problems.count == 1)
        #expect(result.problems[0].position.line == 4)
        #expect(result.problems[0].message.hasPrefix("malformed JSON: unexpected end of input"))
    }
}
