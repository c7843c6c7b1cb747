import HajunCore

/// Encodes a post as one line of hajund's own JSON Lines report format (`docs/feeds.md`).
public enum JSONLinesEncoding {
    public static func line(_ post: SimulatedPost) -> [UInt8] {
        var json = JSONOutput(capacity: 512)
        json.beginObject()
        json.field("chat", post.chat.username)
        json.field("message_id", post.messageID)
        json.field("date", post.date.rfc3339)
        json.field("text", post.text)
        json.field("url", post.url)
        if let author = post.authorSignature { json.field("author", author) }
        if let edited = post.editDate { json.field("edited_at", edited.rfc3339) }
        if let origin = post.forwardOrigin {
            json.field("forward_from_chat", origin.chat.username)
            json.field("forward_from_message_id", origin.messageID)
        }
        json.endObject()
        json.bytes.append(UInt8(ascii: "\n"))
        return json.bytes
    }
}
