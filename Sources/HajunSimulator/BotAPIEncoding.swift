import HajunCore

/// Encodes posts as Telegram Bot API objects: `Update` with `channel_post` or `edited_channel_post`.
public enum BotAPIEncoding {
    /// The update type a post is delivered as (`channel_post`, or `edited_channel_post` for edits).
    public static func updateType(of post: SimulatedPost) -> String {
        post.isEdit ? "edited_channel_post" : "channel_post"
    }

    /// One `Update` object as compact JSON.
    public static func update(_ post: SimulatedPost, updateID: Int64) -> [UInt8] {
        var json = JSONOutput(capacity: 768)
        json.beginObject()
        json.field("update_id", updateID)
        json.key(updateType(of: post))
        message(post, into: &json)
        json.endObject()
        return json.bytes
    }

    static func message(_ post: SimulatedPost, into json: inout JSONOutput) {
        json.beginObject()
        json.field("message_id", post.messageID)
        json.key("sender_chat")
        chat(post.chat, into: &json)
        json.key("chat")
        chat(post.chat, into: &json)
        json.field("date", post.date.secondsSince1970)
        if let editDate = post.editDate { json.field("edit_date", editDate.secondsSince1970) }
        if let signature = post.authorSignature { json.field("author_signature", signature) }
        if let origin = post.forwardOrigin {
            json.key("forward_origin")
            json.beginObject()
            json.field("type", "channel")
            json.key("chat")
            chat(origin.chat, into: &json)
            json.field("message_id", origin.messageID)
            json.field("date", origin.date.secondsSince1970)
            if let signature = origin.authorSignature { json.field("author_signature", signature) }
            json.endObject()
        }
        if post.hasPhoto {
            json.key("photo")
            photoSizes(post, into: &json)
            json.field("caption", post.text)
            entities(post.entities, named: "caption_entities", into: &json)
        } else {
            json.field("text", post.text)
            entities(post.entities, named: "entities", into: &json)
        }
        json.endObject()
    }

    static func chat(_ channel: SimulatedChannel, into json: inout JSONOutput) {
        json.beginObject()
        json.field("id", channel.id)
        json.field("title", channel.title)
        json.field("username", channel.username)
        json.field("type", "channel")
        json.endObject()
    }

    private static func entities(_ entities: [SimulatedPost.Entity], named name: String, into json: inout JSONOutput) {
        guard !entities.isEmpty else { return }
        json.key(name)
        json.beginArray()
        for entity in entities {
            json.element()
            json.beginObject()
            json.field("offset", entity.offset)
            json.field("length", entity.length)
            json.field("type", entity.type)
            json.endObject()
        }
        json.endArray()
    }

    /// Two sizes of one photo, with file ids derived from the post so that they are stable.
    private static func photoSizes(_ post: SimulatedPost, into json: inout JSONOutput) {
        let base = fileID(post)
        json.beginArray()
        for (suffix, width, height, size) in [("AAM", 90, 67, 1_412), ("AAQ", 1280, 960, 97_348)] {
            json.element()
            json.beginObject()
            json.field("file_id", "AgACAgIAAx0C" + base + suffix)
            json.field("file_unique_id", "AQAD" + String(base.prefix(10)) + suffix)
            json.field("file_size", size + Int(post.messageID % 997))
            json.field("width", width)
            json.field("height", height)
            json.endObject()
        }
        json.endArray()
    }

    private static func fileID(_ post: SimulatedPost) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(post.chat.username)/\(post.messageID)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var id = ""
        for _ in 0..<24 {
            id.append(alphabet[Int(hash & 63)])
            hash = hash >> 6 | hash << 58
            hash = hash &* 0x9E37_79B9_7F4A_7C15
        }
        return id
    }
}
