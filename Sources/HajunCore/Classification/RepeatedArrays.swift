/// The classification arrays of several elements that posts repeat (the same two terms, the same places, the same
/// counts), kept and handed out again: a kept array costs one reference count where a new one costs an allocation
/// and a reference count per string, then as much again to free. Keyed by up to four small numbers (`Key`);
/// direct-mapped, the last array made for a slot stays. Belongs to one `AnalysisScratch`, so to one
/// classification at a time.
final class RepeatedArrays<Element>: @unchecked Sendable {
    /// Up to four numbers below 65,535, in order, packed; nil for other lists.
    struct Key {
        private var packed: UInt64 = 0
        private var count = 0
        private var fits = true

        @inline(__always)
        mutating func add(_ number: Int) {
            if count < 4 && number >= 0 && number < 0xFFFF {
                packed |= UInt64(number + 1) << UInt64(16 * count)
            } else {
                fits = false
            }
            count += 1
        }

        var value: UInt64? { fits && count > 0 ? packed : nil }
    }

    private static var slotBits: Int { 8 }
    private let keys: UnsafeMutablePointer<UInt64>
    private let arrays: UnsafeMutablePointer<[Element]>

    init() {
        keys = .allocate(capacity: 1 << RepeatedArrays.slotBits)
        keys.initialize(repeating: 0, count: 1 << RepeatedArrays.slotBits)
        arrays = .allocate(capacity: 1 << RepeatedArrays.slotBits)
        arrays.initialize(repeating: [], count: 1 << RepeatedArrays.slotBits)
    }

    deinit {
        arrays.deinitialize(count: 1 << RepeatedArrays.slotBits)
        arrays.deallocate()
        keys.deallocate()
    }

    /// The array for `key`: the one kept for it, or the one `make` makes (then kept).
    @inline(__always)
    func array(for key: Key, make: () -> [Element]) -> [Element] {
        guard let key = key.value else { return make() }
        let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - RepeatedArrays.slotBits))
        if keys[slot] == key { return arrays[slot] }
        let made = make()
        keys[slot] = key
        arrays[slot] = made
        return made
    }
}
