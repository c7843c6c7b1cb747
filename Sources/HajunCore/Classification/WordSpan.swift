/// One word of a normalized post: its bytes are `start..<end`.
struct WordSpan: Sendable, Hashable {
    var start: Int32
    var end: Int32

    /// The words of `bytes`, split at spaces, other ASCII control or blank bytes, and hyphens: the normalizer
    /// keeps `су-34` and `Барановичи-Полесские` whole, and the classifier matches their parts (term words
    /// are split the same way, so the alias `Су-34` is the phrase `су 34`).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, into spans: inout ScratchBuffer<WordSpan>) {
        // At most one word per two bytes, plus one.
        spans.reserve(spans.count + bytes.count / 2 + 1)
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        // Where the word being read started: just after the last separator.
        var next = 0
        var index = 0
        // Eight bytes at a time: a mask of the separators among them, then a word between each two.
        while index + 8 <= count {
            let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            var separators = separatorMask(UInt64(littleEndian: chunk))
            while separators != 0 {
                let separator = index + (separators.trailingZeroBitCount >> 3)
                if separator > next { spans.appendReserved(WordSpan(start: Int32(next), end: Int32(separator))) }
                next = separator + 1
                separators &= separators &- 1
            }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte <= 0x20 || byte == 0x2D {
                if index > next { spans.appendReserved(WordSpan(start: Int32(next), end: Int32(index))) }
                next = index + 1
            }
            index += 1
        }
        if count > next { spans.appendReserved(WordSpan(start: Int32(next), end: Int32(count))) }
    }

    /// The high bit of each byte of `chunk` that is a separator (at most 0x20, or a hyphen), exactly: no lane
    /// borrows from another.
    @inline(__always)
    private static func separatorMask(_ chunk: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // (byte | 0x80) - 0x21 keeps its high bit unless byte & 0x7F < 0x21; bytes with the high bit set are none.
        let atMostSpace = ~((chunk | high) &- 0x2121_2121_2121_2121) & ~chunk & high
        let hyphens = chunk ^ 0x2D2D_2D2D_2D2D_2D2D
        let nonZero = (((hyphens & low) &+ low) | hyphens) & high
        return atMostSpace | (~nonZero & high)
    }

    /// The word's value when it is all ASCII digits (at most six), else nil.
    func number(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = Int(end - start)
        guard length > 0 && length <= 6 else { return nil }
        var value = 0
        for index in Int(start)..<Int(end) {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
