import Foundation
import HajunCore
import HajunSimulator
import HajunTestSupport
import Testing

@Suite("Simulator corpus formats and truth")
struct CorpusFormatTests {
    struct Key: Hashable {
        var chat: String
        var messageID: Int64
        var edit: Bool
    }

    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func truth(_ directory: TemporaryDirectory) throws -> [JSONValue] {
        try String(decoding: read(directory.path + "/truth.jsonl"), as: UTF8.self)
            .split(separator: "\n").map { try JSONValue(parsing: String($0)) }
    }

    static func truthKeys(_ lines: [JSONValue]) -> [Key] {
        lines.map {
            Key(chat: $0["chat"]!.stringValue!, messageID: $0["message_id"]!.int64Value!, edit: $0["edit"]!.boolValue!)
        }
    }

    @Test("Bot API: every update is a channel post or an edit, in truth order, with forwards and entities intact")
    func botAPI() async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            let summary = try CorpusWriter.write(
                CorpusConfiguration(seed: 11, maximumPosts: 3000), format: .telegramBotAPI, to: directory.path)
            let json = try JSONValue(parsing: CorpusFormatTests.read(directory.path + "/updates.json"))
            #expect(json["ok"]?.boolValue == true)
            guard case .array(let updates)? = json["result"] else {
                Issue.record("no result array")
                return
            }
            #expect(updates.count == summary.posts + summary.edits)
            #expect(summary.edits > 0)
            var keys: [Key] = []
            var forwards = 0
            for update in updates {
                let edited = update["edited_channel_post"]
                guard let message = update["channel_post"] ?? edited else {
                    Issue.record("update without a channel post: \(update.jsonText.prefix(200))")
                    continue
                }
                #expect(message["chat"]?["type"]?.stringValue == "channel")
                #expect(message["chat"]?["id"]?.int64Value.map { $0 < -1_000_000_000_000 } == true)
                #expect(message["date"]?.int64Value != nil)
                #expect((edited != nil) == (message["edit_date"] != nil))
                let text = message["text"]?.stringValue ?? message["caption"]?.stringValue
                #expect(text?.isEmpty == false)
                if message["caption"] != nil { #expect(message["photo"]?[0]?["file_id"] != nil) }
                if let origin = message["forward_origin"] {
                    forwards += 1
                    #expect(origin["type"]?.stringValue == "channel")
                    #expect(origin["chat"]?["username"]?.stringValue != nil)
                    #expect(origin["message_id"]?.int64Value != nil)
                }
                if case .array(let entities)? = message["entities"] ?? message["caption_entities"], let text {
                    let units = Array(text.utf16)
                    for entity in entities {
                        let offset = Int(entity["offset"]!.int64Value!)
                        let length = Int(entity["length"]!.int64Value!)
                        #expect(offset + length <= units.count)
                        let covered = String(decoding: units[offset..<(offset + length)], as: UTF16.self)
                        if entity["type"]?.stringValue == "hashtag" { #expect(covered.hasPrefix("#")) }
                        if entity["type"]?.stringValue == "mention" { #expect(covered.hasPrefix("@")) }
                    }
                }
                keys.append(
                    Key(
                        chat: message["chat"]!["username"]!.stringValue!, messageID: message["message_id"]!.int64Value!,
                        edit: edited != nil)
                )
            }
            #expect(forwards > 0)
            #expect(keys == CorpusFormatTests.truthKeys(try CorpusFormatTests.truth(directory)))
        }
    }

    @Test("JSON Lines: one line per delivery with hajund's report fields, in truth order")
    func jsonLines() async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            _ = try CorpusWriter.write(
                CorpusConfiguration(seed: 12, maximumPosts: 2000), format: .jsonl, to: directory.path)
            let lines = String(decoding: try CorpusFormatTests.read(directory.path + "/reports.jsonl"), as: UTF8.self)
                .split(separator: "\n").map { try! JSONValue(parsing: String($0)) }
            var keys: [Key] = []
            for line in lines {
                let chat = line["chat"]!.stringValue!
                let id = line["message_id"]!.int64Value!
                #expect(Timestamp(parsing: line["date"]!.stringValue!) != nil)
                #expect(line["text"]?.stringValue?.isEmpty == false)
                #expect(line["url"]?.stringValue == "https://t.me/\(chat)/\(id)")
                if let forwardChat = line["forward_from_chat"] {
                    #expect(forwardChat.stringValue != chat)
                    #expect(line["forward_from_message_id"]?.int64Value != nil)
                }
                keys.append(Key(chat: chat, messageID: id, edit: line["edited_at"] != nil))
            }
            #expect(keys.contains { $0.edit })
            #expect(keys == CorpusFormatTests.truthKeys(try CorpusFormatTests.truth(directory)))
        }
    }

    @Test("Telegram Desktop export: one result.json per channel, each post once with its edits applied")
    func export() async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            let configuration = CorpusConfiguration(seed: 13, maximumPosts: 2000)
            let summary = try CorpusWriter.write(configuration, format: .telegramExport, to: directory.path)
            #expect(summary.files.dropLast() == SimulatedChannel.defaults.map { $0.username + "/result.json" })
            var keys: Set<Key> = []
            var mixedText = 0
            for channel in SimulatedChannel.defaults {
                let json = try JSONValue(
                    parsing: CorpusFormatTests.read((directory.path + "/" + channel.username + "/result.json")))
                #expect(json["name"]?.stringValue == channel.title)
                #expect(json["type"]?.stringValue == "public_channel")
                guard case .array(let messages)? = json["messages"] else {
                    Issue.record("no messages for \(channel.username)")
                    continue
                }
                for message in messages where message["type"]?.stringValue == "message" {
                    #expect(message["date"]?.stringValue?.count == 19)
                    #expect(message["date_unixtime"]?.stringValue.flatMap { Int64($0) } != nil)
                    if case .array(let parts)? = message["text"] {
                        mixedText += 1
                        #expect(parts.contains { $0.stringValue == nil && $0["type"] != nil })
                    }
                    keys.insert(Key(chat: channel.username, messageID: message["id"]!.int64Value!, edit: false))
                }
            }
            #expect(mixedText > 0)
            let truth = CorpusFormatTests.truthKeys(try CorpusFormatTests.truth(directory))
            #expect(truth.count == keys.count)
            #expect(Set(truth) == keys)
            #expect(summary.posts == 2000)
        }
    }

    @Test("RSS: one RSSHub-style feed per channel whose items are the truth's posts")
    func rss() async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            _ = try CorpusWriter.write(
                CorpusConfiguration(seed: 14, maximumPosts: 1500), format: .rss, to: directory.path)
            var keys: Set<Key> = []
            for channel in SimulatedChannel.defaults {
                let xml = String(
                    decoding: try CorpusFormatTests.read((directory.path + "/" + channel.username + ".xml")),
                    as: UTF8.self)
                #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss"))
                #expect(xml.hasSuffix("</rss>\n"))
                let items = xml.components(separatedBy: "<item>").dropFirst()
                for item in items {
                    #expect(item.contains("<pubDate>") && item.contains("GMT</pubDate>"))
                    guard let start = item.range(of: "<guid isPermaLink=\"false\">https://t.me/"),
                        let end = item.range(of: "</guid>")
                    else {
                        Issue.record("item without guid")
                        continue
                    }
                    let path = item[start.upperBound..<end.lowerBound].split(separator: "/")
                    #expect(String(path[0]) == channel.username)
                    keys.insert(Key(chat: String(path[0]), messageID: Int64(path[1])!, edit: false))
                }
            }
            let truth = CorpusFormatTests.truthKeys(try CorpusFormatTests.truth(directory))
            #expect(Set(truth) == keys)
            #expect(truth.count == keys.count)
        }
    }

    @Test("truth lines name incident, category, region and language with valid values")
    func truthValues() async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            _ = try CorpusWriter.write(
                CorpusConfiguration(seed: 15, maximumPosts: 500), format: .jsonl, to: directory.path)
            for line in try CorpusFormatTests.truth(directory) {
                #expect(line["incident"]?.stringValue?.isEmpty == false)
                #expect(Category(rawValue: line["category"]?.stringValue ?? "") != nil)
                #expect(line["region"]?.isNull == true || Region(rawValue: line["region"]?.stringValue ?? "") != nil)
                #expect(Language(rawValue: line["lang"]?.stringValue ?? "") != nil)
                #expect(GroundTruth.Kind(rawValue: line["kind"]?.stringValue ?? "") != nil)
            }
        }
    }
}
