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

    /// A stem of some pattern's first word; records with equal hashes are chained through `next`.
    private struct StemRecord: Sendable {
        var bytes: [UInt8]
        var mode: Mode
        var endingSet: Int
        var patterns: [Int32]
        var next: Int32
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    let patterns: [Pattern]
    private var keys: [UInt64]
    private var heads: [Int32]
    private var mask: Int
    private var records: [StemRecord]

    init(patterns: [Pattern]) {
        self.patterns = patterns
        var records: [StemRecord] = []
        var recordByKey: [RecordKey: Int] = [:]
        var headByHash: [UInt64: Int32] = [:]
        for (patternIndex, pattern) in patterns.enumerated() {
            guard let first = pattern.words.first else { continue }
            for stem in first.stems where !stem.isEmpty {
                let key = RecordKey(bytes: stem, mode: first.mode, endingSet: first.endingSet)
                if let existing = recordByKey[key] {
                    if records[existing].patterns.last != Int32(patternIndex) {
                        records[existing].patterns.append(Int32(patternIndex))
                    }
                    continue
                }
                let hash = TermIndex.hash(stem)
                let record = StemRecord(
                    bytes: stem, mode: first.mode, endingSet: first.endingSet, patterns: [Int32(patternIndex)],
                    next: headByHash[hash] ?? -1)
                records.append(record)
                recordByKey[key] = records.count - 1
                headByHash[hash] = Int32(records.count - 1)
            }
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
        self.keys = keys
        self.heads = heads
        self.mask = capacity - 1
        self.records = records
    }

    private struct RecordKey: Hashable {
        var bytes: [UInt8]
        var mode: Mode
        var endingSet: Int
    }

    /// FNV-1a over `bytes`, never zero (zero marks an empty slot).
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = fnvBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return hash == 0 ? 1 : hash
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// Appends every pattern that starts at word `word` of the post. `words` holds each word's start and end byte.
    func collect(
        in bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, at word: Int,
        into matches: inout [Match]
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
            var slot = TermIndex.slot(key, mask: mask)
            while true {
                let stored = keys[slot]
                if stored == 0 { break }
                if stored == key {
                    var recordIndex = Int(heads[slot])
                    while recordIndex >= 0 {
                        let record = records[recordIndex]
                        if stemMatches(record, bytes, start: start, prefixEnd: position, wordEnd: end) {
                            for pattern in record.patterns {
                                appendIfComplete(
                                    Int(pattern), bytes, words, word, firstNew: firstNew, into: &matches)
                            }
                        }
                        recordIndex = Int(record.next)
                    }
                    break
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func stemMatches(
        _ record: StemRecord, _ bytes: UnsafeBufferPointer<UInt8>, start: Int, prefixEnd: Int, wordEnd: Int
    ) -> Bool {
        guard record.bytes.count == prefixEnd - start else { return false }
        for index in 0..<record.bytes.count where record.bytes[index] != bytes[start + index] { return false }
        switch record.mode {
        case .exact: return prefixEnd == wordEnd
        case .prefix: return true
        case .inflected:
            return InflectionEndings.allows(bytes, from: prefixEnd, to: wordEnd, set: record.endingSet)
        }
    }

    private func appendIfComplete(
        _ patternIndex: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ words: UnsafeBufferPointer<WordSpan>,
        _ word: Int, firstNew: Int, into matches: inout [Match]
    ) {
        let pattern = patterns[patternIndex]
        let count = pattern.words.count
        guard word + count <= words.count else { return }
        for offset in 1..<max(count, 1) where !TermIndex.wordMatches(pattern.words[offset], bytes, words[word + offset]) {
            return
        }
        for index in firstNew..<matches.count where matches[index].pattern == Int32(patternIndex) { return }
        matches.append(Match(start: Int32(word), length: Int32(count), pattern: Int32(patternIndex)))
    }

    /// Whether one post word matches one pattern word (used for the second and later words of phrases).
    static func wordMatches(_ spec: WordSpec, _ bytes: UnsafeBufferPointer<UInt8>, _ span: WordSpan) -> Bool {
        let start = Int(span.start)
        let end = Int(span.end)
        stems: for stem in spec.stems where stem.count <= end - start {
            for index in 0..<stem.count where stem[index] != bytes[start + index] { continue stems }
            let prefixEnd = start + stem.count
            switch spec.mode {
            case .exact: if prefixEnd == end { return true }
            case .prefix: return true
            case .inflected:
                if InflectionEndings.allows(bytes, from: prefixEnd, to: end, set: spec.endingSet) { return true }
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
