/// What `PostProfile` takes from a word without digits (its stem hash and its name skeleton), for the words seen
/// lately.
///
/// Finding them means decoding the word letter by letter and hashing its stem; a channel's posts repeat their
/// words (places, equipment, the same verbs), so most words are answered by one lookup here instead. Exact: an
/// entry holds its word's bytes (words of at most `longestWord` bytes) and a lookup compares them
/// in full, so a collision only costs a miss. Direct-mapped; a miss overwrites the entry. Each `DedupEngine`
/// owns one (judging is serialized), so no lending is needed.
struct WordTraitsCache {
    /// 2^11 entries of 32 bytes (64 KiB).
    static let entryBits = 11
    /// The longest word cached, in bytes.
    static let longestWord = 24

    /// A word of at most `longestWord` bytes, little-endian and zero-padded, with its length (0: empty entry).
    struct Key: Equatable {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var third: UInt64 = 0
        var length: Int32 = 0

        init() {}

        /// The word from `start` (not a space) to the next space or the end of `bytes`, with `end` set to where it
        /// ends; nil (and `end` untouched) for a word longer than `longestWord`. Eight bytes at a time: the word's
        /// end is the first space byte of a chunk, and the chunks are the key.
        @inline(__always)
        init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: inout Int) {
            var offset = start
            for part in 0..<3 {
                let chunk = Self.chunk(bytes, at: offset)
                // The lowest byte of `chunk` that is a space (0x20), by the zero-byte test on `chunk ^ 0x20…`.
                let spaced = chunk ^ 0x2020_2020_2020_2020
                let spaces = (spaced &- 0x0101_0101_0101_0101) & ~spaced & 0x8080_8080_8080_8080
                let used = spaces == 0 ? 8 : spaces.trailingZeroBitCount / 8
                let value = used == 8 ? chunk : chunk & ((1 << UInt64(8 * used)) - 1)
                switch part {
                case 0: first = value
                case 1: second = value
                default: third = value
                }
                offset += used
                if used < 8 {
                    end = offset
                    length = Int32(truncatingIfNeeded: offset - start)
                    return
                }
            }
            guard offset == bytes.count || bytes[offset] == 0x20 else { return nil }
            end = offset
            length = Int32(truncatingIfNeeded: offset - start)
        }

        /// The 8 bytes from `offset`, little-endian; past the end of `bytes`, spaces.
        @inline(__always)
        private static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
            if offset + 8 <= bytes.count {
                return UInt64(
                    littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(
                        fromByteOffset: offset, as: UInt64.self))
            }
            var value: UInt64 = 0x2020_2020_2020_2020
            for index in offset..<max(offset, bytes.count) {
                value =
                    value & ~(0xFF << UInt64(8 * (index - offset))) | UInt64(bytes[index])
                    << UInt64(8 * (index - offset))
            }
            return value
        }
    }

    /// A cached word: its stem hash (0 for a word too short to have one) and its skeleton (0 for none).
    struct Entry {
        var key = Key()
        var stem: UInt16 = 0
        var skeleton: UInt16 = 0
    }

    private var entries = [Entry](repeating: Entry(), count: 1 << WordTraitsCache.entryBits)

    init() {}

    /// The entry `key` maps to (it holds `key`'s traits only if its key equals `key`).
    @inline(__always)
    func entry(_ key: Key) -> Entry {
        entries[Self.slot(key)]
    }

    @inline(__always)
    mutating func store(_ key: Key, stem: UInt16, skeleton: UInt16) {
        entries[Self.slot(key)] = Entry(key: key, stem: stem, skeleton: skeleton)
    }

    @inline(__always)
    private static func slot(_ key: Key) -> Int {
        let mixed =
            (key.first &* 0x9E37_79B9_7F4A_7C15) ^ (key.second &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (key.third &* 0x1656_67B1_9E37_79F9) ^ UInt64(truncatingIfNeeded: key.length)
        return Int(truncatingIfNeeded: ((mixed ^ mixed >> 29) &* 0xBF58_476D_1CE4_E5B9) >> UInt64(64 - entryBits))
    }
}
