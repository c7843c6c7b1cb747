/// Chains of entries under 16-bit keys, newest first: one head per value of a key's top `headBits` bits and,
/// per entry, a fixed number of key slots each with its own link. `NearStore` keeps three: the SimHash blocks
/// (one table per slot), the facts and the text anchors (all slots in one table).
///
/// In a shared table a key of 0 is an empty slot; with a table per slot every entry has every key (0 too).
/// `headBits` grows with the number of entries (about one entry a head) so that the heads stay small enough for
/// the cache. A link names the entry and the slot whose link to follow next (`(entry + 1) << 3 | slot`), so a
/// walk through a shared table reads one link an entry, not the entry's keys too (every read is a cache miss in
/// a busy window). Keys are stored so that the chains can be rebuilt.
struct ChainIndex {
    static let minimumHeadBits = 8

    let slots: Int
    /// One table per slot (`true`: slot k's keys live in table k) or one shared table.
    let tablePerSlot: Bool
    let maximumHeadBits: Int
    private(set) var headBits: Int
    /// The link heading each chain, `headBits` bits per table; 0 ends a chain.
    private var heads: [UInt32]
    /// Per entry and slot: the key and the link to the next entry in that key's chain.
    private var keys: [UInt16] = []
    private var next: [UInt32] = []

    init(slots: Int, tablePerSlot: Bool, maximumHeadBits: Int = 16, expectedCount: Int = 0) {
        precondition(maximumHeadBits <= 16)
        precondition(slots <= Self.maximumSlots)
        self.slots = slots
        self.tablePerSlot = tablePerSlot
        self.maximumHeadBits = maximumHeadBits
        var bits = Self.minimumHeadBits
        while bits < maximumHeadBits && (1 << bits) < expectedCount { bits += 1 }
        headBits = bits
        heads = [UInt32](repeating: 0, count: (tablePerSlot ? slots : 1) << bits)
    }

    var count: Int { keys.count / slots }

    var footprint: Int { (heads.capacity + next.capacity) * 4 + keys.capacity * 2 }

    /// The head a key chains from in table `table`: the key's top `headBits` bits.
    @inline(__always)
    func head(_ key: UInt16, table: Int) -> Int {
        (tablePerSlot ? table << headBits : 0) | Int(key >> UInt16(16 - headBits))
    }

    static let maximumSlots = 8
    /// Entries a link can name.
    static let maximumCount = 1 << 29 - 1

    @inline(__always)
    static func link(entry: Int, slot: Int) -> UInt32 { UInt32(truncatingIfNeeded: (entry + 1) << 3 | slot) }

    /// Appends the next entry with `entryKeys` (the first `slots` of them; 0 for none).
    mutating func append(_ entryKeys: InlineArray<8, UInt16>) {
        if headBits < maximumHeadBits && count >= 2 << headBits { rebuild(headBits: headBits + 1) }
        link(entryKeys)
    }

    private mutating func link(_ entryKeys: InlineArray<8, UInt16>) {
        let entry = count
        precondition(entry < Self.maximumCount)
        let base = keys.count
        for slot in 0..<slots {
            var key = entryKeys[slot]
            if !tablePerSlot && key != 0 {
                // Two keys of one entry on one head would make that chain point at itself: keep the first.
                let own = head(key, table: 0)
                for earlier in 0..<slot where keys[base + earlier] != 0 && head(keys[base + earlier], table: 0) == own {
                    key = 0
                    break
                }
            }
            ColumnGrowth.append(key, to: &keys)
            if key == 0 && !tablePerSlot {
                ColumnGrowth.append(0, to: &next)
            } else {
                let index = head(key, table: slot)
                ColumnGrowth.append(heads[index], to: &next)
                heads[index] = Self.link(entry: entry, slot: slot)
            }
        }
    }

    private mutating func rebuild(headBits bits: Int) {
        let oldKeys = keys
        let entries = count
        headBits = bits
        heads = [UInt32](repeating: 0, count: (tablePerSlot ? slots : 1) << bits)
        keys.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        for entry in 0..<entries {
            var entryKeys = InlineArray<8, UInt16>(repeating: 0)
            for slot in 0..<slots { entryKeys[slot] = oldKeys[entry * slots + slot] }
            link(entryKeys)
        }
    }

    /// A position in a chain: the link to the next entry (0 at the end).
    struct Cursor {
        var link: UInt32
    }

    /// The chain of `key` in table `table`, newest first. Entries in it may have other keys with the same head
    /// bits; the caller checks what it needs.
    @inline(__always)
    func chain(_ key: UInt16, table: Int) -> Cursor {
        Cursor(link: heads[head(key, table: table)])
    }

    /// The link heading the chain of `key` in table `table`.
    @inline(__always)
    func firstLink(_ key: UInt16, table: Int) -> UInt32 {
        heads[head(key, table: table)]
    }

    /// The entry a (nonzero) link names.
    @inline(__always)
    static func entry(_ link: UInt32) -> Int { Int(link >> 3) - 1 }

    /// The link after the entry that (nonzero) `link` names, in the same chain.
    @inline(__always)
    func link(after link: UInt32) -> UInt32 {
        next[Self.entry(link) * slots + Int(link & 7)]
    }

    /// Calls `body` with the links (`slots` a row, one row an entry), for walks that follow many chains at once.
    @inline(__always)
    func withLinks<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        next.withUnsafeBufferPointer(body)
    }

    /// The next entry of the chain, or nil at its end.
    @inline(__always)
    func next(_ cursor: inout Cursor) -> Int? {
        guard cursor.link != 0 else { return nil }
        let entry = Self.entry(cursor.link)
        cursor.link = link(after: cursor.link)
        return entry
    }
}
