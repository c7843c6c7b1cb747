import Synchronization

/// What each recently seen word adds to a SimHash's per-bit votes: its own feature and its trigrams, summed.
///
/// A word's whole contribution depends only on its bytes, and a channel's posts repeat their words (places,
/// equipment, the same verbs), so most words are answered by one lookup here instead of hashing every trigram.
/// Exact: an entry holds its word's bytes (words of at most `longestWord` bytes; longer ones are never cached)
/// and a lookup compares them in full, so a hash collision only costs a miss. Direct-mapped by the word's hash
/// (which the word feature needs anyway); a miss overwrites the entry.
///
/// One cache for the process, lent to one `SimHash.hash64` call at a time: a call that finds it lent out (another
/// thread fingerprinting at the same moment) works without it. It is never freed.
struct WordVotesCache {
    /// The longest word cached, in bytes (99 % of a feed's words). Its votes fit in `Int8`: at most 2 for the
    /// word and 1 per trigram.
    static let longestWord = 24
    /// 2^11 entries of 104 bytes (208 KiB): as fast as twice as many on a channel's vocabulary, and half the cache
    /// footprint next to the other stages' tables.
    static let entryBits = 11

    /// A word of at most `longestWord` bytes, little-endian and zero-padded, with its length (0: empty entry).
    struct Key: Equatable {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
        var length: Int32 = 0

        init() {}

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) {
            self.length = Int32(truncatingIfNeeded: length)
            first = Key.chunk(bytes, start: start, count: length)
            if length > 8 { second = Key.chunk(bytes, start: start + 8, count: length - 8) }
            if length > 16 { third = Key.chunk(bytes, start: start + 16, count: length - 16) }
        }

        /// Up to 8 bytes from `start` (`count` of them, at most 8 used) as one integer.
        @inline(__always)
        private static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> UInt64 {
            let used = min(count, 8)
            if start + 8 <= bytes.count {
                let loaded = UInt64(
                    littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(
                        fromByteOffset: start, as: UInt64.self))
                return used == 8 ? loaded : loaded & ((1 << UInt64(8 * used)) - 1)
            }
            var value: UInt64 = 0
            for index in 0..<used { value |= UInt64(bytes[start + index]) << UInt64(8 * index) }
            return value
        }
    }

    /// A word's votes: `votes.k` lane j is the weight of its features whose hash has bit 8k+j set.
    typealias Votes = SimHash.Tally.Octet<Int8>

    /// A cached word and its votes.
    struct Entry {
        var key = Key()
        var votes: Votes = (.init(), .init(), .init(), .init(), .init(), .init(), .init(), .init())
        /// The summed weight of the word's features.
        var weight: Int32 = 0
    }

    let entries: UnsafeMutablePointer<Entry>

    private init() {
        let count = 1 << Self.entryBits
        entries = .allocate(capacity: count)
        entries.initialize(repeating: Entry(), count: count)
    }

    /// The entry `wordHash` maps to.
    @inline(__always)
    func entry(for wordHash: UInt64) -> UnsafeMutablePointer<Entry> {
        entries + Int(truncatingIfNeeded: wordHash >> UInt64(64 - Self.entryBits))
    }

    // MARK: - Lending

    /// The cache's address while it is not lent out, else 0.
    private static let available = Atomic<UInt>(UInt(bitPattern: WordVotesCache().entries))

    /// The cache, unless another call has it.
    @inline(__always)
    static func borrow() -> WordVotesCache? {
        let address = available.exchange(0, ordering: .acquiring)
        guard let entries = UnsafeMutablePointer<Entry>(bitPattern: address) else { return nil }
        return WordVotesCache(entries: entries)
    }

    /// Hands back what `borrow` lent.
    @inline(__always)
    static func giveBack(_ cache: WordVotesCache) {
        available.store(UInt(bitPattern: cache.entries), ordering: .releasing)
    }

    private init(entries: UnsafeMutablePointer<Entry>) {
        self.entries = entries
    }
}
