/// Chains of entries under 16-bit keys, newest first: one head per value of a key's top `headBits` bits, and
/// per entry a fixed number of key slots. `NearStore` keeps three: the SimHash blocks (one table per slot), the
/// facts and the text anchors (all slots in one table).
///
/// In a shared table a key of 0 is an empty slot; with a table per slot every entry has every key (0 too).
/// `headBits` grows with the number of entries (about one entry a head) so that the heads stay small enough for
/// the cache. Keys are not stored: the owner gives them again when the heads grow (`rebuild`).
///
/// A chain is stored in nodes of up to `nodeEntries` entries (one cache line), newest node first, ending in the
/// chain's first entry on its own (most chains hold one entry: that costs no node). A walk reads a whole node
/// for every dependent load, so a chain of 48 entries takes 5 waits for memory, not 48: in a busy window every
/// one of them misses the cache.
///
/// A link (a head, or a node's next) is 0 for the end, `(entry + 1) << 1` for a single entry, and
/// `(node + 1) << 5 | start << 1 | 1` for a node whose newest entry is at word `start` (entries fill a node
/// from its last word down; word 0 holds the link to the older rest of the chain).
struct ChainIndex {
    static let minimumHeadBits = 8
    /// Words a node: the link on, then the entries + 1 (0 for unused).
    static let nodeWords = 16
    static let nodeEntries = nodeWords - 1

    let slots: Int
    /// One table per slot (`true`: slot k's keys live in table k) or one shared table.
    let tablePerSlot: Bool
    let maximumHeadBits: Int
    private(set) var headBits: Int
    /// The link heading each chain, `headBits` bits per table.
    private var heads: [UInt32]
    /// Entries appended.
    private(set) var count = 0
    /// The nodes, `nodeWords` words each, from word `nodeOffset` on (so that each node fills one cache line).
    private var nodes: [UInt32] = []
    private var nodeOffset = 0
    /// Nodes in use.
    private(set) var nodeCount = 0

    /// `expectedNodes`: the nodes to make room for at once (a compaction knows about how many its entries take).
    init(slots: Int, tablePerSlot: Bool, maximumHeadBits: Int = 16, expectedCount: Int = 0, expectedNodes: Int = 0) {
        precondition(maximumHeadBits <= 16)
        precondition(slots <= Self.maximumSlots)
        self.slots = slots
        self.tablePerSlot = tablePerSlot
        self.maximumHeadBits = maximumHeadBits
        var bits = Self.minimumHeadBits
        while bits < maximumHeadBits && (1 << bits) < expectedCount { bits += 1 }
        headBits = bits
        heads = [UInt32](repeating: 0, count: (tablePerSlot ? slots : 1) << bits)
        if expectedNodes > 0 { growNodes(to: expectedNodes * Self.nodeWords) }
    }

    var footprint: Int { (heads.capacity + nodes.capacity) * 4 }

    /// The head a key chains from in table `table`: the key's top `headBits` bits.
    @inline(__always)
    func head(_ key: UInt16, table: Int) -> Int {
        (tablePerSlot ? table << headBits : 0) | Int(key >> UInt16(16 - headBits))
    }

    static let maximumSlots = 8
    /// Entries a link can name.
    static let maximumCount = 1 << 29 - 1

    /// Whether the heads grow before the next entry is appended: then `rebuild` must be called first, with
    /// the keys of every entry so far.
    var isFull: Bool { headBits < maximumHeadBits && count >= 2 << headBits }

    /// Appends the next entry with `entryKeys` (the first `slots` of them; 0 for none).
    mutating func append(_ entryKeys: SIMD8<UInt16>) {
        precondition(!isFull && count < Self.maximumCount)
        let entry = count
        count += 1
        // Room for a new node per key first, so that the pushes can work on the buffers in place.
        if nodeOffset + (nodeCount + slots) * Self.nodeWords > nodes.count {
            let needed = (nodeCount + slots) * Self.nodeWords
            growNodes(to: max(needed + 255 * Self.nodeWords, nodeCount * Self.nodeWords * 5 / 4))
        }
        // The heads first, all of them (each is a cache miss in a busy window, and they are independent), then
        // the pushes. No two of an entry's keys share a head.
        var targets = SIMD8<Int32>(repeating: -1)
        for slot in 0..<slots {
            let key = entryKeys[slot]
            if tablePerSlot {
                targets[slot] = Int32(truncatingIfNeeded: head(key, table: slot))
                continue
            }
            guard key != 0 else { continue }
            // Two keys of one entry on one head would put the entry in that chain twice: keep the first.
            let own = Int32(truncatingIfNeeded: head(key, table: 0))
            var repeated = false
            for earlier in 0..<slot where targets[earlier] == own {
                repeated = true
                break
            }
            if !repeated { targets[slot] = own }
        }
        let slots = slots
        var nodeCount = nodeCount
        let nodeOffset = nodeOffset
        heads.withUnsafeMutableBufferPointer { heads in
            nodes.withUnsafeMutableBufferPointer { words in
                let nodes = words.baseAddress! + nodeOffset
                var links = SIMD8<UInt32>()
                for slot in 0..<slots where targets[slot] >= 0 { links[slot] = heads[Int(targets[slot])] }
                for slot in 0..<slots where targets[slot] >= 0 {
                    Self.push(entry, head: Int(targets[slot]), link: links[slot], heads, nodes, &nodeCount)
                }
            }
        }
        self.nodeCount = nodeCount
    }

    /// Puts `entry` at the front of the chain at `head`, whose link is `link` (room for a new node is made).
    @inline(__always)
    private static func push(
        _ entry: Int, head index: Int, link: UInt32, _ heads: UnsafeMutableBufferPointer<UInt32>,
        _ nodes: UnsafeMutablePointer<UInt32>, _ nodeCount: inout Int
    ) {
        if link & 1 == 1 {
            let start = Int(link >> 1 & 15)
            if start > 1 {
                let node = Int(link >> 5) - 1
                nodes[node * nodeWords + start - 1] = UInt32(entry + 1)
                heads[index] = link - 2  // start - 1
                return
            }
        }
        if link == 0 {
            heads[index] = UInt32(truncatingIfNeeded: (entry + 1) << 1)
            return
        }
        let node = nodeCount
        nodeCount += 1
        let at = node * nodeWords
        nodes[at] = link
        nodes[at + nodeWords - 1] = UInt32(entry + 1)
        heads[index] = UInt32(truncatingIfNeeded: (node + 1) << 5 | (nodeWords - 1) << 1 | 1)
    }

    /// Moves the nodes into a buffer with room for `words` words whose first node starts a cache line. The nodes
    /// in use are copied and only the rest is zeroed.
    private mutating func growNodes(to words: Int) {
        let used = nodeCount * Self.nodeWords
        let capacity = max(words, used) + Self.nodeWords
        let old = nodes
        let oldOffset = nodeOffset
        var offset = 0
        nodes = [UInt32](unsafeUninitializedCapacity: capacity) { buffer, count in
            let base = buffer.baseAddress!
            offset = Self.lineOffset(UnsafePointer(base))
            base.initialize(repeating: 0, count: offset)
            old.withUnsafeBufferPointer { source in
                if used > 0 { (base + offset).initialize(from: source.baseAddress! + oldOffset, count: used) }
            }
            (base + offset + used).initialize(repeating: 0, count: capacity - offset - used)
            count = capacity
        }
        nodeOffset = offset
    }

    /// Words from `base` to the next 64-byte boundary.
    private static func lineOffset(_ base: UnsafePointer<UInt32>) -> Int {
        let address = Int(bitPattern: base)
        return (64 - address % 64) % 64 / 4
    }

    /// Grows the heads by a bit and relinks every entry; `keys(entry)` gives an entry's keys as they were
    /// appended.
    mutating func rebuild(keys: (Int) -> SIMD8<UInt16>) {
        let entries = count
        headBits += 1
        heads = [UInt32](repeating: 0, count: (tablePerSlot ? slots : 1) << headBits)
        nodeCount = 0
        count = 0
        for entry in 0..<entries { append(keys(entry)) }
    }

    /// The link heading the chain of `key` in table `table`. Entries in the chain may have other keys with the
    /// same head bits; the caller checks what it needs.
    @inline(__always)
    func firstLink(_ key: UInt16, table: Int) -> UInt32 {
        heads[head(key, table: table)]
    }

    /// Calls `body` with the nodes, the first at the pointer given, for walks that follow many chains at once.
    @inline(__always)
    func withNodes<R>(_ body: (UnsafePointer<UInt32>) -> R) -> R {
        nodes.withUnsafeBufferPointer { body($0.baseAddress.map { $0 + nodeOffset } ?? UnsafePointer(bitPattern: 64)!) }
    }
}
