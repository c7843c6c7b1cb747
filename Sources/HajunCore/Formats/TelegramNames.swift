/// How hajund spells Telegram chats and post links across formats, so that the same channel and post look the
/// same whichever feed delivered them.
enum TelegramNames {
    /// A username without `@`, in lowercase (Telegram usernames are case-insensitive); nil when empty.
    static func username(_ raw: String) -> String? {
        // Most usernames arrive already plain: no copy then.
        var copy = raw
        if copy.withUTF8(isPlainUsername) { return raw }
        var name = Substring(raw)
        while name.first == "@" { name = name.dropFirst() }
        name = name.drop(while: { $0 == " " })
        guard !name.isEmpty else { return nil }
        return String(name).lowercased()
    }

    /// True when `username` gives these UTF-8 bytes back unchanged: not empty, no leading `@` or space, no
    /// uppercase ASCII letter.
    static func isPlainUsername(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = raw.first, first != UInt8(ascii: "@"), first != UInt8(ascii: " ") else { return false }
        for byte in raw where byte &- UInt8(ascii: "A") < 26 { return false }
        return true
    }

    /// The `chat` of a report: the username when there is one, else the numeric id as a string.
    static func chat(username: String?, id: Int64?) -> String? {
        if let username, let name = TelegramNames.username(username) { return name }
        return id.map { String($0) }
    }

    /// The Bot API's id of a chat that a Telegram Desktop export (or `t.me/c/` link) names by its bare id:
    /// channels and supergroups are `-100<id>`, basic groups `-<id>`, people and bots their own id. So a channel
    /// without a username is the same `chat` whether its posts came from an export or from `getUpdates`.
    static func botAPIChatID(exportID: Int64, type: String?) -> Int64 {
        guard exportID > 0 else { return exportID }
        switch type {
        case "public_channel", "private_channel", "public_supergroup", "private_supergroup":
            return -1_000_000_000_000 - exportID
        case "private_group":
            return -exportID
        default:
            return exportID
        }
    }

    /// `https://t.me/<username>/<id>`.
    static func postURL(username: String, messageID: Int64) -> String {
        let prefix: StaticString = "https://t.me/"
        var name = username
        return name.withUTF8 { name in
            // The id's digits, backwards, on the stack.
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            let digitCount = withUnsafeMutableBytes(of: &digits) { buffer in
                var magnitude = messageID.magnitude
                var count = 0
                repeat {
                    buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                    magnitude /= 10
                    count += 1
                } while magnitude > 0
                return count
            }
            let sign = messageID < 0 ? 1 : 0
            let length = prefix.utf8CodeUnitCount + name.count + 1 + sign + digitCount
            return String(unsafeUninitializedCapacity: length) { buffer in
                let base = buffer.baseAddress!
                var index = 0
                base.update(from: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
                index += prefix.utf8CodeUnitCount
                if let source = name.baseAddress { (base + index).update(from: source, count: name.count) }
                index += name.count
                base[index] = UInt8(ascii: "/")
                index += 1
                if sign == 1 {
                    base[index] = UInt8(ascii: "-")
                    index += 1
                }
                withUnsafeBytes(of: &digits) { digits in
                    for position in stride(from: digitCount - 1, through: 0, by: -1) {
                        base[index] = digits[position]
                        index += 1
                    }
                }
                return index
            }
        }
    }

    /// `First Last`, or the username, of a Bot API `User` object's fields.
    static func personName(first: String?, last: String?, username: String?) -> String? {
        let parts = [first, last].compactMap { $0 }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        return username.flatMap(TelegramNames.username)
    }

    /// What a t.me link names: `https://t.me/hajun/123`, `t.me/s/hajun/123`, `https://telegram.me/hajun`, and
    /// private `t.me/c/1234/56` (as the Bot API's chat id `-1001234`). Nil for other links.
    static func parseLink(_ link: String) -> (chat: String, messageID: Int64?)? {
        var rest = Substring(FeedText.trimmed(link))
        for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        var parts = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let host = parts.first?.lowercased(),
            ["t.me", "www.t.me", "telegram.me", "www.telegram.me"].contains(host)
        else { return nil }
        parts.removeFirst()
        if parts.first == "s" { parts.removeFirst() }
        guard let name = parts.first else { return nil }
        let messageID = parts.count > 1 ? Int64(parts[1]) : nil
        if name == "c" {
            guard parts.count > 1, let id = Int64(parts[1]) else { return nil }
            return ("-100\(id)", parts.count > 2 ? Int64(parts[2]) : nil)
        }
        guard name.count >= 3, name.utf8.allSatisfy({ isUsernameByte($0) }) else { return nil }
        return (name.lowercased(), messageID)
    }

    /// The host of an `http(s)` link, lowercased: the chat of a non-Telegram RSS feed.
    static func host(of link: String) -> String? {
        let trimmed = FeedText.trimmed(link)
        guard let range = trimmed.firstRange(of: "://") else { return nil }
        let host = trimmed[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : host.lowercased()
    }

    private static func isUsernameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
