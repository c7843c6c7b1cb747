/// How a channel dresses a report: an alert emoji in front, hashtags and its footer below.
struct PostDecoration {
    static let alertEmoji = ["❗️", "⚡️", "🔴", "⚠️", "🚨", "‼️", "✈️", "🚂", "📍"]

    var emoji: String?
    var hashtag: String?
    var footer: String?
    var boldFirstLine = false

    static func random(for channel: SimulatedChannel, hashtag: String?, _ random: inout SeededRandom) -> PostDecoration
    {
        PostDecoration(
            emoji: random.chance(0.45) ? random.pick(alertEmoji) : nil,
            hashtag: random.chance(0.3) ? hashtag : nil,
            footer: random.chance(0.6) ? channel.footer : nil,
            boldFirstLine: random.chance(0.2)
        )
    }

    /// The full text and its entities (UTF-16 offsets, as the Bot API counts them).
    func apply(to body: String) -> (text: String, entities: [SimulatedPost.Entity]) {
        var text = ""
        var entities: [SimulatedPost.Entity] = []
        if let emoji { text += emoji + " " }
        if boldFirstLine {
            let start = text.utf16.count
            text += body
            entities.append(SimulatedPost.Entity(type: "bold", offset: start, length: body.utf16.count))
        } else {
            text += body
        }
        if let hashtag {
            text += "\n\n"
            entities.append(
                SimulatedPost.Entity(type: "hashtag", offset: text.utf16.count, length: hashtag.utf16.count))
            text += hashtag
        }
        if let footer {
            text += "\n\n"
            if let at = footer.firstIndex(of: "@") {
                let mention = footer[at...]
                let offset = text.utf16.count + footer[..<at].utf16.count
                entities.append(SimulatedPost.Entity(type: "mention", offset: offset, length: mention.utf16.count))
            }
            text += footer
        }
        return (text, entities)
    }
}
