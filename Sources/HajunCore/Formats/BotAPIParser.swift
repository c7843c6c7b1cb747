/// Reads Telegram Bot API `getUpdates` responses: `{"ok":true,"result":[Update…]}`, a bare array of updates, or
/// one Update object.
///
/// Takes `channel_post`, `edited_channel_post`, `message` and `edited_message` with a text or caption; other
/// updates (stickers, service messages, callbacks) carry nothing to judge and are skipped without a problem.
enum BotAPIParser {
    /// JSON's whitespace: space, tab, line feed, carriage return (not the wider set `FeedText` skips).
    @inline(__always)
    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static let messageKinds = ["channel_post", "edited_channel_post", "message", "edited_message"]

    /// The Message fields hajund reads, found in one pass over each message.
    private enum Field: Int, CaseIterable {
        case text, caption, messageID, chat, date, editDate, authorSignature, from
        case forwardOrigin, forwardFromChat, forwardFromMessageID, forwardFrom, forwardSenderName

        var key: String {
            switch self {
            case .text: return "text"
            case .caption: return "caption"
            case .messageID: return "message_id"
            case .chat: return "chat"
            case .date: return "date"
            case .editDate: return "edit_date"
            case .authorSignature: return "author_signature"
            case .from: return "from"
            case .forwardOrigin: return "forward_origin"
            case .forwardFromChat: return "forward_from_chat"
            case .forwardFromMessageID: return "forward_from_message_id"
            case .forwardFrom: return "forward_from"
            case .forwardSenderName: return "forward_sender_name"
            }
        }
    }

    private static let fields = JSONKeyTable(Field.allCases.map(\.key))

    /// Appends the reports and problems to `context`; returns the highest `update_id` seen. `elementByElement`
    /// false forces the general path (tests compare the two).
    static func parse(_ context: inout FeedParseContext, elementByElement: Bool = true) -> Int64? {
        if elementByElement, let first = streamableResult(context.bytes) {
            return parseElements(from: first, &context)
        }
        let (document, error) = JSONDocument.parsePrefix(context.bytes)
        if let error { context.problem(error) }
        guard let root = document?.root else { return nil }
        guard let updates = updateList(root, &context) else { return nil }
        var lastUpdateID: Int64?
        var number = 0
        for update in updates {
            number += 1
            // A cut-off update is what the syntax problem above is about; the ones before it stand.
            guard update.isComplete else { break }
            readUpdate(update, number: number, lastUpdateID: &lastUpdateID, &context)
        }
        return lastUpdateID
    }

    private static func readUpdate(
        _ update: JSONNode, number: Int, lastUpdateID: inout Int64?, _ context: inout FeedParseContext
    ) {
        guard update.kind == .object else {
            context.problem(at: update.byteOffset, "update #\(number) is \(describe(update.kind)), not an object")
            return
        }
        let updateID = update["update_id"]?.int64
        if let updateID { lastUpdateID = max(lastUpdateID ?? updateID, updateID) }
        for kind in messageKinds {
            guard let message = update[kind] else { continue }
            readMessage(
                message, kind: kind, label: updateID.map { "update \($0)" } ?? "update #\(number)",
                at: update.byteOffset, &context)
            break
        }
    }

    // MARK: - Element by element

    private static let responsePrefix = Array(#"{"ok":true,"result":["#.utf8)

    /// Where the first update starts when `bytes` is a getUpdates response written the way Telegram writes it,
    /// `{"ok":true,"result":[` … `]}` (whitespace allowed between updates and around the end); nil otherwise.
    ///
    /// Such a response is read one update at a time, each with a small tape of its own, rather than as one
    /// document whose tape is larger than the input: a million-update file then needs little more memory than
    /// its bytes, and the tape stays in the cache. Other shapes, and responses cut off before `]}`, take the
    /// general path (which reports truncation the same way for every shape).
    static func streamableResult(_ bytes: [UInt8]) -> Int? {
        var start = 0
        while start < bytes.count && isJSONWhitespace(bytes[start]) { start += 1 }
        guard bytes.count - start > responsePrefix.count + 2,
            bytes[start..<(start + responsePrefix.count)].elementsEqual(responsePrefix)
        else { return nil }
        var end = bytes.count
        while end > start && isJSONWhitespace(bytes[end - 1]) { end -= 1 }
        guard bytes[end - 1] == UInt8(ascii: "}") else { return nil }
        end -= 1
        while end > start && isJSONWhitespace(bytes[end - 1]) { end -= 1 }
        guard bytes[end - 1] == UInt8(ascii: "]") else { return nil }
        return start + responsePrefix.count
    }

    /// Reads the updates of the `result` array that starts before `first`, one element at a time. On any syntax
    /// error the problem is the general parser's (same message, same position), and the updates before it stand,
    /// as on the general path.
    private static func parseElements(from first: Int, _ context: inout FeedParseContext) -> Int64? {
        let bytes = context.bytes
        let limit = bytes.count
        // The root object and the result array are two levels the elements' own tapes do not see.
        let maxDepth = JSONDocument.defaultMaxDepth - 2
        var index = first
        var lastUpdateID: Int64?
        var number = 0
        func skipWhitespace() {
            while index < limit && isJSONWhitespace(bytes[index]) { index += 1 }
        }
        func byte(_ wanted: UInt8) -> Bool {
            index < limit && bytes[index] == wanted
        }
        func generalProblem() -> Int64? {
            if let error = JSONDocument.parsePrefix(bytes).error { context.problem(error) }
            return lastUpdateID
        }
        skipWhitespace()
        if !byte(UInt8(ascii: "]")) {
            while true {
                number += 1
                let line = context.position(at: index).line ?? 1
                let (document, end, error) = JSONDocument.parseValue(
                    bytes, at: index, limit: limit, firstLine: line, maxDepth: maxDepth)
                guard error == nil, let update = document?.root else { return generalProblem() }
                readUpdate(update, number: number, lastUpdateID: &lastUpdateID, &context)
                index = end
                skipWhitespace()
                if byte(UInt8(ascii: ",")) {
                    index += 1
                    skipWhitespace()
                    if byte(UInt8(ascii: "]")) || index == limit { return generalProblem() }
                    continue
                }
                if byte(UInt8(ascii: "]")) { break }
                return generalProblem()
            }
        }
        // The array ended: normally `}` and whitespace follow. Anything else (more keys, or an array that closed
        // early) is left to the general parser, for its problem only: the updates have been read.
        index += 1
        skipWhitespace()
        if byte(UInt8(ascii: "}")) {
            index += 1
            skipWhitespace()
            if index == limit { return lastUpdateID }
        }
        return generalProblem()
    }

    /// The updates under `root`, or nil after reporting why there are none.
    private static func updateList(_ root: JSONNode, _ context: inout FeedParseContext) -> [JSONNode]? {
        switch root.kind {
        case .array:
            return Array(root.elements)
        case .object where root["update_id"] != nil:
            return [root]
        case .object:
            if root["ok"]?.bool == false {
                let code = root["error_code"]?.int64.map { " \($0)" } ?? ""
                let description = root["description"]?.string ?? "no description"
                context.problem(at: root.byteOffset, "the Bot API answered with error\(code): \(description)")
                return nil
            }
            guard let result = root["result"] else {
                context.problem(
                    at: root.byteOffset,
                    "not a Bot API response: expected {\"ok\": true, \"result\": [...]}, an array of updates or "
                        + "an update")
                return nil
            }
            guard result.kind == .array else {
                context.problem(
                    at: result.byteOffset, "\"result\" is \(describe(result.kind)), not an array of updates")
                return nil
            }
            return Array(result.elements)
        default:
            context.problem(
                at: root.byteOffset, "not a Bot API response: the top-level value is \(describe(root.kind))")
            return nil
        }
    }

    private static func readMessage(
        _ message: JSONNode, kind: String, label: @autoclosure () -> String, at offset: Int,
        _ context: inout FeedParseContext
    ) {
        guard message.kind == .object else {
            context.problem(at: message.byteOffset, "\(label()): \"\(kind)\" is \(describe(message.kind))")
            return
        }
        let field = fields.members(of: message)
        // No text and no caption: a sticker, a photo without caption or a service message. Nothing to judge.
        guard let text = (field[Field.text.rawValue] ?? field[Field.caption.rawValue])?.string,
            !FeedText.isBlank(text)
        else { return }
        guard let messageID = field[Field.messageID.rawValue]?.int64 else {
            context.problem(at: message.byteOffset, "\(label()): \(kind) has no integer \"message_id\"")
            return
        }
        let chatNode = field[Field.chat.rawValue]
        let username = chatNode?["username"]?.string.flatMap(TelegramNames.username)
        guard let chat = TelegramNames.chat(username: username, id: chatNode?["id"]?.int64) else {
            context.problem(at: message.byteOffset, "\(label()): \(kind) \(messageID) has no chat with an \"id\"")
            return
        }
        guard let date = field[Field.date.rawValue]?.int64 else {
            context.problem(at: message.byteOffset, "\(label()): \(kind) \(messageID) has no integer \"date\"")
            return
        }
        // t.me/<username>/<id> opens posts of channels and groups, not of private chats.
        let isPublic = chatNode?["type"]?.isString("private") != true
        let report = Report(
            feed: context.feed,
            chat: chat,
            messageID: messageID,
            url: isPublic ? username.map { TelegramNames.postURL(username: $0, messageID: messageID) } : nil,
            postedAt: Timestamp(secondsSince1970: date),
            editedAt: field[Field.editDate.rawValue]?.int64.map { Timestamp(secondsSince1970: $0) },
            text: text,
            author: field[Field.authorSignature.rawValue]?.string ?? person(field[Field.from.rawValue]),
            forwardOrigin: forwardOrigin(field),
            position: context.position(at: offset))
        context.accept(report, label: "\(label()) (\(kind) \(messageID))")
    }

    /// Bot API 7 `forward_origin`, else the legacy `forward_from_chat` / `forward_from` / `forward_sender_name`.
    private static func forwardOrigin(_ field: JSONKeyMatches) -> ForwardOrigin? {
        if let origin = field[Field.forwardOrigin.rawValue], origin.kind == .object {
            switch origin["type"]?.string {
            case "channel":
                return ForwardOrigin(chat: chatName(origin["chat"]), messageID: origin["message_id"]?.int64)
            case "chat":
                return ForwardOrigin(chat: chatName(origin["sender_chat"]))
            case "user":
                return ForwardOrigin(senderName: person(origin["sender_user"]))
            case "hidden_user":
                return ForwardOrigin(senderName: origin["sender_user_name"]?.string)
            default:
                return nil
            }
        }
        if let chat = field[Field.forwardFromChat.rawValue], chat.kind == .object {
            return ForwardOrigin(chat: chatName(chat), messageID: field[Field.forwardFromMessageID.rawValue]?.int64)
        }
        if let user = field[Field.forwardFrom.rawValue], user.kind == .object {
            return ForwardOrigin(senderName: person(user))
        }
        if let name = field[Field.forwardSenderName.rawValue]?.string {
            return ForwardOrigin(senderName: name)
        }
        return nil
    }

    /// A Bot API `Chat` as a report's chat: its username, else its id.
    private static func chatName(_ chat: JSONNode?) -> String? {
        guard let chat, chat.kind == .object else { return nil }
        return TelegramNames.chat(username: chat["username"]?.string, id: chat["id"]?.int64)
    }

    /// A Bot API `User`'s display name.
    private static func person(_ user: JSONNode?) -> String? {
        guard let user, user.kind == .object else { return nil }
        return TelegramNames.personName(
            first: user["first_name"]?.string, last: user["last_name"]?.string, username: user["username"]?.string)
    }

    static func describe(_ kind: JSONKind) -> String {
        switch kind {
        case .null: return "null"
        case .true, .false: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
