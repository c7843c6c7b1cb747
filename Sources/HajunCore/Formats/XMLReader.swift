/// A small XML reader for feeds: elements, attributes, character data with the XML entities and numeric
/// character references, CDATA, comments, processing instructions and a skipped DOCTYPE (no DTD, no external
/// entities). UTF-8 only.
///
/// Lenient where feeds commonly are: an unknown entity (`&nbsp;` in RSS) or a bare `&` is kept as written.
/// Strict where structure is at stake: mismatched or missing end tags, broken tags and invalid UTF-8 stop the
/// reader with a positioned failure, and the tree built so far is returned for the caller to salvage.
struct XMLReader {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index: Int
    private var stack: [XMLTreeElement] = []
    private var root: XMLTreeElement?

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads `bytes` into a tree. On failure the root (if one started) holds everything read before it, with
    /// elements still open marked `isClosed == false`.
    static func read(_ bytes: [UInt8]) -> (root: XMLTreeElement?, failure: Failure?) {
        var reader = XMLReader(bytes: bytes)
        do throws(Failure) {
            try reader.readDocument()
            return (reader.root, nil)
        } catch {
            return (reader.root, error)
        }
    }

    private mutating func readDocument() throws(Failure) {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                try readMarkup()
            } else {
                try readText()
            }
        }
        if let open = stack.last {
            throw Failure(
                offset: bytes.count,
                message: "unexpected end of input: <\(open.name)> opened at \(describe(open.byteOffset)) is not "
                    + "closed (truncated?)")
        }
        if root == nil { throw Failure(offset: bytes.count, message: "no root element") }
    }

    private mutating func readMarkup() throws(Failure) {
        if hasPrefix("<?") {
            let start = index
            let end = try skip(past: "?>", what: "processing instruction")
            try checkDeclaredEncoding(start..<end)
        } else if hasPrefix("<!--") {
            _ = try skip(past: "-->", what: "comment")
        } else if hasPrefix("<![CDATA[") {
            let start = index + 9
            let end = try skip(past: "]]>", what: "CDATA section") - 3
            try addText(try decode(start..<end, entities: false), at: start)
        } else if hasPrefix("<!") {
            try skipDeclaration()
        } else if hasPrefix("</") {
            try readEndTag()
        } else {
            try readStartTag()
        }
    }

    private mutating func readStartTag() throws(Failure) {
        let open = index
        index += 1
        let name = try readName(after: "'<'")
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw cutOff("the start tag <\(name)>") }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else {
                    throw Failure(offset: index, message: "expected '/>' to end <\(name)>")
                }
                index += 2
                selfClosing = true
                break
            }
            let attribute = try readName(after: "<\(name)")
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw Failure(offset: index, message: "expected '=' after the attribute \(attribute) of <\(name)>")
            }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw Failure(offset: index, message: "the value of \(attribute) in <\(name)> must be quoted")
            }
            let quote = bytes[index]
            let valueStart = index + 1
            var valueEnd = valueStart
            while valueEnd < bytes.count && bytes[valueEnd] != quote {
                if bytes[valueEnd] == UInt8(ascii: "<") {
                    throw Failure(offset: valueEnd, message: "'<' in the value of \(attribute) in <\(name)>")
                }
                valueEnd += 1
            }
            guard valueEnd < bytes.count else { throw cutOff("the attribute \(attribute) of <\(name)>") }
            attributes.append((attribute, try decode(valueStart..<valueEnd, entities: true)))
            index = valueEnd + 1
        }
        let element = XMLTreeElement(name: name, attributes: attributes, byteOffset: open)
        if let parent = stack.last {
            parent.append(element)
        } else if root == nil {
            root = element
        } else {
            throw Failure(offset: open, message: "a second root element <\(name)> (a document has one)")
        }
        if selfClosing {
            element.isClosed = true
        } else {
            stack.append(element)
        }
    }

    private mutating func readEndTag() throws(Failure) {
        let open = index
        index += 2
        let name = try readName(after: "'</'")
        skipWhitespace()
        guard index < bytes.count else { throw cutOff("the end tag </\(name)>") }
        guard bytes[index] == UInt8(ascii: ">") else {
            throw Failure(offset: index, message: "expected '>' to end </\(name)>")
        }
        index += 1
        guard let element = stack.last else {
            throw Failure(offset: open, message: "the end tag </\(name)> has no open element")
        }
        guard element.name == name else {
            throw Failure(
                offset: open,
                message: "the end tag </\(name)> does not match <\(element.name)> opened at "
                    + describe(element.byteOffset))
        }
        element.isClosed = true
        stack.removeLast()
    }

    private mutating func readText() throws(Failure) {
        let start = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
        if stack.isEmpty {
            if let stray = (start..<index).first(where: { !FeedText.isWhitespace(bytes[$0]) }) {
                throw Failure(offset: stray, message: "text outside the root element")
            }
            return
        }
        try addText(try decode(start..<index, entities: true), at: start)
    }

    private func addText(_ text: String, at offset: Int) throws(Failure) {
        guard let parent = stack.last else {
            throw Failure(offset: offset, message: "character data outside the root element")
        }
        parent.append(text: text)
    }

    /// Character data with line ends normalized to `\n`, entities decoded when `entities`, UTF-8 checked.
    private func decode(_ range: Range<Int>, entities: Bool) throws(Failure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var position = range.lowerBound
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) in
            let base = buffer.baseAddress!
            while position < range.upperBound {
                let byte = base[position]
                if byte == UInt8(ascii: "&") && entities,
                    let (scalar, length) = XMLReader.entity(buffer, at: position, end: range.upperBound)
                {
                    UTF8Validation.append(scalar: scalar, to: &output)
                    position += length
                } else if byte == 0x0D {
                    output.append(0x0A)
                    position += position + 1 < range.upperBound && base[position + 1] == 0x0A ? 2 : 1
                } else if byte < 0x80 {
                    output.append(byte)
                    position += 1
                } else {
                    let length = UTF8Validation.sequenceLength(base, at: position, end: range.upperBound)
                    guard length > 0 else {
                        throw Failure(offset: position, message: "invalid UTF-8 (\(UTF8Validation.describe(byte)))")
                    }
                    output.append(contentsOf: UnsafeBufferPointer(start: base + position, count: length))
                    position += length
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The XML entity or character reference at `start` (an `&`) and its length; nil for anything else.
    static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (UInt32, Int)? {
        var semicolon = start + 1
        while semicolon < end && semicolon - start <= 10 && bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";"), semicolon > start + 1 else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<semicolon])
        let length = semicolon - start + 1
        if name[0] == UInt8(ascii: "#") {
            return numericReference(name).map { ($0, length) }
        }
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return (0x3C, length)
        case "gt": return (0x3E, length)
        case "amp": return (0x26, length)
        case "quot": return (0x22, length)
        case "apos": return (0x27, length)
        default: return nil
        }
    }

    /// `#123` or `#x1F680` as a Unicode scalar value; nil for malformed or non-character values.
    static func numericReference(_ name: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let hex = name.count > 1 && (name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X"))
        let digits = name.dropFirst(hex ? 2 : 1)
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            if hex {
                guard let nibble = JSONParser.hexValue(digit) else { return nil }
                value = value * 16 + nibble
            } else {
                guard digit &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + UInt32(digit - UInt8(ascii: "0"))
            }
        }
        guard value != 0, value <= 0x10FFFF, !(0xD800..<0xE000).contains(value) else { return nil }
        return value
    }

    // MARK: - Helpers

    private mutating func readName(after context: String) throws(Failure) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if FeedText.isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'")
            {
                break
            }
            index += 1
        }
        guard index > start else {
            guard index < bytes.count else { throw cutOff("a tag") }
            throw Failure(
                offset: index,
                message: "expected a name after \(context), found \(UTF8Validation.describe(bytes[index]))")
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let letters = prefix.utf8Start
        for offset in 0..<length where bytes[index + offset] != letters[offset] {
            return false
        }
        return true
    }

    /// Moves past the next `terminator`; returns the offset just after it.
    private mutating func skip(past terminator: StaticString, what: String) throws(Failure) -> Int {
        let start = index
        let length = terminator.utf8CodeUnitCount
        index += 2
        while index + length <= bytes.count {
            if hasPrefix(terminator) {
                index += length
                return index
            }
            index += 1
        }
        index = bytes.count
        throw Failure(offset: start, message: "the \(what) that starts here is not closed (truncated?)")
    }

    /// Skips `<!DOCTYPE …>` including an internal subset in brackets.
    private mutating func skipDeclaration() throws(Failure) {
        let start = index
        var depth = 0
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ">") && depth <= 0 {
                return
            }
        }
        throw Failure(offset: start, message: "the declaration that starts here is not closed (truncated?)")
    }

    /// Refuses `<?xml … encoding="windows-1251"?>`: the reader only knows UTF-8.
    private func checkDeclaredEncoding(_ range: Range<Int>) throws(Failure) {
        let text = String(decoding: bytes[range], as: UTF8.self)
        guard text.hasPrefix("<?xml"), let found = text.firstRange(of: "encoding") else { return }
        let rest = text[found.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let encoding = rest.dropFirst().prefix { $0 != quote }.lowercased()
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding) else {
            throw Failure(
                offset: range.lowerBound, message: "the document declares encoding \(encoding); only UTF-8 is read")
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count && FeedText.isWhitespace(bytes[index]) { index += 1 }
    }

    private func cutOff(_ what: String) -> Failure {
        Failure(offset: bytes.count, message: "unexpected end of input in \(what) (truncated?)")
    }

    private func describe(_ offset: Int) -> String {
        "line \(1 + LineCounter.newlines(in: bytes, from: 0, to: offset)), byte \(offset)"
    }
}
