/// A borrowed view of a parsed JSON value for readers that look at many of its values: the input and the tape as
/// buffers, values named by their tape index.
///
/// What `JSONNode` offers, for the hot parsers: a node holds its document, and walking a post through nodes
/// retains and releases that document at every step. Only valid inside the `with…` call that made it.
struct JSONTapeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let tape: UnsafeBufferPointer<JSONTapeEntry>

    /// Reads `document` through a reader.
    static func with<Result>(_ document: JSONDocument, _ body: (JSONTapeReader) -> Result) -> Result {
        with(bytes: document.bytes, tape: document.tape, body)
    }

    /// Reads `tape`, made by `JSONParser` over `bytes`, through a reader.
    static func with<Result>(
        bytes: [UInt8], tape: [JSONTapeEntry], _ body: (JSONTapeReader) -> Result
    ) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            tape.withUnsafeBufferPointer { tape in body(JSONTapeReader(bytes: bytes, tape: tape)) }
        }
    }

    /// Reads `tape`, made by `JSONParser.parseValue` over `bytes`, through a reader.
    static func with<Result>(
        bytes: [UInt8], tape: borrowing JSONTapeBuffer, _ body: (JSONTapeReader) -> Result
    ) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            tape.withUnsafeBufferPointer { tape in body(JSONTapeReader(bytes: bytes, tape: tape)) }
        }
    }

    @inline(__always)
    func kind(_ value: Int) -> JSONKind { tape[value].kind }

    /// As `JSONNode.byteOffset`.
    func byteOffset(_ value: Int) -> Int {
        let entry = tape[value]
        return entry.kind == .string ? Int(entry.start) - 1 : Int(entry.start)
    }

    /// As `JSONNode.isComplete`.
    func isComplete(_ value: Int) -> Bool { tape[value].next != 0 }

    /// As `JSONNode.int64`.
    func int64(_ value: Int) -> Int64? {
        let entry = tape[value]
        guard entry.kind == .number, entry.flags & JSONTapeEntry.isInteger != 0 else { return nil }
        return Self.integer(in: bytes, start: Int(entry.start), end: Int(entry.end))
    }

    /// The integer written in `bytes[start..<end]` (an optional `-`, then digits), or nil when it does not fit in
    /// 64 bits.
    static func integer(in bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int64? {
        var position = start
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        if end - position <= 18 {
            // Eighteen digits cannot overflow: no checks needed (ids and dates are far shorter).
            var magnitude: Int64 = 0
            for offset in position..<end { magnitude = magnitude &* 10 &+ Int64(bytes[offset] &- UInt8(ascii: "0")) }
            return negative ? -magnitude : magnitude
        }
        var result: Int64 = 0
        while position < end {
            let digit = Int64(bytes[position] &- UInt8(ascii: "0"))
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            // Accumulating downwards for negatives reaches Int64.min without overflowing.
            let (next, overflow2) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            result = next
            position += 1
        }
        return result
    }

    /// As `JSONNode.string`.
    func string(_ value: Int) -> String? {
        let entry = tape[value]
        guard entry.kind == .string else { return nil }
        return JSONStringDecoder.decode(
            bytes.baseAddress!, start: Int(entry.start), end: Int(entry.end),
            hasEscapes: entry.flags & JSONTapeEntry.hasEscapes != 0)
    }

    /// The raw bytes of a string without escapes (what it decodes to); nil for other values and escaped strings.
    func plainStringBytes(_ value: Int) -> UnsafeBufferPointer<UInt8>? {
        let entry = tape[value]
        guard entry.kind == .string, entry.flags & JSONTapeEntry.hasEscapes == 0 else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
    }

    /// As `JSONNode.isString(_:)`.
    func isString(_ value: Int, _ literal: StaticString) -> Bool {
        let entry = tape[value]
        guard entry.kind == .string else { return false }
        return stringEquals(entry, literal)
    }

    /// As `JSONNode[key]`: the value of the first member named `key` of an object; nil for other values.
    func member(_ object: Int, _ key: StaticString) -> Int? {
        guard tape[object].kind == .object else { return nil }
        var members = children(object)
        while let keyIndex = members.next() {
            if stringEquals(tape[keyIndex], key) { return keyIndex + 1 }
        }
        return nil
    }

    /// True when the string `entry` decodes to `literal`.
    @inline(__always)
    private func stringEquals(_ entry: JSONTapeEntry, _ literal: StaticString) -> Bool {
        let start = Int(entry.start)
        let length = Int(entry.end) - start
        let wanted = literal.utf8CodeUnitCount
        guard entry.flags & JSONTapeEntry.hasEscapes == 0 else {
            // Rare: an escaped key or value, compared decoded.
            let decoded = JSONStringDecoder.decode(
                bytes.baseAddress!, start: start, end: Int(entry.end), hasEscapes: true)
            return decoded.utf8.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: wanted))
        }
        return length == wanted && JSONTapeReader.equal(bytes.baseAddress! + start, literal.utf8Start, count: length)
    }

    /// True when the `count` bytes at `left` and `right` are the same.
    @inline(__always)
    static func equal(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            let a = UnsafeRawPointer(left + offset).loadUnaligned(as: UInt64.self)
            let b = UnsafeRawPointer(right + offset).loadUnaligned(as: UInt64.self)
            if a != b { return false }
            offset += 8
        }
        while offset < count {
            if left[offset] != right[offset] { return false }
            offset += 1
        }
        return true
    }

    /// As `JSONNode.children()`: array elements, or object keys (each key's value follows it on the tape).
    func children(_ value: Int) -> Cursor { Cursor(tape: tape, childrenOf: value) }

    typealias Cursor = JSONChildCursor<UnsafeBufferPointer<JSONTapeEntry>>
}
