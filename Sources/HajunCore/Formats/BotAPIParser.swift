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

    /// The Update fields hajund reads: the id, then the message kinds in the order they are looked for.
    private static let updateFields = JSONKeyTable([
        "update_id", "channel_post", "edited_channel_post", "message", "edited_message",
    ])

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
        guard let document else { return nil }
        let root = document.root
        guard let updates = updateList(root, &context) else { return nil }
        var lastUpdateID: Int64?
        var number = 0
        JSONTapeReader.with(document) { reader in
            for update in updates {
                number += 1
                // A cut-off update is what the syntax problem above is about; the ones before it stand.
                guard reader.isComplete(update.index) else { break }
                readUpdate(reader, update.index, number: number, lastUpdateID: &lastUpdateID, &context)
            }
        }
        return lastUpdateID
    }

    private static func readUpdate(
        _ reader: JSONTapeReader, _ update: Int, number: Int, lastUpdateID: inout Int64?,
        _ context: inout FeedParseContext
    ) {
        guard reader.kind(update) == .object else {
            context.problem(
                at: reader.byteOffset(update), "update #\(number) is \(describe(reader.kind(update))), not an object")
            return
        }
        let slots = updateFields.slots(of: update, in: reader)
        let updateID = slots[0] == 0 ? nil : reader.int64(Int(slots[0]))
        if let updateID { lastUpdateID = max(lastUpdateID ?? updateID, updateID) }
        for slot in 1..<5 where slots[slot] != 0 {
            readMessage(
                reader, Int(slots[slot]), kind: messageKinds[slot - 1],
                label: updateID.map { "update \($0)" } ?? "update #\(number)", at: reader.byteOffset(update),
                &context)
            break
        }
    }

    private static let messageKinds = ["channel_post", "edited_channel_post", "message", "edited_message"]

    // MARK: - Element by element

    private static let responsePrefix = Array(#"{"ok":true,"result":["#.utf8)

    /// Where the first update starts when `bytes` is a getUpdates response written the way Telegram writes it,
    /// `{"ok":true,"result":[` … `]}` (whitespace allowed between updates and around the end); nil otherwise.
    ///
    /// Such a response is read one update at a time, on one small tape reused for each, rather than as one
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
        // Lines are counted on the way (a newline can only be whitespace in valid JSON) rather than by the
        // context's line counter going over all bytes again.
        var line = context.position(at: index).line ?? 1
        func skipWhitespace() {
            while index < limit && isJSONWhitespace(bytes[index]) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
        }
        func byte(_ wanted: UInt8) -> Bool {
            index < limit && bytes[index] == wanted
        }
        func generalProblem() -> Int64? {
            if let error = JSONDocument.parsePrefix(bytes).error { context.problem(error) }
            return lastUpdateID
        }
        skipWhitespace()
        // One tape, reused for every update.
        var tape = JSONTapeBuffer(capacity: 128)
        if !byte(UInt8(ascii: "]")) {
            while true {
                number += 1
                let (end, newlines, failure) = bytes.withUnsafeBufferPointer { buffer in
                    JSONParser.parseValue(
                        buffer, from: index, limit: limit, firstLine: line, maxDepth: maxDepth, tape: &tape)
                }
                guard failure == nil, !tape.isEmpty else { return generalProblem() }
                context.assume(line: line, at: index)
                JSONTapeReader.with(bytes: bytes, tape: tape) { reader in
                    readUpdate(reader, 0, number: number, lastUpdateID: &lastUpdateID, &context)
                }
                line += newlines
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
        _ reader: JSONTapeReader, _ message: Int, kind: String, label: @autoclosure () -> String, at offset: Int,
        _ context: inout FeedParseContext
    ) {
        guard reader.kind(message) == .object else {
            context.problem(
                at: reader.byteOffset(message), "\(label()): \"\(kind)\" is \(describe(reader.kind(message)))")
            return
        }
        let slots = fields.slots(of: message, in: reader)
        func field(_ field: Field) -> Int? {
            let slot = slots[field.rawValue]
            return slot == 0 ? nil : Int(slot)
        }
        // Fields are read through closures, not method references (`flatMap(reader.string)`): a reference is a
        // partial application that boxes the reader on the heap, once a post.
        // No text and no caption: a sticker, a photo without caption or a service message. Nothing to judge.
        guard let text = (field(.text) ?? field(.caption)).flatMap({ reader.string($0) }), !FeedText.isBlank(text)
        else {
            return
        }
        guard let messageID = field(.messageID).flatMap({ reader.int64($0) }) else {
            context.problem(at: reader.byteOffset(message), "\(label()): \(kind) has no integer \"message_id\"")
            return
        }
        let chatNode = field(.chat)
        let username = chatNode.flatMap { reader.member($0, "username") }.flatMap { chatUsername(reader, $0) }
        // The id is read only when the username does not give the chat's name (rarely).
        guard
            let chat = username.flatMap({ $0.isPlain ? $0.name : nil })
                ?? TelegramNames.chat(
                    username: username?.name,
                    id: chatNode.flatMap { reader.member($0, "id") }.flatMap({ reader.int64($0) }))
        else {
            context.problem(
                at: reader.byteOffset(message), "\(label()): \(kind) \(messageID) has no chat with an \"id\"")
            return
        }
        guard let date = field(.date).flatMap({ reader.int64($0) }) else {
            context.problem(
                at: reader.byteOffset(message), "\(label()): \(kind) \(messageID) has no integer \"date\"")
            return
        }
        // t.me/<username>/<id> opens posts of channels and groups, not of private chats.
        let isPublic = chatNode.flatMap { reader.member($0, "type") }.map { reader.isString($0, "private") } != true
        let report = Report(
            feed: context.feed,
            chat: chat,
            messageID: messageID,
            url: isPublic ? username.map { TelegramNames.postURL(username: $0.name, messageID: messageID) } : nil,
            postedAt: Timestamp(secondsSince1970: date),
            editedAt: field(.editDate).flatMap({ reader.int64($0) }).map { Timestamp(secondsSince1970: $0) },
            text: text,
            author: field(.authorSignature).flatMap({ reader.string($0) }) ?? person(reader, field(.from)),
            forwardOrigin: forwardOrigin(reader, slots),
            position: context.position(at: offset))
        context.accept(consume report, label: "\(label()) (\(kind) \(messageID))")
    }

    /// A chat's `username` as `TelegramNames.username` reads it. Plain means already in that form (the usual
    /// case), so that `TelegramNames.chat`, which reads it again, would give it back unchanged.
    private static func chatUsername(_ reader: JSONTapeReader, _ value: Int) -> (name: String, isPlain: Bool)? {
        if let raw = reader.plainStringBytes(value), TelegramNames.isPlainUsername(raw) {
            return (String(copying: UTF8Span(unchecked: raw.span)), true)
        }
        return reader.string(value).flatMap(TelegramNames.username).map { ($0, false) }
    }

    /// Bot API 7 `forward_origin`, else the legacy `forward_from_chat` / `forward_from` / `forward_sender_name`.
    private static func forwardOrigin(
        _ reader: JSONTapeReader, _ slots: InlineArray<16, UInt32>
    ) -> ForwardOrigin? {
        func field(_ field: Field) -> Int? {
            let slot = slots[field.rawValue]
            return slot == 0 ? nil : Int(slot)
        }
        if let origin = field(.forwardOrigin), reader.kind(origin) == .object {
            guard let type = reader.member(origin, "type") else { return nil }
            if reader.isString(type, "channel") {
                return ForwardOrigin(
                    chat: chatName(reader, reader.member(origin, "chat")),
                    messageID: reader.member(origin, "message_id").flatMap({ reader.int64($0) }))
            } else if reader.isString(type, "chat") {
                return ForwardOrigin(chat: chatName(reader, reader.member(origin, "sender_chat")))
            } else if reader.isString(type, "user") {
                return ForwardOrigin(senderName: person(reader, reader.member(origin, "sender_user")))
            } else if reader.isString(type, "hidden_user") {
                return ForwardOrigin(
                    senderName: reader.member(origin, "sender_user_name").flatMap({ reader.string($0) }))
            }
            return nil
        }
        if let chat = field(.forwardFromChat), reader.kind(chat) == .object {
            return ForwardOrigin(
                chat: chatName(reader, chat), messageID: field(.forwardFromMessageID).flatMap({ reader.int64($0) }))
        }
        if let user = field(.forwardFrom), reader.kind(user) == .object {
            return ForwardOrigin(senderName: person(reader, user))
        }
        if let name = field(.forwardSenderName).flatMap({ reader.string($0) }) {
            return ForwardOrigin(senderName: name)
        }
        return nil
    }

    /// A Bot API `Chat` as a report's chat: its username, else its id.
    private static func chatName(_ reader: JSONTapeReader, _ chat: Int?) -> String? {
        guard let chat, reader.kind(chat) == .object else { return nil }
        return TelegramNames.chat(
            username: reader.member(chat, "username").flatMap({ reader.string($0) }),
            id: reader.member(chat, "id").flatMap({ reader.int64($0) }))
    }

    /// A Bot API `User`'s display name.
    private static func person(_ reader: JSONTapeReader, _ user: Int?) -> String? {
        guard let user, reader.kind(user) == .object else { return nil }
        return TelegramNames.personName(
            first: reader.member(user, "first_name").flatMap({ reader.string($0) }),
            last: reader.member(user, "last_name").flatMap({ reader.string($0) }),
            username: reader.member(user, "username").flatMap({ reader.string($0) }))
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
