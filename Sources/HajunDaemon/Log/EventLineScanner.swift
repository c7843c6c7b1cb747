/// Tells a complete event line from a fragment: a line counts only if it is exactly one valid JSON object with an
/// integer `"seq"` at the top level.
///
/// A writer killed mid-`write(2)` leaves a prefix of a line, which the next start closes off with a newline. A
/// prefix of a JSON object is never a valid JSON object (its closing brace is missing), so validating the syntax
/// is what makes fragments safe to skip. Hand-written because readers run it on every line they pass on.
public enum EventLineScanner {
    /// The top-level `seq` of `line` (without its newline), or nil if the line is not a complete event.
    public static func seq(of line: UnsafeRawBufferPointer) -> Int64? {
        guard let base = line.baseAddress else { return nil }
        var parser = Parser(bytes: base.assumingMemoryBound(to: UInt8.self), count: line.count)
        return parser.topLevelSeq()
    }

    public static func seq(of line: ArraySlice<UInt8>) -> Int64? {
        line.withUnsafeBytes { seq(of: $0) }
    }

    public static func seq(of line: [UInt8]) -> Int64? {
        line.withUnsafeBytes { seq(of: $0) }
    }

    private struct Parser {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var index = 0
        var seq: Int64?

        private static let maximumDepth = 64

        init(bytes: UnsafePointer<UInt8>, count: Int) {
            self.bytes = bytes
            self.count = count
        }

        mutating func topLevelSeq() -> Int64? {
            skipWhitespace()
            guard peek() == UInt8(ascii: "{"), object(depth: 1) else { return nil }
            skipWhitespace()
            guard index == count else { return nil }
            return seq
        }

        private func peek() -> UInt8? {
            index < count ? bytes[index] : nil
        }

        private mutating func skipWhitespace() {
            while index < count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private mutating func value(depth: Int) -> Bool {
            guard depth < Parser.maximumDepth, let byte = peek() else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth + 1)
            case UInt8(ascii: "["): return array(depth: depth + 1)
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number() != nil
            }
        }

        /// `depth` 1 is the line's own object, whose `seq` counts.
        private mutating func object(depth: Int) -> Bool {
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\""), let isSeqKey = string() else { return false }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { return false }
                index += 1
                skipWhitespace()
                if isSeqKey && depth == 1 {
                    guard let integer = number(), let integer else { return false }
                    seq = integer
                } else if !value(depth: depth) {
                    return false
                }
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return true
                default: return false
                }
            }
        }

        private mutating func array(depth: Int) -> Bool {
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return true
            }
            while true {
                skipWhitespace()
                guard value(depth: depth) else { return false }
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return true
                default: return false
                }
            }
        }

        /// Consumes a string; returns whether it was exactly `seq` (unescaped), or nil if it is invalid.
        private mutating func string() -> Bool? {
            index += 1
            let start = index
            var escaped = false
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let isSeq =
                        !escaped && index - start == 3 && bytes[start] == UInt8(ascii: "s")
                        && bytes[start + 1] == UInt8(ascii: "e") && bytes[start + 2] == UInt8(ascii: "q")
                    index += 1
                    return isSeq
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1
                    guard index < count else { return nil }
                    switch bytes[index] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        guard index + 4 < count else { return nil }
                        for offset in 1...4 where !Parser.isHexDigit(bytes[index + offset]) { return nil }
                        index += 5
                    default:
                        return nil
                    }
                    continue
                }
                index += 1
            }
            return nil
        }

        /// Consumes a number. Returns `.some(value)` for an integer that fits Int64, `.some(nil)` for any other
        /// valid number, nil for invalid syntax.
        private mutating func number() -> Int64?? {
            let negative = peek() == UInt8(ascii: "-")
            if negative { index += 1 }
            guard let first = peek(), Parser.isDigit(first) else { return nil }
            var value: Int64 = 0
            var fits = true
            if first == UInt8(ascii: "0") {
                index += 1
            } else {
                while let byte = peek(), Parser.isDigit(byte) {
                    let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 48))
                    if overflow1 || overflow2 { fits = false }
                    value = sum
                    index += 1
                }
            }
            var integral = true
            if peek() == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard digits() else { return nil }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                integral = false
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard digits() else { return nil }
            }
            guard integral, fits else { return .some(nil) }
            return .some(negative ? -value : value)
        }

        private mutating func digits() -> Bool {
            let start = index
            while let byte = peek(), Parser.isDigit(byte) { index += 1 }
            return index > start
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard index + length <= count else { return false }
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += length
            return true
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
        }
    }
}
