/// A fixed open-addressing table from non-zero 64-bit keys to bytes, for the hot path: no hashing protocol, no
/// reference counting, one multiply per lookup. Absent keys read as 0.
struct SmallHashTable: Sendable {
    private let keys: [UInt64]
    private let values: [UInt8]
    private let shift: UInt64

    /// `entries` keys must be non-zero; values of equal keys are OR-ed together.
    init(_ entries: [(key: UInt64, value: UInt8)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 3 { bits += 1 }
        let capacity = 1 << Int(bits)
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [UInt8](repeating: 0, count: capacity)
        for (key, value) in entries {
            precondition(key != 0, "SmallHashTable keys must be non-zero")
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            values[slot] |= value
        }
        self.keys = keys
        self.values = values
        self.shift = 64 - bits
    }

    @inline(__always)
    func value(for key: UInt64) -> UInt8 {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }
}
