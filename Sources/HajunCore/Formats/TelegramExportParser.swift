/// Reads a Telegram Desktop export (`result.json` of a channel or chat), old format and new.
///
/// Takes messages of `type: "message"` with text; service messages, `unsupported` placeholders and media
/// without caption carry nothing to judge and are skipped without a problem. `text` may be a string or an array
/// of strings and entity objects, which is flattened (`text_entities` is ignored: `text` is the source).
enum TelegramExportParser {
    /// The message fields hajund reads, found in one pass over each message.
    private enum Field: Int, CaseIterable {
        case type, id, text, dateUnixtime, date, editedUnixtime, edited, author, from, forwardedFrom, forwardedFromID

        var key: String {
            switch self {
            case .type: return "type"
            case .id: return "id"
            case .text: return "text"
            case .dateUnixtime: return "date_unixtime"
            case .date: return "date"
            case .editedUnixtime: return "edited_unixtime"
            case .edited: return "edited"
            case .author: return "author"
            case .from: return "from"
            case .forwardedFrom: return "forwarded_from"
            case .forwardedFromID: return "forwarded_from_id"
            }
        }
    }

    private static let fields = JSONKeyTable(Field.allCases.map(\.key))

    static func parse(_ context: inout FeedParseContext) {
        let (document, error) = JSONDocument.parsePrefix(context.bytes)
        if let error { context.problem(error) }
        guard let root = document?.root else { return }
        guard root.kind == .object, let messages = root["messages"], messages.kind == .array else {
            context.problem(
                at: root.byteOffset, "not a Telegram Desktop export: expected an object with a \"messages\" array")
            return
        }
        // Exports name the chat but rarely its username; some tools add one.
        let username = root["username"]?.string.flatMap(TelegramNames.username)
        let chatID = root["id"]?.int64.map { TelegramNames.botAPIChatID(exportID: $0, type: root["type"]?.string) }
        let chat =
            TelegramNames.chat(username: username, id: chatID)
            ?? FeedText.nonBlank(root["name"]?.string) ?? context.feed
        var number = 0
        for message in messages.elements {
            number += 1
            guard message.isComplete else { break }  // cut off: the syntax problem above covers it
            guard message.kind == .object else {
                context.problem(
                    at: message.byteOffset,
                    "message #\(number) is \(BotAPIParser.describe(message.kind)), not an object")
                continue
            }
            let field = fields.members(of: message)
            if let type = field[Field.type.rawValue], !type.isString("message") { continue }
            readMessage(message, field, number: number, chat: chat, username: username, &context)
        }
    }

    private static func readMessage(
        _ message: JSONNode, _ field: JSONKeyMatches, number: Int, chat: String, username: String?,
        _ context: inout FeedParseContext
    ) {
        guard let text = flatten(field[Field.text.rawValue]), !FeedText.isBlank(text) else { return }
        guard let id = field[Field.id.rawValue]?.int64 else {
            context.problem(at: message.byteOffset, "message #\(number) has no integer \"id\"")
            return
        }
        guard let postedAt = timestamp(unix: field[Field.dateUnixtime.rawValue], local: field[Field.date.rawValue])
        else {
            context.problem(
                at: message.byteOffset, "message \(id) has no valid date (\"date_unixtime\" or \"date\")")
            return
        }
        let report = Report(
            feed: context.feed,
            chat: chat,
            messageID: id,
            url: username.map { TelegramNames.postURL(username: $0, messageID: id) },
            postedAt: postedAt,
            editedAt: timestamp(unix: field[Field.editedUnixtime.rawValue], local: field[Field.edited.rawValue]),
            text: text,
            author: FeedText.nonBlank(field[Field.author.rawValue]?.string)
                ?? FeedText.nonBlank(field[Field.from.rawValue]?.string),
            forwardOrigin: forwardOrigin(field),
            position: context.position(at: message.byteOffset))
        context.accept(report, label: "message \(id)")
    }

    /// A string, or the concatenation of an array's strings and its entity objects' `text`.
    static func flatten(_ node: JSONNode?) -> String? {
        guard let node else { return nil }
        switch node.kind {
        case .string:
            return node.string
        case .array:
            var text = ""
            for part in node.elements {
                if let string = part.string {
                    text += string
                } else if let string = part["text"]?.string {
                    text += string
                }
            }
            return text
        default:
            return nil
        }
    }

    /// `date_unixtime` (seconds as a string or a number), else `date`: local time without a zone, which the
    /// export does not record, read as UTC.
    private static func timestamp(unix: JSONNode?, local: JSONNode?) -> Timestamp? {
        if let unix {
            if let seconds = unix.int64 ?? unix.string.flatMap({ Int64($0) }) {
                return Timestamp(secondsSince1970: seconds)
            }
        }
        return local?.string.flatMap { Timestamp(parsing: $0) }
    }

    /// `forwarded_from` (a display name) with `forwarded_from_id` (`channel500`, `user123`) when present.
    private static func forwardOrigin(_ field: JSONKeyMatches) -> ForwardOrigin? {
        let name = FeedText.nonBlank(field[Field.forwardedFrom.rawValue]?.string)
        let id = field[Field.forwardedFromID.rawValue]?.string
        guard name != nil || id != nil else { return nil }
        if let id, id.hasPrefix("channel"), let number = Int64(id.dropFirst("channel".count)) {
            return ForwardOrigin(chat: String(TelegramNames.botAPIChatID(exportID: number, type: "public_channel")))
        }
        if let id, id.hasPrefix("chat"), let number = Int64(id.dropFirst("chat".count)) {
            return ForwardOrigin(chat: String(TelegramNames.botAPIChatID(exportID: number, type: "private_group")))
        }
        return ForwardOrigin(senderName: name ?? id)
    }
}
