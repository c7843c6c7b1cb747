/// Validation of UTF-8 multi-byte sequences, shared by the JSON parser and the XML reader.
///
/// Strict in the sense of the Unicode standard: no overlong forms, no encoded surrogates, nothing above U+10FFFF.
enum UTF8Validation {
    /// The length (2...4) of the well-formed sequence that starts at `bytes[index]`, whose lead byte is 0x80 or
    /// more; 0 when the sequence is ill-formed or cut off by `end`.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafePointer<UInt8>, at index: Int, end: Int) -> Int {
        let lead = bytes[index]
        if lead < 0xC2 { return 0 }
        if lead < 0xE0 {
            guard index + 1 < end, bytes[index + 1] & 0xC0 == 0x80 else { return 0 }
            return 2
        }
        if lead < 0xF0 {
            guard index + 2 < end else { return 0 }
            let second = bytes[index + 1]
            guard second & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 else { return 0 }
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second >= 0xA0 { return 0 }  // UTF-16 surrogate
            return 3
        }
        if lead < 0xF5 {
            guard index + 3 < end else { return 0 }
            let second = bytes[index + 1]
            guard second & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80, bytes[index + 3] & 0xC0 == 0x80 else {
                return 0
            }
            if lead == 0xF0 && second < 0x90 { return 0 }  // overlong
            if lead == 0xF4 && second >= 0x90 { return 0 }  // above U+10FFFF
            return 4
        }
        return 0
    }

    /// The offset of the first byte that does not start a well-formed sequence, or nil when all of `range` is
    /// valid UTF-8.
    static func firstInvalidOffset(in bytes: [UInt8], range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var index = range.lowerBound
            let end = range.upperBound
            while index < end {
                if base[index] < 0x80 {
                    index += 1
                    continue
                }
                let length = sequenceLength(base, at: index, end: end)
                if length == 0 { return index }
                index += length
            }
            return nil
        }
    }

    /// Appends the UTF-8 encoding of `scalar` (which the caller has checked is a Unicode scalar value).
    @inline(__always)
    static func append(scalar value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// A byte as error messages show it: `'x'` for printable ASCII, `byte 0xNN` otherwise.
    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'" + String(UnicodeScalar(byte)) + "'"
        }
        let digits = Array("0123456789ABCDEF".utf8)
        return "byte 0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
