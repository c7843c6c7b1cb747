/// What the term index found at recently seen words: for a word of at most 32 bytes, the patterns whose first word
/// it matched, in the order the index reports them, and its letters as language detection counts them
/// (`LanguageWordTally.pack`). Posts repeat their words (places, equipment, the same verbs), so most words are
/// answered by one lookup here instead of probing the index at every character and decoding their letters.
///
/// Exact: a word is its bytes packed into four integers with its length, compared in full. The memo is two-way
/// set-associative, least recently used out (the thousand most frequent words make nearly all of a feed's words),
/// and belongs to one classifier's scratch: its entries are only valid for that classifier's index. It frees
/// nothing itself: `AnalysisScratch` calls `deallocate()`.
struct WordMemo {
    /// The longest word remembered, in bytes (words are remembered with their packed letters).
    static let longestWord = LanguageWordTally.longestPacked
    /// At most this many first-word matches are remembered for a word; a word with more, or with a pattern index
    /// beyond `Int16`, is looked up every time.
    static let capacity = 11
    /// 2^12 sets of two entries (64 bytes each: 512 KiB).
    private static let setBits = 12

    /// A word of at most 32 bytes, packed (little-endian, zero-padded).
    struct Key {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
        var fourth: UInt64 = 0
        var length = 0
        /// The first of the two entries the word may be in (`slotOfWord`), once worked out.
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

        /// The first of the two entries the word may be in.
        var slotOfWord: Int {
            let mixed = (first ^ (second &* 0xC2B2_AE3D_27D4_EB4F)) &+ (third ^ (fourth &* 0x1656_67B1_9E37_79F9))
            return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - WordMemo.setBits)) << 1
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

    /// One remembered word, in one cache line; a length of 0 marks an empty entry.
    private struct Entry {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
        var fourth: UInt64 = 0
        var letters: UInt64 = 0
        var refs = InlineArray<11, Int16>(repeating: 0)
        var length: UInt8 = 0
        var count: UInt8 = 0

        init() {}

        init(_ key: Key, _ recording: Recording) {
            first = key.first
            second = key.second
            third = key.third
            fourth = key.fourth
            length = UInt8(key.length)
            refs = recording.refs
            letters = recording.letters
            count = UInt8(recording.count)
        }

        @inline(__always)
        func holds(_ key: Key) -> Bool {
            Int(length) == key.length && first == key.first && second == key.second && third == key.third
                && fourth == key.fourth
        }

        var recording: Recording { Recording(count: Int(count), refs: refs, letters: letters) }
    }

    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: 2 << WordMemo.setBits)
        entries.initialize(repeating: Entry(), count: 2 << WordMemo.setBits)
    }

    func deallocate() { entries.deallocate() }

    /// Reads the entries of `slot` (a `Key.slot`) ahead of `recording(for:slot:)`, so that they are in cache by
    /// then. Returns 0 (the lengths are at most `longestWord`), in a form the compiler cannot drop.
    @inline(__always)
    func touch(_ slot: Int) -> Int {
        Int(truncatingIfNeeded: (entries[slot].length | entries[slot + 1].length) >> 6)
    }

    /// The remembered matches of the word `key`, if it is remembered; it becomes the most recently used.
    @inline(__always)
    func recording(for key: Key, slot: Int) -> Recording? {
        if entries[slot].holds(key) { return entries[slot].recording }
        guard entries[slot + 1].holds(key) else { return nil }
        let found = entries[slot + 1]
        entries[slot + 1] = entries[slot]
        entries[slot] = found
        return found.recording
    }

    /// Remembers `recording` for the word `key` (not remembered), unless it found too many matches to keep; the
    /// least recently used of the two entries goes.
    @inline(__always)
    func remember(_ recording: Recording, for key: Key, slot: Int) {
        guard recording.count <= WordMemo.capacity else { return }
        entries[slot + 1] = entries[slot]
        entries[slot] = Entry(key, recording)
    }
}
