/// Reads JSON Lines of hajund's report schema (`docs/feeds.md`): one object per line with `chat`, `date` and
/// `text`, optionally `message_id`, `url`, `author`, `edited_at`, `forward_from_chat` and
/// `forward_from_message_id`. Unknown keys are ignored; a bad line is a problem naming it and the others go on.
enum JSONLinesParser {
    /// The schema's keys, found in one pass over each line's object.
    private enum Field: Int, CaseIterable {
        case chat, messageID, date, text, editedAt, url, author, forwardFromChat, forwardFromMessageID

        var key: String {
            switch self {
            case .chat: return "chat"
            case .messageID: return "message_id"
            case .date: return "date"
            case .text: return "text"
            case .editedAt: return "edited_at"
            case .url: return "url"
            case .author: return "author"
            case .forwardFromChat: return "forward_from_chat"
            case .forwardFromMessageID: return "forward_from_message_id"
            }
        }
    }

    private static let fields = JSONKeyTable(Field.allCases.map(\.key))

    /// Why one line was refused.
    private struct LineProblem: Error {
        var offset: Int
        var message: String
    }

    static func parse(_ context: inout FeedParseContext) {
        let bytes = context.bytes
        // A report line is mostly its text; escapes can triple it. Longer lines are refused before parsing.
        let lineLimit = context.limits.maxPostBytes * 6 + 64 * 1024
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineNumber = 1
        while lineStart < bytes.count {
            let lineEnd = endOfLine(bytes, from: lineStart)
            var contentStart = lineStart
            var contentEnd = lineEnd
            while contentStart < contentEnd && FeedText.isWhitespace(bytes[contentStart]) { contentStart += 1 }
            while contentEnd > contentStart && FeedText.isWhitespace(bytes[contentEnd - 1]) { contentEnd -= 1 }
            if contentStart < contentEnd {
                let position = SourcePosition(line: lineNumber, byteOffset: contentStart)
                if contentEnd - contentStart > lineLimit {
                    context.problem(
                        at: position,
                        "line \(lineNumber) is \(contentEnd - contentStart) bytes, over the limit of \(lineLimit) "
                            + "bytes for one report; line skipped")
                } else {
                    do throws(LineProblem) {
                        let report = try readLine(
                            bytes, contentStart..<contentEnd, line: lineNumber, position: position, context.feed)
                        context.accept(report, label: "line \(lineNumber)")
                    } catch {
                        context.problem(
                            at: SourcePosition(line: lineNumber, byteOffset: error.offset),
                            "line \(lineNumber): \(error.message)")
                    }
                }
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
    }

    private static func endOfLine(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var index = start
            while index < buffer.count && buffer[index] != 0x0A { index += 1 }
            return index
        }
    }

    private static func readLine(
        _ bytes: [UInt8], _ range: Range<Int>, line: Int, position: SourcePosition, _ feed: String
    ) throws(LineProblem) -> Report {
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(bytes, in: range, firstLine: line)
        } catch {
            throw LineProblem(offset: error.byteOffset, message: "malformed JSON: \(error.message)")
        }
        let object = document.root
        guard object.kind == .object else {
            throw LineProblem(
                offset: range.lowerBound,
                message: "expected a report object, found \(BotAPIParser.describe(object.kind))")
        }
        let field = fields.members(of: object)
        guard let chatNode = field[Field.chat.rawValue] else { throw missing(.chat, object) }
        let chat: String
        if let id = chatNode.int64 {
            chat = String(id)
        } else if let name = chatNode.string {
            guard let normalized = normalizedChat(name) else {
                throw LineProblem(offset: chatNode.byteOffset, message: "\"chat\" is empty")
            }
            chat = normalized
        } else {
            throw wrongType(.chat, chatNode, "a non-empty string (a username or a numeric id)")
        }
        let messageID = try optionalInteger(.messageID, field)
        guard let dateNode = field[Field.date.rawValue] else { throw missing(.date, object) }
        let postedAt = try timestamp(.date, dateNode)
        guard let textNode = field[Field.text.rawValue] else { throw missing(.text, object) }
        guard let text = textNode.string else { throw wrongType(.text, textNode, "a string") }
        if FeedText.isBlank(text) {
            throw LineProblem(offset: textNode.byteOffset, message: "\"text\" is empty")
        }
        var editedAt: Timestamp?
        if let node = field[Field.editedAt.rawValue], !node.isNull {
            editedAt = try timestamp(.editedAt, node)
        }
        var url = try optionalString(.url, field)
        if url == nil, let messageID, chat.first?.isLetter == true {
            url = TelegramNames.postURL(username: chat, messageID: messageID)
        }
        var forward: ForwardOrigin?
        if let forwardChat = field[Field.forwardFromChat.rawValue], !forwardChat.isNull {
            let name = forwardChat.int64.map { String($0) } ?? forwardChat.string.flatMap(normalizedChat)
            guard let name else {
                throw wrongType(.forwardFromChat, forwardChat, "a username or a numeric id")
            }
            forward = ForwardOrigin(chat: name, messageID: try optionalInteger(.forwardFromMessageID, field))
        }
        return Report(
            feed: feed, chat: chat, messageID: messageID, url: url, postedAt: postedAt, editedAt: editedAt,
            text: text, author: try optionalString(.author, field), forwardOrigin: forward, position: position)
    }

    /// A username (without `@`, lowercased) or a numeric id kept as written.
    private static func normalizedChat(_ raw: String) -> String? {
        let trimmed = FeedText.trimmed(raw)
        if let id = Int64(trimmed) { return String(id) }
        return TelegramNames.username(trimmed)
    }

    /// RFC 3339 text, or Unix seconds (fractions kept to the millisecond).
    private static func timestamp(_ field: Field, _ node: JSONNode) throws(LineProblem) -> Timestamp {
        if let seconds = node.int64 { return Timestamp(secondsSince1970: seconds) }
        if node.kind == .number, let seconds = node.double, seconds.isFinite, abs(seconds) < 1e13 {
            return Timestamp(millisecondsSince1970: Int64(seconds * 1000 + (seconds < 0 ? -0.5 : 0.5)))
        }
        if let text = node.string {
            guard let time = Timestamp(parsing: text) else {
                throw LineProblem(
                    offset: node.byteOffset,
                    message: "\"\(field.key)\" is not an RFC 3339 date-time: "
                        + JSONEscaping.quoted(String(text.prefix(40))))
            }
            return time
        }
        throw wrongType(field, node, "an RFC 3339 string or Unix seconds")
    }

    private static func optionalInteger(_ key: Field, _ field: JSONKeyMatches) throws(LineProblem) -> Int64? {
        guard let node = field[key.rawValue], !node.isNull else { return nil }
        guard let value = node.int64 else { throw wrongType(key, node, "an integer") }
        return value
    }

    private static func optionalString(_ key: Field, _ field: JSONKeyMatches) throws(LineProblem) -> String? {
        guard let node = field[key.rawValue], !node.isNull else { return nil }
        guard let value = node.string else { throw wrongType(key, node, "a string") }
        return FeedText.nonBlank(value)
    }

    private static func missing(_ field: Field, _ object: JSONNode) -> LineProblem {
        LineProblem(offset: object.byteOffset, message: "the required key \"\(field.key)\" is missing")
    }

    private static func wrongType(_ field: Field, _ node: JSONNode, _ expected: String) -> LineProblem {
        LineProblem(
            offset: node.byteOffset,
            message: "\"\(field.key)\" must be \(expected), found \(BotAPIParser.describe(node.kind))")
    }
}
