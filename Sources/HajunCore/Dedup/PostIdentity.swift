/// Who posted what: the keys the dedup stage uses for "the same post" and for "another source".
enum PostIdentity {
    /// XXH3 of the chat (lowercased, without `@`), seeded with the message id; never 0 (0 means "no message id").
    static func key(chat: String, messageID: Int64) -> UInt64 {
        let seed = UInt64(bitPattern: messageID) &* 0x9E37_79B1_85EB_CA87 ^ 0x504f_5354
        let hash = hashCanonical(chat, seed: seed)
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
        return UInt32(truncatingIfNeeded: hashCanonical(name, seed: 0x5352_4345))
    }

    /// XXH3 of the name in ASCII lowercase without a leading `@` (`@Belaruski_Hajun` is `belaruski_hajun`),
    /// hashing the string's own bytes when they are canonical already (the usual case).
    private static func hashCanonical(_ name: String, seed: UInt64) -> UInt64 {
        var name = name
        let direct = name.withUTF8 { bytes -> UInt64? in
            if bytes.first == 0x40 || bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return nil }
            return XXH3.hash64(UnsafeRawBufferPointer(bytes), seed: seed)
        }
        if let direct { return direct }
        var bytes = Array(name.utf8)
        if bytes.first == 0x40 { bytes.removeFirst() }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return XXH3.hash64(bytes, seed: seed)
    }
}
