/// A small map from ASCII strings to 16-bit numbers, looked up by the strings' bytes: XXH3 and one compare,
/// where a `Dictionary<String, _>` runs SipHash over the string and compares it as Unicode. Only ASCII keys are
/// taken (for them byte equality is `String` equality); `find` answers nil for the rest, and the caller asks
/// its `Dictionary`. Open addressing, linear probing, doubled at half load; no deletion.
struct AsciiKeyTable {
    /// Per slot: the key's hash (0 for an empty slot), where its bytes start in `bytes`, its length and number.
    private struct Slot {
        var hash: UInt64 = 0
        var offset: UInt32 = 0
        var length: UInt16 = 0
        var number: UInt16 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 64)
    private var bytes: [UInt8] = []
    private(set) var count = 0

    /// The number `key` was inserted with, or nil (also for keys that are not ASCII).
    func find(_ key: String) -> UInt16? {
        key.utf8.withContiguousStorageIfAvailable { key -> UInt16? in
            let hash = Self.hash(key)
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot].hash != 0 {
                if slots[slot].hash == hash && equal(slots[slot], key) { return slots[slot].number }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        } ?? nil
    }

    /// Remembers `key`'s number, if `key` is ASCII and not too long (else the caller's `Dictionary` answers).
    mutating func insert(_ key: String, _ number: UInt16) {
        guard let utf8 = key.utf8.withContiguousStorageIfAvailable({ Array($0) }),
            utf8.count <= Int(UInt16.max), !utf8.contains(where: { $0 >= 0x80 }), find(key) == nil
        else { return }
        if (count + 1) * 2 > slots.count { grow() }
        let entry = Slot(
            hash: utf8.withUnsafeBufferPointer { Self.hash($0) }, offset: UInt32(bytes.count),
            length: UInt16(utf8.count), number: number)
        bytes.append(contentsOf: utf8)
        place(entry)
        count += 1
    }

    private mutating func place(_ entry: Slot) {
        var slot = Int(truncatingIfNeeded: entry.hash) & (slots.count - 1)
        while slots[slot].hash != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for entry in old where entry.hash != 0 { place(entry) }
    }

    private func equal(_ slot: Slot, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(slot.length) == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for index in 0..<key.count where stored[Int(slot.offset) + index] != key[index] { return false }
            return true
        }
    }

    /// Never 0 (0 marks an empty slot).
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        XXH3.hash64(UnsafeRawBufferPointer(key), seed: 0x4B45_5953) | 1
    }
}
