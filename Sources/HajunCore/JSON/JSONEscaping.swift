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
            for index in 0..<source.count {
                let byte = source[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                }
                appendEscape(for: byte, to: &output)
                runStart = index + 1
            }
            if runStart < source.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
            }
        }
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
