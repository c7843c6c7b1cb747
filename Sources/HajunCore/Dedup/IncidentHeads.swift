/// The latest near-window entry of each incident (`NearStore`), in one flat open-addressing array: 8 bytes a
/// slot (the incident + 1 in the high half, the entry + 1 in the low half; 0 is empty), linear probing, grown by
/// half at 80 % load. A `Dictionary` costs twice the memory and a SipHash a lookup, on every post.
struct IncidentHeads {
    private(set) var slots: [UInt64]
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        slots = [UInt64](repeating: 0, count: max(16, minimumCapacity * 5 / 4 + 1))
    }

    var footprint: Int { slots.capacity * 8 }

    @inline(__always)
    private func home(_ incident: UInt32) -> Int {
        let mixed = UInt64(incident) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(slots.count)).high)
    }

    /// The incident's latest entry + 1, 0 when it has none.
    func head(of incident: UInt32) -> UInt32 {
        let tag = UInt64(incident) + 1
        var slot = home(incident)
        while true {
            let value = slots[slot]
            if value == 0 { return 0 }
            if value >> 32 == tag { return UInt32(truncatingIfNeeded: value) }
            slot += 1
            if slot == slots.count { slot = 0 }
        }
    }

    /// Sets the incident's latest entry + 1 (nonzero); returns the one it replaces (0 for none).
    @discardableResult
    mutating func setHead(of incident: UInt32, to head: UInt32) -> UInt32 {
        if (count + 1) * 5 > slots.count * 4 { grow() }
        let tag = UInt64(incident) + 1
        var slot = home(incident)
        while true {
            let value = slots[slot]
            if value == 0 {
                slots[slot] = tag << 32 | UInt64(head)
                count += 1
                return 0
            }
            if value >> 32 == tag {
                slots[slot] = tag << 32 | UInt64(head)
                return UInt32(truncatingIfNeeded: value)
            }
            slot += 1
            if slot == slots.count { slot = 0 }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count + old.count / 2)
        count = 0
        for value in old where value != 0 {
            setHead(of: UInt32(truncatingIfNeeded: (value >> 32) - 1), to: UInt32(truncatingIfNeeded: value))
        }
    }
}
