/// Who posted what: the keys the dedup stage uses for "the same post" and for "another source".
enum PostIdentity {
    /// XXH3 of the chat (lowercased, without `@`) and the message id; never 0 (0 means "no message id").
    static func key(chat: String, messageID: Int64) -> UInt64 {
        var bytes = canonical(chat)
        withUnsafeBytes(of: messageID.littleEndian) { bytes.append(contentsOf: $0) }
        let hash = XXH3.hash64(bytes, seed: 0x504f_5354)
        return hash == 0 ? 1 : hash
    }

    /// The post's key, or 0 when it has no message id.
    static func key(of report: Report) -> UInt64 {
        report.messageID.map { key(chat: report.chat, messageID: $0) } ?? 0
    }

    /// The key of a forward's origin post, when the forward names both its chat and message id.
    static func originKey(of report: Report) -> UInt64? {
        guard let origin = report.forwardOrigin, let chat = origin.chat, let id = origin.messageID else { return nil }
        return key(chat: chat, messageID: id)
    }

    /// Who reported it first-hand: a forward's origin chat or sender, else the chat that posted it. Forwards of
    /// one channel's post by ten others are one source; the same sighting from two channels is two.
    static func source(of report: Report) -> UInt32 {
        let name = report.forwardOrigin?.chat ?? report.forwardOrigin?.senderName ?? report.chat
        return UInt32(truncatingIfNeeded: XXH3.hash64(canonical(name), seed: 0x5352_4345))
    }

    /// Lowercase ASCII, no leading `@`: `@Belaruski_Hajun` and `belaruski_hajun` are one chat.
    private static func canonical(_ name: String) -> [UInt8] {
        var bytes = Array(name.utf8)
        if bytes.first == 0x40 { bytes.removeFirst() }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return bytes
    }
}
