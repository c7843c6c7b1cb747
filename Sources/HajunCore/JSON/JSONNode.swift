/// One value inside a `JSONDocument`. Cheap to copy; reading a string or number decodes it from the input.
public struct JSONNode: Sendable {
    public let document: JSONDocument
    let index: Int

    init(document: JSONDocument, index: Int) {
        self.document = document
        self.index = index
    }

    @inline(__always)
    var entry: JSONTapeEntry { document.tape[index] }

    public var kind: JSONKind { entry.kind }

    /// Offset of the value's first byte (for strings, the opening quote) in `document.bytes`.
    public var byteOffset: Int {
        let entry = entry
        return entry.kind == .string ? Int(entry.start) - 1 : Int(entry.start)
    }

    /// Line of the value's first byte.
    public var line: Int { document.line(at: byteOffset) }

    /// False for a container cut off by an error in a document from `JSONDocument.parsePrefix`.
    public var isComplete: Bool { entry.next != 0 }

    public var isNull: Bool { entry.kind == .null }

    public var bool: Bool? {
        switch entry.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// The value of a number written as an integer (no fraction, no exponent) that fits in 64 bits.
    public var int64: Int64? {
        let entry = entry
        guard entry.kind == .number, entry.flags & JSONTapeEntry.isInteger != 0 else { return nil }
        return document.bytes.withUnsafeBufferPointer { buffer in
            JSONTapeReader.integer(in: buffer, start: Int(entry.start), end: Int(entry.end))
        }
    }

    public var double: Double? {
        let entry = entry
        guard entry.kind == .number else { return nil }
        return Double(rawText)
    }

    /// The decoded string, for a string value.
    public var string: String? {
        let entry = entry
        guard entry.kind == .string else { return nil }
        return JSONStringDecoder.decode(
            document.bytes, start: Int(entry.start), end: Int(entry.end),
            hasEscapes: entry.flags & JSONTapeEntry.hasEscapes != 0)
    }

    /// True for a string value equal to `literal`; without escapes no `String` is made.
    func isString(_ literal: StaticString) -> Bool {
        let entry = entry
        guard entry.kind == .string else { return false }
        if entry.flags & JSONTapeEntry.hasEscapes != 0 {
            return string.map {
                $0.utf8.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            } ?? false
        }
        guard Int(entry.end) - Int(entry.start) == literal.utf8CodeUnitCount else { return false }
        let start = Int(entry.start)
        return document.bytes.withUnsafeBufferPointer { bytes in
            let letters = literal.utf8Start
            for offset in 0..<literal.utf8CodeUnitCount where bytes[start + offset] != letters[offset] {
                return false
            }
            return true
        }
    }

    /// The value's bytes as written in the input (for strings, without the quotes and with escapes as written).
    public var rawText: String {
        let entry = entry
        let end =
            entry.kind == .array || entry.kind == .object
            ? min(Int(entry.end), document.range.upperBound - 1) + 1
            : Int(entry.end)
        return String(decoding: document.bytes[Int(entry.start)..<end], as: UTF8.self)
    }

    /// Length in bytes of the value as written (for strings, between the quotes): an upper bound on the decoded
    /// string's UTF-8 length, known without decoding.
    public var encodedLength: Int {
        let entry = entry
        return Int(entry.end) - Int(entry.start)
    }

    /// The member named `key` of an object (the first, if the key repeats); nil for other kinds.
    public subscript(key: String) -> JSONNode? {
        guard entry.kind == .object else { return nil }
        func find(_ wanted: UnsafeBufferPointer<UInt8>) -> JSONNode? {
            var members = children()
            while let keyIndex = members.next() {
                if keyEquals(keyIndex, wanted) { return JSONNode(document: document, index: keyIndex + 1) }
            }
            return nil
        }
        // Literal keys are contiguous already; only bridged or lazy strings need a copy.
        if let found = key.utf8.withContiguousStorageIfAvailable(find) { return found }
        return Array(key.utf8).withUnsafeBufferPointer(find)
    }

    /// The element at `position` of an array; nil for other kinds or past the end.
    public subscript(position: Int) -> JSONNode? {
        guard entry.kind == .array, position >= 0 else { return nil }
        var elements = children()
        var current = 0
        while let child = elements.next() {
            if current == position { return JSONNode(document: document, index: child) }
            current += 1
        }
        return nil
    }

    /// The elements of an array (none for other kinds). In a cut-off document the last one may be incomplete.
    public var elements: Elements {
        Elements(node: self)
    }

    /// The members of an object in input order (none for other kinds). In a cut-off document the last value may
    /// be incomplete.
    public var members: Members {
        Members(node: self)
    }

    /// The number of elements or members; 0 for scalars.
    public var count: Int {
        var children = children()
        var count = 0
        while children.next() != nil { count += 1 }
        return count
    }

    /// Walks the direct children: array elements, or object keys (the value follows each key on the tape).
    func children() -> ChildCursor { ChildCursor(tape: document.tape, childrenOf: index) }

    private func keyEquals(_ keyIndex: Int, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = document.tape[keyIndex]
        let start = Int(key.start)
        let length = Int(key.end) - start
        if key.flags & JSONTapeEntry.hasEscapes != 0 {
            let decoded = JSONNode(document: document, index: keyIndex).string ?? ""
            return decoded.utf8.elementsEqual(wanted)
        }
        guard length == wanted.count else { return false }
        return document.bytes.withUnsafeBufferPointer { buffer in
            for offset in 0..<length where buffer[start + offset] != wanted[offset] {
                return false
            }
            return true
        }
    }

    typealias ChildCursor = JSONChildCursor<[JSONTapeEntry]>

    public struct Elements: Sequence, Sendable {
        let node: JSONNode

        public func makeIterator() -> Iterator {
            Iterator(document: node.document, cursor: node.entry.kind == .array ? node.children() : nil)
        }

        public struct Iterator: IteratorProtocol {
            let document: JSONDocument
            var cursor: ChildCursor?

            public mutating func next() -> JSONNode? {
                guard let index = cursor?.next() else { return nil }
                return JSONNode(document: document, index: index)
            }
        }
    }

    public struct Members: Sequence, Sendable {
        let node: JSONNode

        public func makeIterator() -> Iterator {
            Iterator(document: node.document, cursor: node.entry.kind == .object ? node.children() : nil)
        }

        public struct Iterator: IteratorProtocol {
            let document: JSONDocument
            var cursor: ChildCursor?

            public mutating func next() -> (key: String, value: JSONNode)? {
                guard let index = cursor?.next() else { return nil }
                let key = JSONNode(document: document, index: index).string ?? ""
                return (key, JSONNode(document: document, index: index + 1))
            }
        }
    }
}
