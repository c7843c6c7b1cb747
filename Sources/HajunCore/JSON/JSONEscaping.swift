/// Writes Swift strings as JSON string literals in UTF-8.
///
/// Escapes exactly what RFC 8259 requires (`"`, `\` and U+0000–U+001F, with the short forms `\b \f \n \r \t`)
/// and copies everything else through in runs, so mostly-plain text costs little more than a copy.
public enum JSONEscaping {
    /// Appends `string` as a complete JSON string literal, quotes included.
    @inlinable
    public static func append(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        appendContents(string, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped characters of `string` without the surrounding quotes.
    public static func appendContents(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { source in
            var runStart = 0
            var index = 0
            // Eight bytes at a time while none is a quote, a backslash or a control byte (most text): then byte by
            // byte to the end of that window.
            let base = UnsafeRawPointer(source.baseAddress)
            while index < source.count {
                if let base, index + 8 <= source.count,
                    !JSONEscaping.needsEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let windowEnd = min(index + 8, source.count)
                while index < windowEnd {
                    let byte = source[index]
                    index += 1
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    if runStart < index - 1 {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<(index - 1)]))
                    }
                    appendEscape(for: byte, to: &output)
                    runStart = index
                }
            }
            if runStart < source.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
            }
        }
    }

    /// True when any byte of `word` is `"`, `\\` or below 0x20 (bytes of 0x80 and above need no escape).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        escapeMask(word) != 0
    }

    /// The top bit of each byte of `word` that is `"`, `\\` or below 0x20, and possibly of bytes above such a byte
    /// (a borrow); zero when there is none. The lowest bit set is always exact.
    @inline(__always)
    static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        // A byte of `x - ones` has its high bit set (with `~x`) exactly when that byte of x was zero, or, for
        // `word - 0x20…`, below 0x20; bytes with the high bit set themselves are excluded by `~word`.
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        let control = (word &- (ones &* 0x20)) & ~word
        return (zeroQuote | zeroBackslash | control) & highs
    }

    /// `string` as a JSON string literal, quotes included.
    public static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        append(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendEscape(for byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }
    }
}
