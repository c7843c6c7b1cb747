/// Turns the raw bytes between a JSON string's quotes (already validated by `JSONParser`) into a `String`.
enum JSONStringDecoder {
    static func decode(_ bytes: [UInt8], start: Int, end: Int, hasEscapes: Bool) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            decode(buffer.baseAddress!, start: start, end: end, hasEscapes: hasEscapes)
        }
    }

    static func decode(_ base: UnsafePointer<UInt8>, start: Int, end: Int, hasEscapes: Bool) -> String {
        guard hasEscapes else {
            // The parser has validated the UTF-8 already: no need to do it again.
            return String(
                copying: UTF8Span(unchecked: UnsafeBufferPointer(start: base + start, count: end - start).span))
        }
        // Every escape is at least as long as the UTF-8 it stands for, so the raw length is enough room. The
        // result is valid UTF-8 by construction (lone surrogates become U+FFFD): again no need to validate it.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { output in
            let count = unescape(base, start: start, end: end, into: output)
            return String(copying: UTF8Span(unchecked: UnsafeBufferPointer(rebasing: output[..<count]).span))
        }
    }

    private static func unescape(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var written = 0
        var index = start
        func put(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        while index < end {
            // Runs without a backslash are copied eight bytes at a time (the output is never ahead of the input,
            // so a whole word fits).
            if index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let found = (backslashes &- 0x0101_0101_0101_0101) & ~backslashes & 0x8080_8080_8080_8080
                UnsafeMutableRawPointer(output.baseAddress! + written).storeBytes(of: word, as: UInt64.self)
                let plain = found == 0 ? 8 : found.trailingZeroBitCount >> 3
                written += plain
                index += plain
                if plain == 8 { continue }
            }
            let byte = base[index]
            guard byte == UInt8(ascii: "\\") else {
                put(byte)
                index += 1
                continue
            }
            let escape = base[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(base, at: index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    let low =
                        index + 6 <= end && base[index] == UInt8(ascii: "\\") && base[index + 1] == UInt8(ascii: "u")
                        ? hex4(base, at: index + 2) : 0
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        scalar = 0xFFFD  // a lone high surrogate is not a character
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD  // a lone low surrogate
                }
                // Inline rather than through an array: the Bot API escapes every non-ASCII character this way.
                switch scalar {
                case 0..<0x80:
                    put(UInt8(scalar))
                case 0x80..<0x800:
                    put(UInt8(0xC0 | (scalar >> 6)))
                    put(UInt8(0x80 | (scalar & 0x3F)))
                case 0x800..<0x10000:
                    put(UInt8(0xE0 | (scalar >> 12)))
                    put(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                    put(UInt8(0x80 | (scalar & 0x3F)))
                default:
                    put(UInt8(0xF0 | (scalar >> 18)))
                    put(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                    put(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                    put(UInt8(0x80 | (scalar & 0x3F)))
                }
            default: put(escape)  // `"`, `\` and `/` stand for themselves
            }
        }
        return written
    }

    private static func hex4(_ base: UnsafePointer<UInt8>, at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            value = value << 4 | (JSONParser.hexValue(base[index + offset]) ?? 0)
        }
        return value
    }
}
