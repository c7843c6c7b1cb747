/// How hajund spells Telegram chats and post links across formats, so that the same channel and post look the
/// same whichever feed delivered them.
enum TelegramNames {
    /// A username without `@`, in lowercase (Telegram usernames are case-insensitive); nil when empty.
    static func username(_ raw: String) -> String? {
        // Most usernames arrive already plain: no copy then.
        if let first = raw.utf8.first, first != UInt8(ascii: "@"), first != UInt8(ascii: " "),
            raw.utf8.allSatisfy({ !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        {
            return raw
        }
        var name = Substring(raw)
        while name.first == "@" { name = name.dropFirst() }
        name = name.drop(while: { $0 == " " })
        guard !name.isEmpty else { return nil }
        return String(name).lowercased()
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
        let prefix = "https://t.me/".utf8
        let digits = String(messageID).utf8
        let length = prefix.count + username.utf8.count + 1 + digits.count
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            func copy(_ part: String.UTF8View) {
                for byte in part {
                    buffer[index] = byte
                    index += 1
                }
            }
            copy(prefix)
            copy(username.utf8)
            copy("/".utf8)
            copy(digits)
            return index
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
