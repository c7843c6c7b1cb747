/// An open-addressing hash table from 64-bit keys to row numbers of a column store, holding only the row and a
/// tag of the key (4 bytes a slot): the key is read back from the store's key column to confirm a match, but
/// only when the tag matches, so a lookup that misses (most of them: a new post, a new text) reads no key column
/// at all, and a probe does not stop at every occupied slot for a cache miss. Linear probing; any capacity (a
/// slot is chosen by multiplying the key's hash into the capacity), grown by a quarter at 80 % load, so it costs
/// 5 to 6.25 bytes a row (small tables are kept sparser, see `sparseSlots`). No deletion: the dedup stores
/// compact by rebuilding their tables.
struct IndexTable {
    /// Per slot: row + 1 in the low `rowBits` bits (0 marks an empty slot), the key's tag in the bits above.
    private(set) var slots: [UInt32]
    private(set) var count = 0
    /// Bits for row + 1: enough for the largest row so far; the rest (11 bits at a million rows) is the tag.
    private var rowBits: UInt64

    init(minimumCapacity: Int = 0) {
        // A sparse table (see `sparseSlots`) starts a third full with the rows it is made for: a compaction's
        // table then takes its rows and their doubling before the next compaction with one growth at most.
        let dense = minimumCapacity * 5 / 4 + 1
        slots = [UInt32](repeating: 0, count: max(16, dense < Self.sparseSlots ? minimumCapacity * 3 : dense))
        rowBits = Self.bits(for: slots.count)
    }

    /// Bytes held by the table.
    var footprint: Int { slots.capacity * MemoryLayout<UInt32>.stride }

    /// Bits that hold `value` (at most 32).
    private static func bits(for value: Int) -> UInt64 {
        UInt64(min(32, Int.bitWidth - value.leadingZeroBitCount))
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        // Keys are hashes already; the multiply spreads them, the high half of the product maps into the range.
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    /// The key's tag, in place above the row bits (the key's high bits: the slot comes from all of them mixed).
    @inline(__always)
    private func tag(_ key: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: (key >> 32) << rowBits)
    }

    @inline(__always)
    private var rowMask: UInt32 { UInt32(truncatingIfNeeded: (1 << rowBits) - 1) }

    /// The slot a probe for `key` starts at: read ahead of `find` and `set`, so that the cache misses of several
    /// tables' probes overlap.
    @inline(__always)
    func touch(_ key: UInt64) -> UInt32 { slots[home(key)] }

    /// The row whose key (in `keys`) equals `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64, keys: UnsafeBufferPointer<UInt64>) -> Int? {
        let capacity = slots.count
        let (tag, rowMask) = (tag(key), rowMask)
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & ~rowMask == tag {
                let row = Int(entry & rowMask) - 1
                if keys[row] == key { return row }
            }
            slot += 1
            if slot == capacity { slot = 0 }
        }
    }

    /// Points `key` at `row`: replaces the row of an entry with the same key, else adds one.
    mutating func set(_ key: UInt64, row: Int, keys: UnsafeBufferPointer<UInt64>) {
        let full = Self.isFull(count + 1, slots.count)
        if full || Self.bits(for: row + 1) > rowBits {
            rebuild(
                capacity: full ? Self.grown(slots.count, for: count + 1) : slots.count,
                rowBits: max(rowBits, Self.bits(for: row + 1)), keys: keys)
        }
        place(key, row: row, keys: keys)
    }

    /// Below this many slots (128 KiB) a table is kept at most half full: a lookup that misses probes until an
    /// empty slot, about 13 slots at 80 % load and 2 at 50 %, and fewer, bigger growth steps rebuild it less
    /// often. The memory budget is about big windows; a replay's week of 7,000 to 14,000 posts lives in tables
    /// this small.
    static let sparseSlots = 1 << 15

    @inline(__always)
    private static func isFull(_ entries: Int, _ capacity: Int) -> Bool {
        capacity < sparseSlots ? entries * 2 > capacity : entries * 5 > capacity * 4
    }

    /// The capacity after growing from `capacity` to hold `entries`: steps of a quarter, several at once for a
    /// sparse table (to a third full), so that a big table's capacities are the same whether it grew through
    /// the sparse sizes or not.
    private static func grown(_ capacity: Int, for entries: Int) -> Int {
        var grown = capacity + capacity / 4
        while grown < sparseSlots && entries * 3 > grown { grown += grown / 4 }
        return grown
    }

    /// `set` once the table has room.
    @inline(__always)
    private mutating func place(_ key: UInt64, row: Int, keys: UnsafeBufferPointer<UInt64>) {
        let capacity = slots.count
        let (tag, rowMask) = (tag(key), rowMask)
        let value = tag | UInt32(row + 1)
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == 0 {
                slots[slot] = value
                count += 1
                return
            }
            if entry & ~rowMask == tag && keys[Int(entry & rowMask) - 1] == key {
                slots[slot] = value
                return
            }
            slot += 1
            if slot == capacity { slot = 0 }
        }
    }

    private mutating func rebuild(capacity: Int, rowBits bits: UInt64, keys: UnsafeBufferPointer<UInt64>) {
        let old = slots
        let oldMask = rowMask
        slots = [UInt32](repeating: 0, count: capacity)
        rowBits = max(bits, Self.bits(for: capacity))
        count = 0
        // Keys come from the store's column in the old table's order, which is not the rows' order: every read
        // misses the cache in a big store. They are read a batch ahead of their inserts, so that a batch waits
        // for memory once rather than once a key.
        var rows = InlineArray<16, Int>(repeating: 0)
        var batchKeys = InlineArray<16, UInt64>(repeating: 0)
        old.withUnsafeBufferPointer { old in
            var index = 0
            while index < old.count {
                var batch = 0
                while batch < 16 && index < old.count {
                    let entry = old[index]
                    index += 1
                    guard entry != 0 else { continue }
                    rows[batch] = Int(entry & oldMask) - 1
                    batch += 1
                }
                for item in 0..<batch { batchKeys[item] = keys[rows[item]] }
                for item in 0..<batch { place(batchKeys[item], row: rows[item], keys: keys) }
            }
        }
    }
}
