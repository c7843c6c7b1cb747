/// The compiled form of every word list the classifier matches (category terms, place names, equipment aliases,
/// count nouns, direction markers, prepositions, number words): a hash table from stems to patterns.
///
/// Matching walks each word of the normalized post once, hashing its bytes with FNV-1a and probing the table at
/// every character boundary, so a word finds every stem that is a prefix of it; the rest of the word must then
/// be an allowed ending (inflected), nothing (exact) or anything (prefix). No regex, no Foundation, no
/// allocation except appending matches.
struct TermIndex: Sendable {
    /// How a word of a pattern matches a word of a post.
    enum Mode: UInt8, Sendable {
        /// The word exactly.
        case exact
        /// One of the stems followed by an allowed ending.
        case inflected
        /// Any word that starts with the stem.
        case prefix
    }

    /// One word of a pattern: the stems it is indexed under and how the rest of a post's word is judged.
    struct WordSpec: Sendable, Hashable {
        var stems: [[UInt8]]
        var mode: Mode
        var endingSet: Int
    }

    /// What a pattern stands for.
    enum Payload: Sendable, Hashable {
        case term(category: Int, weight: Double, label: Int)
        case equipment(Int)
        case place(Int)
        case countNoun
        case directionMarker
        case preposition
        case number(Int)
    }

    /// A word or phrase to find, with what it means and the language it is evidence of (nil when the same
    /// spelling belongs to several languages).
    struct Pattern: Sendable {
        var words: [WordSpec]
        var payload: Payload
        var language: Language?
    }

    /// A pattern found in a post: `length` words starting at word `start`.
    struct Match: Sendable, Hashable {
        var start: Int32
        var length: Int32
        var pattern: Int32
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// What each pattern stands for, by pattern index (flat, so reading them costs no reference counting).
    let payloads: [Payload]
    let languages: [Language?]
    /// Each pattern's later words, for the few patterns of more than one word (empty for one-word patterns).
    private let laterWords: [[WordSpec]]
    private let wordCounts: [Int32]

    // The stems of every pattern's first word, in flat arrays: slot -> first record with that hash; records
    // with equal hashes chain through `recordNext`.
    private let keys: [UInt64]
    /// One bit per hash of every stem (2^17 bits, 16 KiB, fits the L1 cache): most prefixes of most words are
    /// no stem, and this answers that without touching the larger table.
    private let filter: [UInt64]
    private let heads: [Int32]
    private let mask: Int
    private let stemBytes: [UInt8]
    private let recordStemStart: [Int32]
    private let recordStemLength: [Int32]
    private let recordMode: [Mode]
    private let recordEndingSet: [UInt8]
    private let recordPatternStart: [Int32]
    private let recordPatternCount: [Int32]
    private let recordNext: [Int32]
    private let patternRefs: [Int32]
    private let endings: SmallHashTable

    init(patterns: [Pattern]) {
        payloads = patterns.map(\.payload)
        languages = patterns.map(\.language)
        laterWords = patterns.map { Array($0.words.dropFirst()) }
        wordCounts = patterns.map { Int32($0.words.count) }
        endings = InflectionEndings.table

        struct RecordKey: Hashable {
            var bytes: [UInt8]
            var mode: Mode
            var endingSet: Int
        }
        var order: [RecordKey] = []
        var refsByKey: [RecordKey: [Int32]] = [:]
        for (patternIndex, pattern) in patterns.enumerated() {
            guard let first = pattern.words.first else { continue }
            for stem in first.stems where !stem.isEmpty {
                let key = RecordKey(bytes: stem, mode: first.mode, endingSet: first.endingSet)
                if refsByKey[key] == nil { order.append(key) }
                if refsByKey[key]?.last != Int32(patternIndex) {
                    refsByKey[key, default: []].append(Int32(patternIndex))
                }
            }
        }
        var stemBytes: [UInt8] = []
        var recordStemStart: [Int32] = [], recordStemLength: [Int32] = [], recordMode: [Mode] = []
        var recordEndingSet: [UInt8] = [], recordPatternStart: [Int32] = [], recordPatternCount: [Int32] = []
        var recordNext: [Int32] = [], patternRefs: [Int32] = []
        var headByHash: [UInt64: Int32] = [:]
        for key in order {
            let hash = TermIndex.hash(key.bytes)
            let refs = refsByKey[key] ?? []
            recordStemStart.append(Int32(stemBytes.count))
            recordStemLength.append(Int32(key.bytes.count))
            stemBytes += key.bytes
            recordMode.append(key.mode)
            recordEndingSet.append(UInt8(key.endingSet))
            recordPatternStart.append(Int32(patternRefs.count))
            recordPatternCount.append(Int32(refs.count))
            patternRefs += refs
            recordNext.append(headByHash[hash] ?? -1)
            headByHash[hash] = Int32(recordNext.count - 1)
        }
        var capacity = 64
        while capacity < headByHash.count * 3 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var heads = [Int32](repeating: -1, count: capacity)
        for (hash, head) in headByHash {
            var slot = TermIndex.slot(hash, mask: capacity - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = hash
            heads[slot] = head
        }
        var filter = [UInt64](repeating: 0, count: TermIndex.filterWords)
        for hash in headByHash.keys {
            let bit = TermIndex.filterBit(hash)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.filter = filter
        self.keys = keys
        self.heads = heads
        self.mask = capacity - 1
        self.stemBytes = stemBytes
        self.recordStemStart = recordStemStart
        self.recordStemLength = recordStemLength
        self.recordMode = recordMode
        self.recordEndingSet = recordEndingSet
        self.recordPatternStart = recordPatternStart
        self.recordPatternCount = recordPatternCount
        self.recordNext = recordNext
        self.patternRefs = patternRefs
    }

    /// FNV-1a over `bytes`, never zero (zero marks an empty slot).
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = fnvBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return hash == 0 ? 1 : hash
    }

    private static let filterWords = 1 << 11

    @inline(__always)
    private static func filterBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> (64 - 17))
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// Appends every pattern that starts at any word of the post, word by word. `words` holds each word's start
    /// and end byte.
    func collect(
        in bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, into matches: inout [Match]
    ) {
        // The filter and the slot keys are read at nearly every character: without bounds checks.
        filter.withUnsafeBufferPointer { filter in
            keys.withUnsafeBufferPointer { keys in
                for word in 0..<words.count {
                    collect(in: bytes, words: words, at: word, filter: filter, keys: keys, into: &matches)
                }
            }
        }
    }

    /// Appends every pattern that starts at word `word` of the post.
    @inline(__always)
    private func collect(
        in bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, at word: Int,
        filter: UnsafeBufferPointer<UInt64>, keys: UnsafeBufferPointer<UInt64>, into matches: inout [Match]
    ) {
        let span = words[word]
        let start = Int(span.start)
        let end = Int(span.end)
        let firstNew = matches.count
        var hash = TermIndex.fnvBasis
        var position = start
        while position < end {
            hash = (hash ^ UInt64(bytes[position])) &* TermIndex.fnvPrime
            position += 1
            if position < end && bytes[position] & 0xC0 == 0x80 { continue }
            let key = hash == 0 ? 1 : hash
            let bit = TermIndex.filterBit(key)
            if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { continue }
            var slot = TermIndex.slot(key, mask: mask)
            while true {
                let stored = keys[slot]
                if stored == 0 { break }
                if stored == key {
                    var record = Int(heads[slot])
                    while record >= 0 {
                        if stemMatches(record, bytes, start: start, prefixEnd: position, wordEnd: end) {
                            let first = Int(recordPatternStart[record])
                            for ref in first..<(first + Int(recordPatternCount[record])) {
                                appendIfComplete(
                                    patternRefs[ref], bytes, words, word, firstNew: firstNew, into: &matches)
                            }
                        }
                        record = Int(recordNext[record])
                    }
                    break
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func stemMatches(
        _ record: Int, _ bytes: UnsafeBufferPointer<UInt8>, start: Int, prefixEnd: Int, wordEnd: Int
    ) -> Bool {
        let length = Int(recordStemLength[record])
        guard length == prefixEnd - start else { return false }
        let stemStart = Int(recordStemStart[record])
        for index in 0..<length where stemBytes[stemStart + index] != bytes[start + index] { return false }
        switch recordMode[record] {
        case .exact: return prefixEnd == wordEnd
        case .prefix: return true
        case .inflected:
            return InflectionEndings.allows(
                bytes, from: prefixEnd, to: wordEnd, set: Int(recordEndingSet[record]), table: endings)
        }
    }

    @inline(__always)
    private func appendIfComplete(
        _ pattern: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ words: UnsafeBufferPointer<WordSpan>,
        _ word: Int, firstNew: Int, into matches: inout [Match]
    ) {
        let count = Int(wordCounts[Int(pattern)])
        if count > 1 {
            guard word + count <= words.count else { return }
            let later = laterWords[Int(pattern)]
            for offset in 1..<count where !wordMatches(later[offset - 1], bytes, words[word + offset]) { return }
        }
        for index in firstNew..<matches.count where matches[index].pattern == pattern { return }
        matches.append(Match(start: Int32(word), length: Int32(count), pattern: pattern))
    }

    /// Whether one post word matches one pattern word (used for the second and later words of phrases).
    private func wordMatches(_ spec: WordSpec, _ bytes: UnsafeBufferPointer<UInt8>, _ span: WordSpan) -> Bool {
        let start = Int(span.start)
        let end = Int(span.end)
        stems: for stem in spec.stems where stem.count <= end - start {
            for index in 0..<stem.count where stem[index] != bytes[start + index] { continue stems }
            let prefixEnd = start + stem.count
            switch spec.mode {
            case .exact: if prefixEnd == end { return true }
            case .prefix: return true
            case .inflected:
                if InflectionEndings.allows(bytes, from: prefixEnd, to: end, set: spec.endingSet, table: endings) {
                    return true
                }
            }
        }
        return false
    }

    /// Of matches in order of position, the longest at each position, dropping those that start inside an
    /// earlier kept one ("Минской области" is the region, not Minsk; "БТР-82" is `btr-82`, not `btr`).
    static func longestFirst(_ matches: [Match]) -> [Match] {
        var kept: [Match] = []
        var coveredUntil: Int32 = 0
        var index = 0
        while index < matches.count {
            var best = matches[index]
            var next = index + 1
            while next < matches.count && matches[next].start == best.start {
                if matches[next].length > best.length { best = matches[next] }
                next += 1
            }
            index = next
            guard best.start >= coveredUntil else { continue }
            coveredUntil = best.start + best.length
            kept.append(best)
        }
        return kept
    }
}
