/// An open-addressing hash table from 64-bit keys to row numbers of a column store, holding only the row
/// (4 bytes a slot): the key is read back from the store's key column to confirm a match, so the table costs
/// 4 bytes / load factor per row. Linear probing, power-of-two capacity, grown at 3/4 load; no deletion
/// (the dedup stores compact by rebuilding their tables).
struct IndexTable {
    /// Row + 1 per slot; 0 marks an empty slot.
    private(set) var slots: [UInt32]
    private(set) var count = 0
    private var mask: Int

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity * 3 / 4 < minimumCapacity { capacity <<= 1 }
        slots = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Bytes held by the table.
    var footprint: Int { slots.capacity * MemoryLayout<UInt32>.stride }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        // Fibonacci hashing: keys are hashes already, this only spreads their low bits over the table.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The row whose key (in `keys`) equals `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64, keys: UnsafeBufferPointer<UInt64>) -> Int? {
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let row = Int(entry) - 1
            if keys[row] == key { return row }
            slot = (slot + 1) & mask
        }
    }

    /// Points `key` at `row`: replaces the row of an entry with the same key, else adds one.
    mutating func set(_ key: UInt64, row: Int, keys: UnsafeBufferPointer<UInt64>) {
        if (count + 1) * 4 > slots.count * 3 { grow(keys: keys) }
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == 0 {
                slots[slot] = UInt32(row + 1)
                count += 1
                return
            }
            if keys[Int(entry) - 1] == key {
                slots[slot] = UInt32(row + 1)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow(keys: UnsafeBufferPointer<UInt64>) {
        let old = slots
        slots = [UInt32](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for entry in old where entry != 0 {
            set(keys[Int(entry) - 1], row: Int(entry) - 1, keys: keys)
        }
    }
}
