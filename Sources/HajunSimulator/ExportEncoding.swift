import HajunCore

/// Encodes a channel as a Telegram Desktop export `result.json` (pretty-printed with one-space indentation,
/// local times without a zone plus `date_unixtime`, text as a string or a mixed array with entity objects).
public enum ExportEncoding {
    public static func result(channel: SimulatedChannel, posts: [SimulatedPost]) -> [UInt8] {
        var json = JSONOutput(capacity: 1024 + posts.count * 600, indent: 1)
        json.beginObject()
        json.field("name", channel.title)
        json.field("type", "public_channel")
        json.field("id", exportID(channel))
        json.key("messages")
        json.beginArray()
        if let first = posts.first {
            // A pinned notice before the first post, as real exports carry service messages.
            json.element()
            json.beginObject()
            json.field("id", first.messageID - 1)
            json.field("type", "service")
            json.field("date", SimulatorDates.exportLocal(first.date))
            json.field("date_unixtime", String(first.date.secondsSince1970))
            json.field("actor", channel.title)
            json.field("actor_id", "channel\(exportID(channel))")
            json.field("action", "pin_message")
            json.field("message_id", first.messageID)
            json.field("text", "")
            json.key("text_entities")
            json.beginArray()
            json.endArray()
            json.endObject()
        }
        for post in posts {
            json.element()
            message(post, channel: channel, into: &json)
        }
        json.endArray()
        json.endObject()
        json.bytes.append(UInt8(ascii: "\n"))
        return json.bytes
    }

    /// The channel id as exports write it: without the Bot API's `-100` prefix.
    static func exportID(_ channel: SimulatedChannel) -> Int64 {
        -channel.id - 1_000_000_000_000
    }

    private static func message(_ post: SimulatedPost, channel: SimulatedChannel, into json: inout JSONOutput) {
        json.beginObject()
        json.field("id", post.messageID)
        json.field("type", "message")
        json.field("date", SimulatorDates.exportLocal(post.date))
        json.field("date_unixtime", String(post.date.secondsSince1970))
        if let edited = post.editDate {
            json.field("edited", SimulatorDates.exportLocal(edited))
            json.field("edited_unixtime", String(edited.secondsSince1970))
        }
        json.field("from", channel.title)
        json.field("from_id", "channel\(exportID(channel))")
        if let author = post.authorSignature { json.field("author", author) }
        if let origin = post.forwardOrigin {
            json.field("forwarded_from", origin.chat.title)
        }
        if post.hasPhoto {
            json.field("photo", "photos/photo_\(post.messageID)@\(SimulatorDates.exportFileStamp(post.date)).jpg")
            json.field("width", 1280)
            json.field("height", 960)
        }
        let segments = segments(of: post)
        json.key("text")
        if post.entities.isEmpty {
            json.string(post.text)
        } else {
            json.beginArray()
            for (type, text) in segments {
                json.element()
                if type == "plain" {
                    json.string(text)
                } else {
                    json.beginObject()
                    json.field("type", type)
                    json.field("text", text)
                    json.endObject()
                }
            }
            json.endArray()
        }
        json.key("text_entities")
        json.beginArray()
        for (type, text) in segments where !text.isEmpty {
            json.element()
            json.beginObject()
            json.field("type", type)
            json.field("text", text)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// The text cut at entity boundaries: `(type, text)` with `plain` between entities.
    static func segments(of post: SimulatedPost) -> [(String, String)] {
        let units = Array(post.text.utf16)
        var result: [(String, String)] = []
        var position = 0
        for entity in post.entities.sorted(by: { $0.offset < $1.offset }) where entity.offset >= position {
            if entity.offset > position {
                result.append(("plain", String(decoding: units[position..<entity.offset], as: UTF16.self)))
            }
            let end = min(units.count, entity.offset + entity.length)
            result.append((entity.type, String(decoding: units[entity.offset..<end], as: UTF16.self)))
            position = end
        }
        if position < units.count {
            result.append(("plain", String(decoding: units[position...], as: UTF16.self)))
        }
        return result
    }
}
