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
        var start = -1
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte <= 0x20 || byte == 0x2D {
                if start >= 0 { spans.appendReserved(WordSpan(start: Int32(start), end: Int32(index))) }
                start = -1
            } else if start < 0 {
                start = index
            }
        }
        if start >= 0 { spans.appendReserved(WordSpan(start: Int32(start), end: Int32(bytes.count))) }
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
