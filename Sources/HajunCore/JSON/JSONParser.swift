/// The scanner behind `JSONDocument`: validates RFC 8259 JSON over UTF-8 bytes and records every value on a tape.
///
/// Works on a raw pointer for speed; recursion depth is bounded by `maxDepth`, so hostile nesting cannot
/// exhaust the stack.
struct JSONParser: ~Copyable {
    /// A syntax error before it is given a line and column.
    struct Failure: Error {
        var kind: JSONError.Kind
        var offset: Int
        var message: String
    }

    private let base: UnsafePointer<UInt8>
    private let start: Int
    private let end: Int
    private let maxDepth: Int
    private let firstLine: Int
    private var index: Int
    private(set) var tape: JSONTapeBuffer
    /// The line feeds skipped so far. In valid JSON they are all whitespace (strings cannot hold them raw), so
    /// after a value this is the number of lines it spans, less one.
    private(set) var newlines = 0

    private init(
        base: UnsafePointer<UInt8>, range: Range<Int>, firstLine: Int, maxDepth: Int, expectedEntries: Int? = nil,
        reusing tape: consuming JSONTapeBuffer = JSONTapeBuffer()
    ) {
        self.base = base
        self.firstLine = firstLine
        self.start = range.lowerBound
        self.end = range.upperBound
        self.maxDepth = maxDepth
        self.index = range.lowerBound
        self.tape = tape
        self.tape.removeAll()
        self.tape.reserveCapacity(expectedEntries ?? min(range.count / 8 + 4, 1 << 20))
    }

    /// Parses one JSON value filling `range` of `bytes` (surrounding whitespace allowed), where the range starts
    /// on line `firstLine`. Returns the tape, which on failure holds every value completed before the error.
    static func parse(
        _ bytes: [UInt8], range: Range<Int>, firstLine: Int, maxDepth: Int
    ) -> (tape: [JSONTapeEntry], failure: Failure?) {
        guard range.upperBound < Int(UInt32.max) else {
            return ([], Failure(kind: .tooLarge, offset: range.lowerBound, message: "input is 4 GiB or larger"))
        }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !range.isEmpty else {
                return ([], Failure(kind: .emptyInput, offset: range.lowerBound, message: "empty input: no JSON value"))
            }
            var parser = JSONParser(base: base, range: range, firstLine: firstLine, maxDepth: maxDepth)
            do throws(Failure) {
                try parser.parseDocument()
                return (parser.tape.array(), nil)
            } catch {
                return (parser.tape.array(), error)
            }
        }
    }

    /// Parses the one JSON value that starts at `from` (not whitespace) in `buffer[from..<limit]`, on line
    /// `firstLine`, and stops after it: `end` is one past its last byte, `newlines` the line feeds inside it. Used
    /// to read a large array one element at a time: `tape` gets the element's values (on failure, those completed
    /// before the error), replacing what it held but keeping its memory, so that a reader of many elements
    /// allocates no tape for each.
    static func parseValue(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, firstLine: Int, maxDepth: Int,
        tape: inout JSONTapeBuffer
    ) -> (end: Int, newlines: Int, failure: Failure?) {
        guard limit < Int(UInt32.max) else {
            tape.removeAll()
            return (from, 0, Failure(kind: .tooLarge, offset: from, message: "input is 4 GiB or larger"))
        }
        guard let base = buffer.baseAddress, from < limit else {
            tape.removeAll()
            return (from, 0, Failure(kind: .unexpectedEnd, offset: from, message: "unexpected end of input"))
        }
        var reused = JSONTapeBuffer()
        swap(&reused, &tape)
        var parser = JSONParser(
            base: base, range: from..<limit, firstLine: firstLine, maxDepth: maxDepth, expectedEntries: 64,
            reusing: consume reused)
        var failure: Failure?
        do throws(Failure) {
            try parser.parseValue(depth: 0)
        } catch {
            failure = error
        }
        swap(&parser.tape, &tape)
        return (parser.index, parser.newlines, failure)
    }

    // MARK: - Grammar

    private mutating func parseDocument() throws(Failure) {
        skipWhitespace()
        guard index < end else {
            throw Failure(kind: .emptyInput, offset: index, message: "empty input: no JSON value")
        }
        try parseValue(depth: 0)
        skipWhitespace()
        if index < end {
            throw Failure(
                kind: .trailingData, offset: index,
                message: "unexpected \(UTF8Validation.describe(base[index])) after the end of the JSON value")
        }
    }

    /// Parses the value at `index`, which is not whitespace and not the end. Inlined into the containers: one
    /// call less for each of the fifty-odd values of a Bot API update.
    @inline(__always)
    private mutating func parseValue(depth: Int) throws(Failure) {
        switch base[index] {
        case UInt8(ascii: "{"): try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        case UInt8(ascii: "t"): try parseLiteral("true", kind: .true)
        case UInt8(ascii: "f"): try parseLiteral("false", kind: .false)
        case UInt8(ascii: "n"): try parseLiteral("null", kind: .null)
        default: throw unexpected("a JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) {
        let open = index
        try checkDepth(depth)
        let slot = tape.count
        tape.append(JSONTapeEntry(start: UInt32(open), end: UInt32.max, next: 0, kind: .object, flags: 0))
        index += 1
        skipWhitespace()
        if index < end && base[index] == UInt8(ascii: "}") {
            close(slot)
            return
        }
        while true {
            try requireMore(inside: "object", openedAt: open)
            guard base[index] == UInt8(ascii: "\"") else { throw unexpected("a string key") }
            try parseString()
            skipWhitespace()
            try requireMore(inside: "object", openedAt: open)
            guard base[index] == UInt8(ascii: ":") else { throw unexpected("':' after an object key") }
            index += 1
            skipWhitespace()
            try requireMore(inside: "object", openedAt: open)
            try parseValue(depth: depth)
            skipWhitespace()
            try requireMore(inside: "object", openedAt: open)
            switch base[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                close(slot)
                return
            default:
                throw unexpected("',' or '}' after an object member")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) {
        let open = index
        try checkDepth(depth)
        let slot = tape.count
        tape.append(JSONTapeEntry(start: UInt32(open), end: UInt32.max, next: 0, kind: .array, flags: 0))
        index += 1
        skipWhitespace()
        if index < end && base[index] == UInt8(ascii: "]") {
            close(slot)
            return
        }
        while true {
            try requireMore(inside: "array", openedAt: open)
            try parseValue(depth: depth)
            skipWhitespace()
            try requireMore(inside: "array", openedAt: open)
            switch base[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                close(slot)
                return
            default:
                throw unexpected("',' or ']' after an array element")
            }
        }
    }

    private mutating func close(_ slot: Int) {
        tape[slot].end = UInt32(index)
        tape[slot].next = UInt32(tape.count)
        index += 1
    }

    /// Parses the string whose opening quote is at `index`. Short plain ASCII strings (keys, types, usernames:
    /// most strings of a Bot API update) are taken here, inline, from a word or three; the others go on in
    /// `scanString` from where this stopped.
    @inline(__always)
    private mutating func parseString() throws(Failure) {
        let first = index + 1
        var at = first
        while at < first + 24 && at + 8 <= end {
            let attention = JSONParser.attentionMask(UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
            if attention == 0 {
                at += 8
                continue
            }
            // The lowest flagged byte is exact: the bytes before it are plain ASCII.
            at += attention.trailingZeroBitCount >> 3
            guard base[at] == UInt8(ascii: "\"") else { break }
            tape.append(
                JSONTapeEntry(
                    start: UInt32(first), end: UInt32(at), next: UInt32(tape.count + 1), kind: .string, flags: 0))
            index = at + 1
            return
        }
        try scanString(from: at)
    }

    /// Parses the rest of the string whose opening quote is at `index`, from `start`: the bytes before `start`
    /// are plain ASCII.
    private mutating func scanString(from start: Int) throws(Failure) {
        let quote = index
        let base = self.base
        let end = self.end
        var at = start
        var flags: UInt8 = 0
        while true {
            // Eight bytes at a time: past words of plain ASCII, and of ASCII and two-byte sequences (Cyrillic);
            // otherwise straight to the first byte that needs a look (a quote, a backslash, a control or a
            // non-ASCII byte), which is checked as it would be byte by byte.
            if at + 8 <= end {
                let word = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
                let attention = JSONParser.attentionMask(word)
                if attention == 0 {
                    at += 8
                    continue
                }
                if word & 0x8080_8080_8080_8080 != 0 {
                    let step = JSONParser.twoByteStep(word)
                    if step != 0 {
                        at += step
                        continue
                    }
                }
                at += attention.trailingZeroBitCount >> 3
            } else if at >= end {
                index = at
                throw Failure(
                    kind: .unexpectedEnd, offset: at,
                    message: "unexpected end of input in the string that starts at \(position(quote)) (truncated?)")
            }
            let byte = base[at]
            if byte < 0x80 {
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    flags = JSONTapeEntry.hasEscapes
                    // `\uXXXX` is how the Bot API sends every non-ASCII character: checked inline.
                    if at + 6 <= end && base[at + 1] == UInt8(ascii: "u")
                        && JSONParser.isHex(base[at + 2]) && JSONParser.isHex(base[at + 3])
                        && JSONParser.isHex(base[at + 4]) && JSONParser.isHex(base[at + 5])
                    {
                        at += 6
                    } else {
                        index = at
                        try scanEscape()
                        at = index
                    }
                } else if byte < 0x20 {
                    index = at
                    throw Failure(
                        kind: .controlCharacter, offset: at,
                        message: "unescaped control character \(UTF8Validation.describe(byte)) in a string")
                } else {
                    at += 1
                }
            } else if byte >= 0xC2 && byte < 0xE0 && at + 1 < end && base[at + 1] & 0xC0 == 0x80 {
                at += 2  // the common two-byte case (Cyrillic), checked inline
            } else {
                let length = UTF8Validation.sequenceLength(base, at: at, end: end)
                guard length > 0 else {
                    index = at
                    throw Failure(
                        kind: .invalidUTF8, offset: at,
                        message: "invalid UTF-8 (\(UTF8Validation.describe(byte))) in a string")
                }
                at += length
            }
        }
        tape.append(
            JSONTapeEntry(
                start: UInt32(quote + 1), end: UInt32(at), next: UInt32(tape.count + 1), kind: .string,
                flags: flags))
        index = at + 1
    }

    /// Checks the escape at `index` (a backslash) and moves past it; decoding happens later, on demand.
    private mutating func scanEscape() throws(Failure) {
        let backslash = index
        guard index + 1 < end else {
            throw Failure(
                kind: .unexpectedEnd, offset: index + 1, message: "unexpected end of input in an escape (truncated?)")
        }
        switch base[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            guard index + 6 <= end else {
                throw Failure(
                    kind: .unexpectedEnd, offset: end, message: "unexpected end of input in a \\u escape (truncated?)")
            }
            for offset in 2..<6 where JSONParser.hexValue(base[index + offset]) == nil {
                throw Failure(
                    kind: .invalidEscape, offset: index + offset,
                    message: "\\u escape needs four hex digits, found \(UTF8Validation.describe(base[index + offset]))")
            }
            index += 6
        default:
            throw Failure(
                kind: .invalidEscape, offset: backslash,
                message: "invalid escape '\\' followed by \(UTF8Validation.describe(base[index + 1]))")
        }
    }

    private mutating func parseNumber() throws(Failure) {
        let first = index
        var flags = JSONTapeEntry.isInteger
        if base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end else { throw numberCutOff() }
        if base[index] == UInt8(ascii: "0") {
            index += 1
            if index < end && isDigit(base[index]) {
                throw Failure(kind: .invalidNumber, offset: first, message: "a number cannot have leading zeros")
            }
        } else if isDigit(base[index]) {
            skipDigits()
        } else {
            throw Failure(
                kind: .invalidNumber, offset: index,
                message: "expected a digit in a number, found \(UTF8Validation.describe(base[index]))")
        }
        if index < end && base[index] == UInt8(ascii: ".") {
            flags = 0
            index += 1
            try requireDigit()
            skipDigits()
        }
        if index < end && (base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E")) {
            flags = 0
            index += 1
            if index < end && (base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-")) { index += 1 }
            try requireDigit()
            skipDigits()
        }
        tape.append(
            JSONTapeEntry(
                start: UInt32(first), end: UInt32(index), next: UInt32(tape.count + 1), kind: .number, flags: flags))
    }

    private mutating func parseLiteral(_ word: StaticString, kind: JSONKind) throws(Failure) {
        let first = index
        let length = word.utf8CodeUnitCount
        let letters = word.utf8Start
        for offset in 0..<length {
            guard index + offset < end else {
                throw Failure(kind: .unexpectedEnd, offset: end, message: "unexpected end of input (truncated?)")
            }
            guard base[index + offset] == letters[offset] else {
                index += offset
                throw unexpected("'\(word)'")
            }
        }
        index += length
        tape.append(
            JSONTapeEntry(
                start: UInt32(first), end: UInt32(index), next: UInt32(tape.count + 1), kind: kind, flags: 0))
    }

    // MARK: - Helpers

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            if byte == 0x0A { newlines += 1 }
            index += 1
        }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        // Eight bytes at a time: ids and dates run to ten digits and more.
        while index + 8 <= end {
            let digits = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
            // The top bit of each byte that is not a digit (0...9 after the xor), exactly: no carry crosses bytes.
            let others = (((digits & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | digits) & 0x8080_8080_8080_8080
            if others != 0 {
                index += others.trailingZeroBitCount >> 3
                return
            }
            index += 8
        }
        while index < end && isDigit(base[index]) { index += 1 }
    }

    private mutating func requireDigit() throws(Failure) {
        guard index < end else { throw numberCutOff() }
        guard isDigit(base[index]) else {
            throw Failure(
                kind: .invalidNumber, offset: index,
                message: "expected a digit in a number, found \(UTF8Validation.describe(base[index]))")
        }
    }

    // The checks and error builders below are `mutating` only so that the parser is passed to them by reference:
    // a non-mutating call copied all of its state to the stack before every check on the hot path.

    private mutating func numberCutOff() -> Failure {
        Failure(kind: .unexpectedEnd, offset: end, message: "unexpected end of input in a number (truncated?)")
    }

    @inline(__always)
    private mutating func checkDepth(_ depth: Int) throws(Failure) {
        if depth > maxDepth {
            throw Failure(kind: .tooDeep, offset: index, message: "nesting deeper than \(maxDepth) levels")
        }
    }

    @inline(__always)
    private mutating func requireMore(inside container: StaticString, openedAt open: Int) throws(Failure) {
        if index >= end { throw cutOff(inside: container, openedAt: open) }
    }

    @inline(never)
    private mutating func cutOff(inside container: StaticString, openedAt open: Int) -> Failure {
        Failure(
            kind: .unexpectedEnd, offset: end,
            message: "unexpected end of input in the \(container) that starts at \(position(open)) (truncated?)")
    }

    @inline(never)
    private mutating func unexpected(_ expectation: String) -> Failure {
        Failure(
            kind: .unexpectedCharacter, offset: index,
            message: "expected \(expectation), found \(UTF8Validation.describe(base[index]))")
    }

    /// `line 3, byte 41` for messages that point back at an earlier place.
    private mutating func position(_ offset: Int) -> String {
        var line = firstLine
        for position in start..<offset where base[position] == 0x0A {
            line += 1
        }
        return "line \(line), byte \(offset)"
    }

    /// The top bit of each byte of `word` that is `"`, `\`, below 0x20 or 0x80 and above, and possibly of bytes
    /// above such a byte (a borrow); zero when there is none. The lowest bit set is always exact.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = word &- (ones &* 0x20)
        return ((hasQuote | hasBackslash | hasControl) & ~word & highs) | (word & highs)
    }

    /// For a word that starts on a character boundary: 8 (or 7, when the last byte leads a sequence that goes on
    /// in the next word) when the word holds nothing but ASCII other than `"`, `\` and controls, and well-formed
    /// two-byte sequences (U+0080 to U+07FF, which covers Cyrillic); 0 otherwise, and the caller looks closer.
    @inline(__always)
    static func twoByteStep(_ word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // At each byte's top bit: 10xxxxxx (continuation), 110xxxxx (lead of two), 111xxxxx (longer).
        let continuation = word & ~(word << 1) & highs
        let lead = word & (word << 1) & ~(word << 2) & highs
        let longer = word & (word << 1) & (word << 2) & highs
        // C0 and C1 lead overlong forms: bits 1 to 4 all clear.
        let payload = word & (ones &* 0x1E)
        let overlong = lead & ~((payload &+ (ones &* 0x7F)) & highs)
        // Quotes, backslashes and controls among the ASCII bytes (a borrow may flag a byte above one that
        // really is: then the caller looks closer, which is only slower).
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | (word &- (ones &* 0x20))
        guard longer | overlong | (special & ~word & highs) == 0 else { return 0 }
        let lastLeads = lead >> 63 != 0
        let pairedLeads = lead & ~(UInt64(0x80) << 56)
        guard pairedLeads << 8 == continuation else { return 0 }
        return lastLeads ? 7 : 8
    }

    @inline(__always)
    static func isHex(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
