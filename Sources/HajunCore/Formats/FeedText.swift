/// Small byte-level text helpers the format parsers share (kept off `String`'s per-character paths).
enum FeedText {
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    /// True when `text` has nothing but ASCII whitespace (almost always decided by the first byte).
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy(isWhitespace)
    }

    /// `text` without leading and trailing ASCII whitespace.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isWhitespace($0) }),
            let last = utf8.lastIndex(where: { !isWhitespace($0) })
        else { return "" }
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return text }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }

    /// `text` trimmed, or nil when nothing is left.
    static func nonBlank(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The offset of the first byte that is neither whitespace nor part of a UTF-8 byte order mark.
    static func firstContentOffset(_ bytes: [UInt8]) -> Int? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count && isWhitespace(bytes[index]) { index += 1 }
        return index < bytes.count ? index : nil
    }
}
