import HajunCore

/// Encodes ground truth as one JSON line per delivered post (`truth.jsonl`):
/// `{"chat","message_id","edit","date","incident","category","region","lang","kind"}`.
///
/// `edit` is true for a delivery that is an edit (Bot API `edited_channel_post`, a JSON Lines line with
/// `edited_at`); `date` is the post's own time.
public enum TruthEncoding {
    /// - Parameter edit: whether this delivery is an edit; defaults to whether the post is one. Formats that show
    ///   only a message's final state (exports, RSS) pass false.
    public static func line(_ post: SimulatedPost, edit: Bool? = nil) -> [UInt8] {
        var json = JSONOutput(capacity: 256)
        json.beginObject()
        json.field("chat", post.chat.username)
        json.field("message_id", post.messageID)
        json.field("edit", edit ?? post.isEdit)
        json.field("date", post.date.rfc3339)
        json.field("incident", post.truth.incident)
        json.field("category", post.truth.category.rawValue)
        json.field("region", orNull: post.truth.region?.rawValue)
        json.field("lang", post.truth.language.rawValue)
        json.field("kind", post.truth.kind.rawValue)
        json.endObject()
        json.bytes.append(UInt8(ascii: "\n"))
        return json.bytes
    }
}
