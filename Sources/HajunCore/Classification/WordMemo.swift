/// What the term index found at recently seen words: for a word of at most 32 bytes, the patterns whose first word
/// it matched, in the order the index reports them, and its letters as language detection counts them
/// (`LanguageWordTally.pack`). Posts repeat their words (places, equipment, the same verbs), so most words are
/// answered by one lookup here instead of probing the index at every character and decoding their letters.
///
/// Exact: a word is its bytes packed into four integers, compared in full. The memo is set-associative, a set one
/// cache line holding two short words (most words) or one long one, least recently used out (the thousand most
/// frequent words make nearly all of a feed's words), and belongs to one classifier's scratch: its entries are
/// only valid for that classifier's index. It frees nothing itself: `AnalysisScratch` calls `deallocate()`.
struct WordMemo {
    /// The longest word remembered, in bytes (words are remembered with their packed letters).
    static let longestWord = LanguageWordTally.longestPacked
    /// At most this many first-word matches are remembered for a word; a word with more, or with a pattern index
    /// beyond `Int16`, is looked up every time.
    static let capacity = 11
    /// 2^13 sets of 64 bytes (512 KiB), each two short entries or one long one.
    static let setBits = 13

    /// A word of at most 32 bytes, packed (little-endian, zero-padded).
    struct Key {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
        var fourth: UInt64 = 0
        var length = 0
        /// The set the word may be in (`slotOfWord`), once worked out.
        var slot = 0

        init() {}

        @inline(__always)
        init(_ text: UnsafeBufferPointer<UInt8>, start: Int, length: Int) {
            self.length = length
            first = Key.chunk(text, start: start, count: length)
            if length > 8 { second = Key.chunk(text, start: start + 8, count: length - 8) }
            if length > 16 { third = Key.chunk(text, start: start + 16, count: length - 16) }
            if length > 24 { fourth = Key.chunk(text, start: start + 24, count: length - 24) }
        }

        /// Up to 8 bytes from `start` (`count` of them, at most 8 used) as one integer.
        @inline(__always)
        private static func chunk(_ text: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> UInt64 {
            let used = min(count, 8)
            if start + 8 <= text.count, let base = text.baseAddress {
                let raw = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self)
                let loaded = UInt64(littleEndian: raw)
                return used == 8 ? loaded : loaded & ((1 << UInt64(8 * used)) - 1)
            }
            var value: UInt64 = 0
            for index in 0..<used { value |= UInt64(text[start + index]) << UInt64(8 * index) }
            return value
        }

        /// The set the word may be in.
        var slotOfWord: Int {
            let mixed = (first ^ (second &* 0xC2B2_AE3D_27D4_EB4F)) &+ (third ^ (fourth &* 0x1656_67B1_9E37_79F9))
            return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - WordMemo.setBits))
        }
    }

    /// The first-word matches of one word, in the order the index reports them, and its packed letters. `refs`
    /// are pattern indices, negative (`-1 - pattern`) for patterns of one word.
    struct Recording {
        var count = 0
        var refs = InlineArray<11, Int16>(repeating: 0)
        var letters: UInt64 = 0

        @inline(__always)
        mutating func add(_ ref: Int32) {
            if count < WordMemo.capacity {
                // Too large a pattern index makes the word unrememberable, like too many matches.
                guard let small = Int16(exactly: ref) else {
                    count = WordMemo.capacity + 1
                    return
                }
                refs[count] = small
            }
            count += 1
        }
    }

    /// A remembered word in its set: `half` points at the 32 bytes that start its entry (see `Layout`).
    struct Known {
        fileprivate let half: UnsafeRawPointer

        /// Its packed letters (`LanguageWordTally.pack`).
        @inline(__always)
        var letters: UInt64 { half.load(fromByteOffset: Layout.letters, as: UInt64.self) }

        /// How many first-word matches it has.
        @inline(__always)
        var count: Int { Int(half.load(fromByteOffset: Layout.count, as: UInt8.self)) }

        /// Its `index`th match, as `Recording.refs` holds them.
        @inline(__always)
        func ref(_ index: Int) -> Int16 {
            let offset = index < Layout.shortRefs ? Layout.refs + 2 * index : Layout.longRefs + 2 * index
            return half.loadUnaligned(fromByteOffset: offset, as: Int16.self)
        }
    }

    /// Where things are in a set of 64 bytes (one cache line), which holds two short entries of 32 bytes each (a
    /// word of at most 16 bytes with at most 3 matches), the most recently used first, or one long entry. Both
    /// start with the word's first 16 bytes, its letters, three refs, a tag (0 empty, 1 short, 2 long) and the
    /// match count; a long entry's second half holds the word's last 16 bytes and 8 more refs. A word is its
    /// bytes zero-padded (words hold no zero byte, so no two words pack alike).
    private enum Layout {
        static let setBytes = 64
        static let halfBytes = 32
        static let first = 0
        static let second = 8
        static let letters = 16
        static let refs = 24
        static let tag = 30
        static let count = 31
        static let third = 32
        static let fourth = 40
        /// Where ref 3 onwards of a long entry start, less 2 per ref before them: ref `i` is at `longRefs + 2 i`.
        static let longRefs = 48 - 2 * 3
        static let shortRefs = 3
        static let shortWord = 16
        static let empty: UInt8 = 0
        static let short: UInt8 = 1
        static let long: UInt8 = 2
    }

    private let sets: UnsafeMutableRawPointer

    init() {
        let bytes = Layout.setBytes << WordMemo.setBits
        sets = .allocate(byteCount: bytes, alignment: Layout.setBytes)
        sets.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    func deallocate() { sets.deallocate() }

    /// Reads the set `slot` (a `Key.slot`) ahead of `known(_:slot:)`, so that it is in cache by then. Returns 0
    /// (the tags are at most 2), in a form the compiler cannot drop.
    @inline(__always)
    func touch(_ slot: Int) -> Int {
        Int(truncatingIfNeeded: sets.load(fromByteOffset: slot * Layout.setBytes + Layout.tag, as: UInt8.self) >> 6)
    }

    /// The remembered word `key`, if it is remembered; it becomes the most recently used of its set. Valid until
    /// the next `remember`.
    @inline(__always)
    func known(_ key: Key, slot: Int) -> Known? {
        let set = sets + slot * Layout.setBytes
        let tag = set.load(fromByteOffset: Layout.tag, as: UInt8.self)
        if tag == Layout.long {
            let third = set.load(fromByteOffset: Layout.third, as: UInt64.self)
            let fourth = set.load(fromByteOffset: Layout.fourth, as: UInt64.self)
            guard WordMemo.holds(set, key) && third == key.third && fourth == key.fourth else { return nil }
            return Known(half: set)
        }
        guard key.length <= Layout.shortWord else { return nil }
        if tag == Layout.short && WordMemo.holds(set, key) { return Known(half: set) }
        let other = set + Layout.halfBytes
        guard other.load(fromByteOffset: Layout.tag, as: UInt8.self) == Layout.short && WordMemo.holds(other, key)
        else { return nil }
        // Most recently used first: the two halves trade places.
        let kept = other.load(as: SIMD32<UInt8>.self)
        other.storeBytes(of: set.load(as: SIMD32<UInt8>.self), as: SIMD32<UInt8>.self)
        set.storeBytes(of: kept, as: SIMD32<UInt8>.self)
        return Known(half: set)
    }

    /// Whether the entry at `half` starts with the first 16 bytes of `key`.
    @inline(__always)
    private static func holds(_ half: UnsafeMutableRawPointer, _ key: Key) -> Bool {
        half.load(fromByteOffset: Layout.first, as: UInt64.self) == key.first
            && half.load(fromByteOffset: Layout.second, as: UInt64.self) == key.second
    }

    /// Remembers `recording` for the word `key` (not remembered), unless it found too many matches to keep: a
    /// short entry pushes the other short one of the set out of the way (the least recently used goes), a long
    /// one takes the whole set.
    @inline(__always)
    func remember(_ recording: Recording, for key: Key, slot: Int) {
        guard recording.count <= WordMemo.capacity else { return }
        let set = sets + slot * Layout.setBytes
        if key.length <= Layout.shortWord && recording.count <= Layout.shortRefs {
            if set.load(fromByteOffset: Layout.tag, as: UInt8.self) == Layout.long {
                set.storeBytes(of: Layout.empty, toByteOffset: Layout.halfBytes + Layout.tag, as: UInt8.self)
            } else {
                (set + Layout.halfBytes).storeBytes(of: set.load(as: SIMD32<UInt8>.self), as: SIMD32<UInt8>.self)
            }
            WordMemo.write(recording, key, tag: Layout.short, at: set)
            return
        }
        WordMemo.write(recording, key, tag: Layout.long, at: set)
        set.storeBytes(of: key.third, toByteOffset: Layout.third, as: UInt64.self)
        set.storeBytes(of: key.fourth, toByteOffset: Layout.fourth, as: UInt64.self)
        for index in Layout.shortRefs..<max(recording.count, Layout.shortRefs) {
            set.storeBytes(of: recording.refs[index], toByteOffset: Layout.longRefs + 2 * index, as: Int16.self)
        }
    }

    /// Writes the first half of an entry.
    @inline(__always)
    private static func write(_ recording: Recording, _ key: Key, tag: UInt8, at half: UnsafeMutableRawPointer) {
        half.storeBytes(of: key.first, toByteOffset: Layout.first, as: UInt64.self)
        half.storeBytes(of: key.second, toByteOffset: Layout.second, as: UInt64.self)
        half.storeBytes(of: recording.letters, toByteOffset: Layout.letters, as: UInt64.self)
        for index in 0..<min(recording.count, Layout.shortRefs) {
            half.storeBytes(of: recording.refs[index], toByteOffset: Layout.refs + 2 * index, as: Int16.self)
        }
        half.storeBytes(of: tag, toByteOffset: Layout.tag, as: UInt8.self)
        half.storeBytes(of: UInt8(recording.count), toByteOffset: Layout.count, as: UInt8.self)
    }
}
