/// A set of nonzero 64-bit keys in one flat open-addressing array (linear probing, any capacity, grown by half
/// at 80 % load): 8 bytes a slot, no object per key.
struct KeySet {
    private(set) var slots: [UInt64]
    private(set) var count = 0

    /// A set that takes `minimumCapacity` keys without growing. Rebuilding a set from another's keys must size
    /// it first: inserting keys in slot order into a smaller table piles them into long probe runs.
    init(minimumCapacity: Int = 0) {
        slots = [UInt64](repeating: 0, count: max(16, minimumCapacity * 5 / 4 + 1))
    }

    var footprint: Int { slots.capacity * 8 }

    /// The keys, in no particular order.
    var keys: [UInt64] { slots.filter { $0 != 0 } }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)).multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    /// Inserts `key` (nonzero); false when it was there already.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool {
        precondition(key != 0)
        if (count + 1) * 5 > slots.count * 4 { grow() }
        var slot = home(key)
        while slots[slot] != 0 {
            if slots[slot] == key { return false }
            slot += 1
            if slot == slots.count { slot = 0 }
        }
        slots[slot] = key
        count += 1
        return true
    }

    func contains(_ key: UInt64) -> Bool {
        var slot = home(key)
        while slots[slot] != 0 {
            if slots[slot] == key { return true }
            slot += 1
            if slot == slots.count { slot = 0 }
        }
        return false
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count + old.count / 2)
        count = 0
        for key in old where key != 0 { insert(key) }
    }
}
