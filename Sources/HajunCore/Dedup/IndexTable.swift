/// An open-addressing hash table from 64-bit keys to row numbers of a column store, holding only the row
/// (4 bytes a slot): the key is read back from the store's key column to confirm a match. Linear probing; any
/// capacity (a slot is chosen by multiplying the key's hash into the capacity), grown by a quarter at 80 % load,
/// so it costs 5 to 6.25 bytes a row. No deletion: the dedup stores compact by rebuilding their tables.
struct IndexTable {
    /// Row + 1 per slot; 0 marks an empty slot.
    private(set) var slots: [UInt32]
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        slots = [UInt32](repeating: 0, count: max(16, minimumCapacity * 5 / 4 + 1))
    }

    /// Bytes held by the table.
    var footprint: Int { slots.capacity * MemoryLayout<UInt32>.stride }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        // Keys are hashes already; the multiply spreads them, the high half of the product maps into the range.
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    /// The row whose key (in `keys`) equals `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64, keys: UnsafeBufferPointer<UInt64>) -> Int? {
        let capacity = slots.count
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let row = Int(entry) - 1
            if keys[row] == key { return row }
            slot += 1
            if slot == capacity { slot = 0 }
        }
    }

    /// Points `key` at `row`: replaces the row of an entry with the same key, else adds one.
    mutating func set(_ key: UInt64, row: Int, keys: UnsafeBufferPointer<UInt64>) {
        if (count + 1) * 5 > slots.count * 4 { grow(keys: keys) }
        let capacity = slots.count
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
            slot += 1
            if slot == capacity { slot = 0 }
        }
    }

    private mutating func grow(keys: UnsafeBufferPointer<UInt64>) {
        let old = slots
        slots = [UInt32](repeating: 0, count: old.count + old.count / 4)
        count = 0
        for entry in old where entry != 0 {
            set(keys[Int(entry) - 1], row: Int(entry) - 1, keys: keys)
        }
    }
}
