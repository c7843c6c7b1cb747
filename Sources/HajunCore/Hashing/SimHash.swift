/// SimHash-64 (Charikar) over the weighted features of a normalized text, each feature hashed with XXH3.
///
/// Features, chosen so that the small edits people make when re-posting move few bits:
/// - every word, weight `wordWeight` (2): the words carry the meaning;
/// - every letter trigram inside a word (by Unicode scalar, words of one or two letters give themselves),
///   weight `trigramWeight` (1): a typo, a different case ending (`мозыря`/`мозырю`) or a dropped letter
///   changes a few trigrams but leaves most of the word's weight in place.
/// Word order is not a feature: re-worded reports shuffle it freely, and the dedup stage confirms a SimHash
/// candidate with its own token similarity and fact checks anyway.
///
/// Bit `i` of the result is set when the features whose hash has bit `i` set outweigh those that do not.
/// The per-bit tally runs 8 bits at a time through a 256-entry table of `SIMD8<Int32>`, so a feature costs
/// eight vector adds rather than 64 branches.
public enum SimHash {
    static let wordWeight: Int32 = 2
    static let trigramWeight: Int32 = 1
    /// Seeds keep word and trigram hashes apart (a one-letter word and its trigram are the same bytes).
    static let wordSeed: UInt64 = 0x5157_4f52_4421_0001
    static let trigramSeed: UInt64 = 0x5157_4f52_4421_0003

    /// The SimHash of `text`; 0 for empty text.
    public static func hash64(_ text: NormalizedText) -> UInt64 {
        text.bytes.withUnsafeBufferPointer { hash64(utf8: $0) }
    }

    /// The SimHash of normalized UTF-8 (words separated by single spaces).
    public static func hash64(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var tally = Tally()
        guard let cache = WordVotesCache.borrow() else {
            forEachWord(bytes) { start, end in addWord(bytes, start, end, to: &tally) }
            return tally.hash
        }
        forEachWord(bytes) { start, end in addWord(bytes, start, end, to: &tally, cache: cache) }
        WordVotesCache.giveBack(cache)
        return tally.hash
    }

    /// Calls `body` with the start and end of every word of `bytes`.
    @inline(__always)
    static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x20 { end += 1 }
            if end > start { body(start, end) }
            start = end + 1
        }
    }

    /// Adds a word's features through `cache`: its summed votes when the cache has the word, else the features
    /// one by one (and the cache learns the word).
    @inline(__always)
    static func addWord(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to tally: inout Tally, cache: WordVotesCache
    ) {
        let length = end - start
        guard length <= WordVotesCache.longestWord else { return addWord(bytes, start, end, to: &tally) }
        let base = UnsafeRawPointer(bytes.baseAddress!)
        let wordHash = XXH3.hash64(UnsafeRawBufferPointer(start: base + start, count: length), seed: wordSeed)
        let key = WordVotesCache.Key(bytes, start: start, length: length)
        let entry = cache.entry(for: wordHash)
        if entry.pointee.key == key {
            tally.add(votes: entry.pointee.votes, weight: entry.pointee.weight)
            return
        }
        var word = Tally.zeroLanes
        Tally.add(wordHash, wordWeight, to: &word)
        var weight = wordWeight
        forEachTrigram(bytes, start, end) { s0, s3 in
            Tally.add(
                XXH3.hash64(UnsafeRawBufferPointer(start: base + s0, count: s3 - s0), seed: trigramSeed),
                trigramWeight, to: &word)
            weight += trigramWeight
        }
        entry.pointee.key = key
        entry.pointee.votes = (
            .init(truncatingIfNeeded: word.0), .init(truncatingIfNeeded: word.1), .init(truncatingIfNeeded: word.2),
            .init(truncatingIfNeeded: word.3), .init(truncatingIfNeeded: word.4), .init(truncatingIfNeeded: word.5),
            .init(truncatingIfNeeded: word.6), .init(truncatingIfNeeded: word.7)
        )
        entry.pointee.weight = weight
        tally.add(votes: entry.pointee.votes, weight: weight)
    }

    /// Adds a word's features: the word, then its trigrams.
    @inline(__always)
    static func addWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, to tally: inout Tally) {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        tally.add(
            XXH3.hash64(UnsafeRawBufferPointer(start: base + start, count: end - start), seed: wordSeed), wordWeight)
        forEachTrigram(bytes, start, end) { s0, s3 in
            tally.add(
                XXH3.hash64(UnsafeRawBufferPointer(start: base + s0, count: s3 - s0), seed: trigramSeed), trigramWeight)
        }
    }

    /// Calls `body` with the byte range of each letter trigram of a word (scalar starts s0 < s1 < s2 < s3 slide
    /// along it); a word of one or two letters is its own trigram.
    @inline(__always)
    static func forEachTrigram(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void
    ) {
        var s0 = start
        var s1 = nextScalar(bytes, s0, end)
        var s2 = nextScalar(bytes, s1, end)
        guard s2 < end else { return body(start, end) }
        while s2 < end {
            let s3 = nextScalar(bytes, s2, end)
            body(s0, s3)
            (s0, s1, s2) = (s1, s2, s3)
        }
    }

    @inline(__always)
    static func nextScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Int {
        guard index < end else { return end }
        var next = index + 1
        while next < end && bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Hamming distance between two SimHashes.
    @inlinable
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// Weighted per-bit votes: 16-bit lanes (eight SSE registers' worth) flushed into 32-bit totals before they
    /// could overflow, so a 64 KiB post tallies as exactly as a short one.
    struct Tally {
        /// 64 lanes as eight vectors: lane j of vector k counts for bit 8k+j.
        typealias Octet<Scalar: SIMDScalar> = (
            SIMD8<Scalar>, SIMD8<Scalar>, SIMD8<Scalar>, SIMD8<Scalar>, SIMD8<Scalar>, SIMD8<Scalar>, SIMD8<Scalar>,
            SIMD8<Scalar>
        )
        typealias Lanes = Octet<Int16>
        static var zeroLanes: Lanes { (.init(), .init(), .init(), .init(), .init(), .init(), .init(), .init()) }
        /// `lanes.k` counts, in lane j, the weight of features whose hash has bit 8k+j set.
        var lanes = Self.zeroLanes
        /// Weight added to `lanes` since the last flush, and the flushed totals.
        var pending: Int32 = 0
        var flushed: Octet<Int32> = (.init(), .init(), .init(), .init(), .init(), .init(), .init(), .init())
        var total: Int32 = 0
        /// Lanes hold at most `flushAt` plus one word's weight (`WordVotesCache.longestWord` + 2): no Int16 wraps.
        static let flushAt: Int32 = 30_000

        @inline(__always)
        mutating func add(_ hash: UInt64, _ weight: Int32) {
            total &+= weight
            pending &+= weight
            Self.add(hash, weight, to: &lanes)
            if pending >= Self.flushAt { flush() }
        }

        /// Adds a word's summed votes (`WordVotesCache.Entry.votes`) of total `weight`.
        @inline(__always)
        mutating func add(votes: WordVotesCache.Votes, weight: Int32) {
            total &+= weight
            pending &+= weight
            Self.addWidening(votes, to: &lanes)
            if pending >= Self.flushAt { flush() }
        }

        /// Adds `weight` to the lanes of the bits set in `hash`.
        @inline(__always)
        static func add(_ hash: UInt64, _ weight: Int32, to lanes: inout Lanes) {
            let w = Int16(truncatingIfNeeded: weight)
            SimHash.bitLanes.withUnsafeBufferPointer { table in
                lanes.0 &+= table[Int(hash & 0xFF)] &* w
                lanes.1 &+= table[Int((hash >> 8) & 0xFF)] &* w
                lanes.2 &+= table[Int((hash >> 16) & 0xFF)] &* w
                lanes.3 &+= table[Int((hash >> 24) & 0xFF)] &* w
                lanes.4 &+= table[Int((hash >> 32) & 0xFF)] &* w
                lanes.5 &+= table[Int((hash >> 40) & 0xFF)] &* w
                lanes.6 &+= table[Int((hash >> 48) & 0xFF)] &* w
                lanes.7 &+= table[Int(hash >> 56)] &* w
            }
        }

        mutating func flush() {
            Self.addWidening(lanes, to: &flushed)
            lanes = Self.zeroLanes
            pending = 0
        }

        /// Adds each lane of `narrow` to the same lane of `wide`, sign-extended: a word's votes to the lanes, the
        /// lanes to the flushed totals.
        @inline(__always)
        static func addWidening<Narrow: FixedWidthInteger & SIMDScalar, Wide: FixedWidthInteger & SIMDScalar>(
            _ narrow: Octet<Narrow>, to wide: inout Octet<Wide>
        ) {
            wide.0 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.0)
            wide.1 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.1)
            wide.2 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.2)
            wide.3 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.3)
            wide.4 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.4)
            wide.5 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.5)
            wide.6 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.6)
            wide.7 &+= SIMD8<Wide>(truncatingIfNeeded: narrow.7)
        }

        var hash: UInt64 {
            mutating get {
                flush()
                return UInt64(Self.majority(flushed.0, total)) | UInt64(Self.majority(flushed.1, total)) << 8
                    | UInt64(Self.majority(flushed.2, total)) << 16 | UInt64(Self.majority(flushed.3, total)) << 24
                    | UInt64(Self.majority(flushed.4, total)) << 32 | UInt64(Self.majority(flushed.5, total)) << 40
                    | UInt64(Self.majority(flushed.6, total)) << 48 | UInt64(Self.majority(flushed.7, total)) << 56
            }
        }

        /// Bit j set when lane j of `votes` is more than half of `total` (`2 * votes > total`, as the sign of
        /// `total - 2 * votes`).
        @inline(__always)
        static func majority(_ votes: SIMD8<Int32>, _ total: Int32) -> UInt8 {
            let below = (SIMD8<Int32>(repeating: total) &- (votes &<< 1)) &>> 31
            let bits = below & SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
            return UInt8(truncatingIfNeeded: bits.wrappedSum())
        }
    }

    /// `bitLanes[b][j]` is bit j of b, as 0 or 1.
    static let bitLanes: [SIMD8<Int16>] = (0..<256).map { byte in
        SIMD8<Int16>((0..<8).map { Int16((byte >> $0) & 1) })
    }
}
