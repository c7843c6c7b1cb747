/// A fixed set of up to 16 object keys, matched against an object's members in one pass.
///
/// Parsers read a dozen optional fields of every post; looking each up separately scans the object a dozen
/// times (most of them for keys that are absent). One pass with a length-bucketed table is several times cheaper.
struct JSONKeyTable: Sendable {
    static let capacity = 16

    private let keys: [[UInt8]]
    /// Each key's first eight bytes (zero-padded) as one word, so most candidates are ruled out by one compare.
    private let prefixes: [UInt64]
    /// All keys' bytes one after another, and where each key starts in them.
    private let keyBytes: [UInt8]
    private let keyStarts: [Int]
    /// Key indices ordered by key length, and where each length's run starts (`runs[length]..<runs[length + 1]`).
    private let ordered: [Int]
    private let runs: [Int]

    init(_ names: [String]) {
        precondition(names.count <= JSONKeyTable.capacity, "a key table holds at most 16 keys")
        let keys = names.map { Array($0.utf8) }
        let longest = keys.map(\.count).max() ?? 0
        let ordered = keys.indices.sorted { (keys[$0].count, $0) < (keys[$1].count, $1) }
        var runs = [Int](repeating: 0, count: longest + 2)
        for length in 0...(longest + 1) {
            runs[length] = ordered.firstIndex { keys[$0].count >= length } ?? ordered.count
        }
        self.keys = keys
        self.prefixes = keys.map { key in
            key.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        self.keyBytes = keys.flatMap { $0 }
        self.keyStarts = keys.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        self.ordered = ordered
        self.runs = runs
    }

    /// The first `min(length, 8)` bytes at `start` as a word, zero-padded like `prefixes`.
    @inline(__always)
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> UInt64 {
        if start + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self)
            return length >= 8 ? word : word & ((1 << (8 * UInt64(length))) - 1)
        }
        var word: UInt64 = 0
        for offset in 0..<min(length, 8) { word |= UInt64(bytes[start + offset]) << (8 * UInt64(offset)) }
        return word
    }

    /// The values of this table's keys in `object` (the first occurrence of a repeated key wins). Absent keys,
    /// and everything when `object` is not an object, come back nil.
    func members(of object: JSONNode) -> JSONKeyMatches {
        var matches = JSONKeyMatches(document: object.document)
        matches.slots = JSONTapeReader.with(object.document) { slots(of: object.index, in: $0) }
        return matches
    }

    /// The tape indices of the values of this table's keys in the object at tape index `object`, by the key's
    /// position in the table; 0 (never a member value) for absent keys, and for all when it is not an object.
    func slots(of object: Int, in reader: JSONTapeReader) -> InlineArray<16, UInt32> {
        var slots = InlineArray<16, UInt32>(repeating: 0)
        guard reader.kind(object) == .object else { return slots }
        let bytes = reader.bytes
        var cursor = reader.children(object)
        while let keyIndex = cursor.next() {
            let key = reader.tape[keyIndex]
            let start = Int(key.start)
            let length = Int(key.end) - start
            if key.flags & JSONTapeEntry.hasEscapes != 0 {
                // Rare: compare the decoded key.
                let decoded = Array((reader.string(keyIndex) ?? "").utf8)
                if let slot = keys.firstIndex(of: decoded), slots[slot] == 0 {
                    slots[slot] = UInt32(keyIndex + 1)
                }
                continue
            }
            guard length + 1 < runs.count else { continue }
            let first = runs[length]
            let last = runs[length + 1]
            guard first < last else { continue }
            let head = JSONKeyTable.prefix(bytes, start: start, length: length)
            for position in first..<last {
                let slot = ordered[position]
                guard slots[slot] == 0, prefixes[slot] == head else { continue }
                if length <= 8
                    || keyBytes.withUnsafeBufferPointer({ key in
                        JSONTapeReader.equal(
                            bytes.baseAddress! + start + 8, key.baseAddress! + keyStarts[slot] + 8, count: length - 8)
                    })
                {
                    slots[slot] = UInt32(keyIndex + 1)
                    break
                }
            }
        }
        return slots
    }
}

/// What `JSONKeyTable.members(of:)` found: the value of each table key, by the key's position in the table.
struct JSONKeyMatches {
    let document: JSONDocument
    /// Tape indices of the values; 0 (never a member value) for absent keys.
    var slots = InlineArray<16, UInt32>(repeating: 0)

    init(document: JSONDocument) {
        self.document = document
    }

    subscript(_ key: Int) -> JSONNode? {
        let index = slots[key]
        return index == 0 ? nil : JSONNode(document: document, index: Int(index))
    }
}
