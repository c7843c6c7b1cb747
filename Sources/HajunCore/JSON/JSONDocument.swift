/// A parsed JSON text: the input bytes plus a tape of its values. Navigate it from `root`.
///
/// Strings and numbers are decoded only when asked for, so reading a few fields of a large document costs little
/// more than validating it.
public final class JSONDocument: Sendable {
    /// The nesting limit used when none is given; Telegram's deepest documents nest about ten levels.
    public static let defaultMaxDepth = 256

    /// The whole input the document was parsed from (byte offsets in errors and nodes refer to it).
    public let bytes: [UInt8]
    /// The part of `bytes` that holds this document.
    public let range: Range<Int>
    /// The line `range` starts on.
    public let firstLine: Int
    let tape: [JSONTapeEntry]

    private init(bytes: [UInt8], range: Range<Int>, firstLine: Int, tape: [JSONTapeEntry]) {
        self.bytes = bytes
        self.range = range
        self.firstLine = firstLine
        self.tape = tape
    }

    /// The top-level value.
    public var root: JSONNode { JSONNode(document: self, index: 0) }

    /// Parses `bytes` as one JSON value.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONDocument {
        try parse(bytes, in: 0..<bytes.count, maxDepth: maxDepth)
    }

    /// Parses the bytes of `buffer` (copied) as one JSON value.
    public static func parse(
        _ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth
    ) throws(JSONError) -> JSONDocument {
        try parse(Array(buffer), maxDepth: maxDepth)
    }

    /// Parses `bytes[range]` as one JSON value, where `range` starts on line `firstLine`; byte offsets in nodes and
    /// errors stay offsets into all of `bytes`. Used for JSON Lines without copying each line.
    public static func parse(
        _ bytes: [UInt8], in range: Range<Int>, firstLine: Int = 1, maxDepth: Int = defaultMaxDepth
    ) throws(JSONError) -> JSONDocument {
        let (tape, failure) = JSONParser.parse(bytes, range: range, firstLine: firstLine, maxDepth: maxDepth)
        if let failure {
            throw error(for: failure, in: bytes, range: range, firstLine: firstLine)
        }
        return JSONDocument(bytes: bytes, range: range, firstLine: firstLine, tape: tape)
    }

    /// Parses as much of `bytes` as is valid: on an error the document keeps every value completed before it,
    /// and containers still open at that point report `isComplete == false` (their finished children remain
    /// readable). The document is nil when not even the first value started.
    ///
    /// This is what lets a truncated export or response still yield the posts before the damage.
    public static func parsePrefix(
        _ bytes: [UInt8], maxDepth: Int = defaultMaxDepth
    ) -> (document: JSONDocument?, error: JSONError?) {
        let range = 0..<bytes.count
        let (tape, failure) = JSONParser.parse(bytes, range: range, firstLine: 1, maxDepth: maxDepth)
        let document = tape.isEmpty ? nil : JSONDocument(bytes: bytes, range: range, firstLine: 1, tape: tape)
        return (document, failure.map { error(for: $0, in: bytes, range: range, firstLine: 1) })
    }

    /// The line that holds the byte at `offset` (counted from the start of `range`).
    public func line(at offset: Int) -> Int {
        firstLine + LineCounter.newlines(in: bytes, from: range.lowerBound, to: min(offset, range.upperBound))
    }

    private static func error(
        for failure: JSONParser.Failure, in bytes: [UInt8], range: Range<Int>, firstLine: Int
    ) -> JSONError {
        let offset = failure.offset
        let line = firstLine + LineCounter.newlines(in: bytes, from: range.lowerBound, to: offset)
        var lineStart = offset
        while lineStart > range.lowerBound && bytes[lineStart - 1] != 0x0A {
            lineStart -= 1
        }
        return JSONError(
            kind: failure.kind, byteOffset: offset, line: line, column: offset - lineStart + 1,
            message: failure.message)
    }
}
