/// The compiled form of every word list the classifier matches (category terms, place names, equipment aliases,
/// count nouns, direction markers, prepositions, number words): a hash table from stems to patterns.
///
/// Matching walks each word of the normalized post once, hashing its bytes with FNV-1a and probing the table at
/// character boundaries, so a word finds every stem that is a prefix of it; the rest of the word must then be an
/// allowed ending (inflected), nothing (exact) or anything (prefix). No regex, no Foundation, no allocation
/// beyond the caller's match list.
///
/// The tables live in memory the index allocates once and frees with itself, read without bounds checks or
/// reference counting: the lookup runs at nearly every character of every post.
final class TermIndex: @unchecked Sendable {
    /// How a word of a pattern matches a word of a post.
    enum Mode: UInt8, Sendable {
        /// The word exactly.
        case exact
        /// One of the stems followed by an allowed ending.
        case inflected
        /// Any word that starts with the stem.
        case prefix
    }

    /// One word of a pattern: the stems it is indexed under and how the rest of a post's word is judged. Every
    /// stem is a prefix of the first (the word itself, `TermParser`).
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

    /// One stem of a pattern's first word, stored in the hash table's slot itself (stems with equal hashes take
    /// successive slots of the probe run, newest first), so that a probe reads one cache line.
    private struct Entry {
        /// The stem's hash; 0 marks an empty slot.
        var key: UInt64
        var stemStart: Int32
        var stemLength: Int32
        var patternStart: Int32
        var patternCount: Int32
        /// The pattern when the stem has just one and it is one word long (most), else -1.
        var singleWordPattern: Int32
        var mode: Mode
        var endingSet: UInt8
    }

    /// A pattern's word count, where its later words start in `laterWords`, and for a phrase the first one or two
    /// bytes every post word matching its second word starts with (`secondLead` under `secondLeadMask`), which
    /// turns most phrases away without comparing words.
    private struct Shape {
        var wordCount: Int32
        var laterStart: Int32
        var secondLead: UInt16 = 0
        var secondLeadMask: UInt16 = 0
    }

    /// A second or later word of a phrase: the word's bytes, the lengths of its stems (all prefixes of it).
    private struct LaterWord {
        var wordStart: Int32
        var wordLength: Int32
        var stemLengthStart: Int32
        var stemCount: Int32
        var mode: Mode
        var endingSet: UInt8
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// What each pattern stands for and the language it is evidence of, by pattern index.
    let meanings: UnsafeMutableBufferPointer<PatternMeaning>

    /// Bit sets over stem hashes, so that most prefixes of most words are answered without touching the larger
    /// table: every stem's hash (2^17 bits); the hashes of stems that can match before the end of a word (prefix
    /// stems, and inflected ones with at most 8 bytes left for the ending; 2^17 bits); those of prefix stems
    /// alone, the only ones that can match more than 8 bytes before the end (few: 2^14 bits).
    private let filters: UnsafeMutableBufferPointer<UInt64>
    private let entries: UnsafeMutableBufferPointer<Entry>
    private let mask: Int
    private let patternRefs: UnsafeMutableBufferPointer<Int32>
    private let shapes: UnsafeMutableBufferPointer<Shape>
    private let laterWords: UnsafeMutableBufferPointer<LaterWord>
    private let laterStemLengths: UnsafeMutableBufferPointer<Int32>
    /// The stems of first words and the later words, by `Entry.stemStart` and `LaterWord.wordStart`.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let endings: SmallHashTable

    private static let anyFilter = 0
    private static let innerFilter = 1 << 11
    private static let prefixFilter = 2 << 11
    private static let filterWords = (2 << 11) + (1 << 8)
    /// The prefix filter's bits are the low 14 of the others'.
    private static let prefixFilterMask = (1 << 14) - 1
    /// The longest ending `InflectionEndings.allows` accepts, in bytes.
    private static let longestEnding = 8

    init(patterns: [Pattern]) {
        meanings = TermIndex.copy(patterns.map { PatternMeaning($0.payload, language: $0.language) })
        endings = InflectionEndings.table

        // One record per distinct stem, mode and ending set, in order of first appearance, with the patterns that
        // start with it. Found by the stem's hash with the mode and set mixed in, then compared in full: no
        // dictionary hashes the stems' bytes (start-up builds thousands of them).
        var bytes: [UInt8] = []
        var records: [Entry] = []
        var refsOfRecord: [[Int32]] = []
        var firstRecordWithKey: [UInt64: Int] = [:]
        var nextRecordWithKey: [Int] = []
        for (patternIndex, pattern) in patterns.enumerated() {
            guard let first = pattern.words.first else { continue }
            for stem in first.stems where !stem.isEmpty {
                let hash = TermIndex.hash(stem)
                let key = hash ^ ((UInt64(first.mode.rawValue) << 8 | UInt64(first.endingSet)) &* 0x9E37_79B9_7F4A_7C15)
                var record = firstRecordWithKey[key] ?? -1
                while record >= 0 {
                    let entry = records[record]
                    if entry.mode == first.mode && Int(entry.endingSet) == first.endingSet
                        && bytes[Int(entry.stemStart)..<Int(entry.stemStart + entry.stemLength)].elementsEqual(stem)
                    {
                        break
                    }
                    record = nextRecordWithKey[record]
                }
                if record < 0 {
                    record = records.count
                    nextRecordWithKey.append(firstRecordWithKey[key] ?? -1)
                    firstRecordWithKey[key] = record
                    records.append(
                        Entry(
                            key: hash, stemStart: Int32(bytes.count), stemLength: Int32(stem.count), patternStart: 0,
                            patternCount: 0, singleWordPattern: -1, mode: first.mode,
                            endingSet: UInt8(first.endingSet)))
                    bytes += stem
                    refsOfRecord.append([])
                }
                if refsOfRecord[record].last != Int32(patternIndex) { refsOfRecord[record].append(Int32(patternIndex)) }
            }
        }
        var patternRefs: [Int32] = []
        // The modes of the stems of each hash, as bits (1 << mode).
        var modesByHash: [UInt64: UInt8] = [:]
        for record in records.indices {
            let refs = refsOfRecord[record]
            records[record].patternStart = Int32(patternRefs.count)
            records[record].patternCount = Int32(refs.count)
            if refs.count == 1 && patterns[Int(refs[0])].words.count == 1 {
                records[record].singleWordPattern = refs[0]
            }
            patternRefs += refs
            modesByHash[records[record].key, default: 0] |= 1 << records[record].mode.rawValue
        }

        var shapes: [Shape] = []
        var laterWords: [LaterWord] = []
        var laterStemLengths: [Int32] = []
        for pattern in patterns {
            var shape = Shape(wordCount: Int32(pattern.words.count), laterStart: Int32(laterWords.count))
            if pattern.words.count > 1 {
                (shape.secondLead, shape.secondLeadMask) = TermIndex.lead(of: pattern.words[1])
            }
            shapes.append(shape)
            for word in pattern.words.dropFirst() {
                let whole = word.stems.first ?? []
                precondition(
                    word.stems.allSatisfy { whole.starts(with: $0) }, "every stem of a term word is a prefix of it")
                laterWords.append(
                    LaterWord(
                        wordStart: Int32(bytes.count), wordLength: Int32(whole.count),
                        stemLengthStart: Int32(laterStemLengths.count), stemCount: Int32(word.stems.count),
                        mode: word.mode, endingSet: UInt8(word.endingSet)))
                bytes += whole
                laterStemLengths += word.stems.map { Int32($0.count) }
            }
        }

        var capacity = 64
        while capacity * 2 < records.count * 3 { capacity <<= 1 }
        var table = [Entry](
            repeating: Entry(
                key: 0, stemStart: 0, stemLength: 0, patternStart: 0, patternCount: 0, singleWordPattern: -1,
                mode: .exact, endingSet: 0),
            count: capacity)
        // Newest first along each probe run, the order in which matches have always been reported.
        for record in records.reversed() {
            var slot = TermIndex.slot(record.key, mask: capacity - 1)
            while table[slot].key != 0 { slot = (slot + 1) & (capacity - 1) }
            table[slot] = record
        }
        var filters = [UInt64](repeating: 0, count: TermIndex.filterWords)
        for (hash, modes) in modesByHash {
            let bit = TermIndex.filterBit(hash)
            filters[TermIndex.anyFilter + (bit >> 6)] |= 1 << UInt64(bit & 63)
            let prefix: UInt8 = 1 << Mode.prefix.rawValue
            if modes & (prefix | 1 << Mode.inflected.rawValue) != 0 {
                filters[TermIndex.innerFilter + (bit >> 6)] |= 1 << UInt64(bit & 63)
            }
            if modes & prefix != 0 {
                let prefixBit = bit & TermIndex.prefixFilterMask
                filters[TermIndex.prefixFilter + (prefixBit >> 6)] |= 1 << UInt64(prefixBit & 63)
            }
        }
        self.mask = capacity - 1
        self.filters = TermIndex.copy(filters)
        self.entries = TermIndex.copy(table)
        self.patternRefs = TermIndex.copy(patternRefs)
        self.shapes = TermIndex.copy(shapes)
        self.laterWords = TermIndex.copy(laterWords)
        self.laterStemLengths = TermIndex.copy(laterStemLengths)
        self.bytes = TermIndex.copy(bytes)
    }

    deinit {
        meanings.deallocate()
        filters.deallocate()
        entries.deallocate()
        patternRefs.deallocate()
        shapes.deallocate()
        laterWords.deallocate()
        laterStemLengths.deallocate()
        bytes.deallocate()
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
    }

    /// The bytes every post word that matches `word` starts with, and which of them count: the first two when
    /// every stem has two bytes or more, else the first (stems are prefixes of the word, and never empty).
    private static func lead(of word: WordSpec) -> (lead: UInt16, mask: UInt16) {
        let whole = word.stems.first ?? []
        let shortest = word.stems.map(\.count).min() ?? 0
        precondition(shortest > 0, "term words have no empty stems")
        if shortest >= 2 { return (UInt16(whole[0]) | UInt16(whole[1]) << 8, 0xFFFF) }
        return (UInt16(whole[0]), 0x00FF)
    }

    /// FNV-1a over `bytes`, never zero (zero marks an empty slot).
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash = fnvBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* fnvPrime }
        return hash == 0 ? 1 : hash
    }

    @inline(__always)
    private static func filterBit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> (64 - 17))
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// Appends every pattern that starts at any word of the post, word by word, and tallies each word's letters
    /// for language detection. `words` holds each word's start and end byte; `keys` is working memory.
    func collect(
        in bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, memo: WordMemo,
        keys: inout ScratchBuffer<WordMemo.Key>, into matches: inout ScratchBuffer<Match>,
        tally: inout LanguageWordTally
    ) {
        // Every word's memo entries are read first, all together: they are rarely in the nearest caches, and
        // these reads depend on nothing, so their misses overlap instead of each waiting for the one before.
        keys.removeAll()
        keys.reserve(words.count)
        for word in 0..<words.count {
            let span = words[word]
            let length = Int(span.end - span.start)
            guard length <= WordMemo.longestWord else {
                keys.appendReserved(WordMemo.Key())
                continue
            }
            var key = WordMemo.Key(bytes, start: Int(span.start), length: length)
            key.slot = key.slotOfWord | memo.touch(key.slotOfWord)
            keys.appendReserved(key)
        }
        for word in 0..<words.count {
            let span = words[word]
            let start = Int(span.start)
            let length = Int(span.end) - start
            var recording = WordMemo.Recording()
            guard length <= WordMemo.longestWord else {
                collect(in: bytes, words: words, at: word, recording: &recording, into: &matches)
                tally.addLong(bytes, start: start, end: start + length)
                continue
            }
            let key = keys[word]
            let slot = key.slot
            if let known = memo.known(key, slot: slot) {
                tally.add(known.letters, bytes, start: start, end: start + length)
                let firstNew = matches.count
                for index in 0..<known.count {
                    let ref = Int32(known.ref(index))
                    if ref < 0 {
                        appendOneWord(-1 - ref, word, firstNew: firstNew, into: &matches)
                    } else {
                        appendIfComplete(ref, bytes, words, word, firstNew: firstNew, into: &matches)
                    }
                }
                continue
            }
            collect(in: bytes, words: words, at: word, recording: &recording, into: &matches)
            recording.letters = LanguageWordTally.pack(bytes, start: start, end: start + length)
            tally.add(recording.letters, bytes, start: start, end: start + length)
            memo.remember(recording, for: key, slot: slot)
        }
        tally.finish()
    }

    /// Appends every pattern that starts at word `word` of the post, and records the patterns its first word
    /// matched, in order, for the memo.
    @inline(__always)
    private func collect(
        in bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<WordSpan>, at word: Int,
        recording: inout WordMemo.Recording, into matches: inout ScratchBuffer<Match>
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
            let left = end - position
            let filterBit: Int
            if left == 0 {
                filterBit = TermIndex.anyFilter * 64 + bit
            } else if left <= TermIndex.longestEnding {
                filterBit = TermIndex.innerFilter * 64 + bit
            } else {
                filterBit = TermIndex.prefixFilter * 64 + (bit & TermIndex.prefixFilterMask)
            }
            if filters[filterBit >> 6] & (1 << UInt64(filterBit & 63)) == 0 { continue }
            var slot = TermIndex.slot(key, mask: mask)
            while true {
                let entry = entries[slot]
                if entry.key == 0 { break }
                if entry.key == key && stemMatches(entry, bytes, start: start, prefixEnd: position, wordEnd: end) {
                    if entry.singleWordPattern >= 0 {
                        recording.add(-1 - entry.singleWordPattern)
                        appendOneWord(entry.singleWordPattern, word, firstNew: firstNew, into: &matches)
                    } else {
                        let first = Int(entry.patternStart)
                        for ref in first..<(first + Int(entry.patternCount)) {
                            recording.add(patternRefs[ref])
                            appendIfComplete(patternRefs[ref], bytes, words, word, firstNew: firstNew, into: &matches)
                        }
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func stemMatches(
        _ record: Entry, _ text: UnsafeBufferPointer<UInt8>, start: Int, prefixEnd: Int, wordEnd: Int
    ) -> Bool {
        let length = Int(record.stemLength)
        guard length == prefixEnd - start else { return false }
        let stemStart = Int(record.stemStart)
        for index in 0..<length where bytes[stemStart + index] != text[start + index] { return false }
        switch record.mode {
        case .exact: return prefixEnd == wordEnd
        case .prefix: return true
        case .inflected:
            return InflectionEndings.allows(
                text, from: prefixEnd, to: wordEnd, set: Int(record.endingSet), table: endings)
        }
    }

    /// `appendIfComplete` for a pattern of one word.
    @inline(__always)
    private func appendOneWord(_ pattern: Int32, _ word: Int, firstNew: Int, into matches: inout ScratchBuffer<Match>) {
        for index in firstNew..<matches.count where matches[index].pattern == pattern { return }
        matches.append(Match(start: Int32(word), length: 1, pattern: pattern))
    }

    @inline(__always)
    private func appendIfComplete(
        _ pattern: Int32, _ text: UnsafeBufferPointer<UInt8>, _ words: UnsafeBufferPointer<WordSpan>,
        _ word: Int, firstNew: Int, into matches: inout ScratchBuffer<Match>
    ) {
        let shape = shapes[Int(pattern)]
        let count = Int(shape.wordCount)
        if count > 1 {
            guard word + count <= words.count else { return }
            // The next word's first two bytes (the second is 0, which no text byte is, for a word of one byte).
            let next = words[word + 1]
            var lead = UInt16(text[Int(next.start)])
            if next.end - next.start > 1 { lead |= UInt16(text[Int(next.start) + 1]) << 8 }
            guard lead & shape.secondLeadMask == shape.secondLead else { return }
            let later = Int(shape.laterStart)
            for offset in 1..<count where !wordMatches(laterWords[later + offset - 1], text, words[word + offset]) {
                return
            }
        }
        for index in firstNew..<matches.count where matches[index].pattern == pattern { return }
        matches.append(Match(start: Int32(word), length: Int32(count), pattern: pattern))
    }

    /// Whether one post word matches one pattern word (the second and later words of phrases): some stem is a
    /// prefix of the post word, and the rest is as the mode allows. Every stem is a prefix of the pattern word,
    /// so a stem is a prefix of the post word when it is no longer than their common prefix.
    private func wordMatches(_ spec: LaterWord, _ text: UnsafeBufferPointer<UInt8>, _ span: WordSpan) -> Bool {
        let start = Int(span.start)
        let end = Int(span.end)
        let wordStart = Int(spec.wordStart)
        let limit = min(end - start, Int(spec.wordLength))
        var common = 0
        while common < limit && bytes[wordStart + common] == text[start + common] { common += 1 }
        let first = Int(spec.stemLengthStart)
        for stem in first..<(first + Int(spec.stemCount)) {
            let length = Int(laterStemLengths[stem])
            guard length <= common else { continue }
            let prefixEnd = start + length
            switch spec.mode {
            case .exact: if prefixEnd == end { return true }
            case .prefix: return true
            case .inflected:
                if InflectionEndings.allows(text, from: prefixEnd, to: end, set: Int(spec.endingSet), table: endings) {
                    return true
                }
            }
        }
        return false
    }

    /// Of matches in order of position, the longest at each position, dropping those that start inside an
    /// earlier kept one ("Минской области" is the region, not Minsk; "БТР-82" is `btr-82`, not `btr`).
    static func longestFirst(_ matches: ScratchBuffer<Match>, into kept: inout ScratchBuffer<Match>) {
        kept.removeAll()
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
    }
}
