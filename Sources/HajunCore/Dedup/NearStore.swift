/// The posts of the near window with their profiles, found by SimHash through a multi-index table and by
/// pairs of shared facts through a facts index. No linear scan: lookups walk only the chains their keys select.
///
/// Multi-index: the 64-bit SimHash is cut into B blocks, one table per block: 4 blocks of 16 bits for radii up
/// to 7, 6 blocks of 10 or 11 bits up to 11. Two hashes within Hamming distance r agree on some block in at
/// most ⌊r/B⌋ bits (pigeonhole), so probing every table with its block and all variants with up to ⌊r/B⌋
/// flipped bits finds every candidate within r. Each table is a head per value of the block's top `headBits`
/// bits and a next link per entry, newest first. `headBits` grows with the store (8 bits up to the block's
/// width, about one entry a head) so that the heads stay small enough for the cache: flipping a bit below
/// the top `headBits` lands on the same head, so only the top bits are flipped.
///
/// Facts index: each entry is chained under up to `factKeysPerEntry` keys, one per pair of its main facts
/// (place and equipment, place and number, equipment and number; `PostProfile.factKeys`), so a lookup visits
/// only posts that share two facts with the new one.
///
/// Columns (struct of arrays): the chain walk reads only `simhash` and `seconds` until a candidate is close.
struct NearStore {
    static let factKeysPerEntry = PostProfile.factKeyCount
    static let minimumHeadBits = 8

    /// The radius the tables are laid out for, the number of blocks, and where each block starts and how wide
    /// it is (bits of the SimHash).
    let radius: Int
    let blockCount: Int
    private let blockStarts: [Int]
    private let blockWidths: [Int]
    private let maximumHeadBits: Int

    /// Bits of each block (and of each fact key) that select a head.
    private(set) var headBits: Int

    private(set) var simhash: [UInt64] = []
    private(set) var seconds: [UInt32] = []
    /// Row in the `PostStore`.
    private(set) var post: [UInt32] = []
    private(set) var profile: [PostProfile] = []
    /// Entry + 1 heading each block value's chain, per table; 0 ends a chain.
    private var heads: [UInt32]
    /// Entry + 1 next in the chain, `blockCount` per entry.
    private var next: [UInt32] = []
    /// Facts index: entry + 1 heading each key's chain (16-bit keys), and per entry its keys (0 = unused) and
    /// the next entry in each of its chains.
    private var factHeads: [UInt32]
    private var factKeys: [UInt16] = []
    private var factNext: [UInt32] = []

    init(radius: Int, expectedCount: Int = 0) {
        self.radius = radius
        blockCount = radius <= 7 ? 4 : 6
        let widths = blockCount == 4 ? [16, 16, 16, 16] : [11, 11, 11, 11, 10, 10]
        blockWidths = widths
        blockStarts = widths.indices.map { index in widths[..<index].reduce(0, +) }
        maximumHeadBits = widths.min()!
        var bits = Self.minimumHeadBits
        while bits < maximumHeadBits && (1 << bits) < expectedCount { bits += 1 }
        headBits = bits
        heads = [UInt32](repeating: 0, count: blockCount << bits)
        factHeads = [UInt32](repeating: 0, count: 1 << bits)
    }

    var count: Int { simhash.count }

    /// Bytes held: columns, links and heads.
    var footprint: Int {
        simhash.capacity * 8 + (seconds.capacity + post.capacity) * 4
            + profile.capacity * MemoryLayout<PostProfile>.stride
            + (heads.capacity + next.capacity + factHeads.capacity + factNext.capacity) * 4 + factKeys.capacity * 2
    }

    mutating func insert(simhash hash: UInt64, post row: UInt32, seconds time: UInt32, profile facts: PostProfile) {
        if headBits < maximumHeadBits && count >= 2 << headBits { rebuild(expectedCount: count * 2) }
        simhash.append(hash)
        seconds.append(time)
        post.append(row)
        profile.append(facts)
        link(entry: count - 1, keys: facts.factKeys)
    }

    /// Chains entry `entry` (the last one, or every one in order during a rebuild) into every table.
    private mutating func link(entry: Int, keys: InlineArray<5, UInt16>) {
        let number = UInt32(entry + 1)
        let hash = simhash[entry]
        for block in 0..<blockCount {
            let head = (block << headBits) | self.head(hash, block)
            next.append(heads[head])
            heads[head] = number
        }
        let base = factKeys.count
        for slot in 0..<Self.factKeysPerEntry {
            var key = keys[slot]
            // Keys that share a head are one link: a second would make the chain point at itself.
            for earlier in 0..<slot where factKeys[base + earlier] != 0 && factHead(factKeys[base + earlier]) == factHead(key) {
                key = 0
            }
            factKeys.append(key)
            if key == 0 {
                factNext.append(0)
            } else {
                let head = factHead(key)
                factNext.append(factHeads[head])
                factHeads[head] = number
            }
        }
    }

    /// Rebuilds the heads and links with `headBits` fit for `expectedCount` entries.
    private mutating func rebuild(expectedCount: Int) {
        let fresh = NearStore(radius: radius, expectedCount: expectedCount)
        headBits = fresh.headBits
        heads = fresh.heads
        factHeads = fresh.factHeads
        next.removeAll(keepingCapacity: true)
        factKeys.removeAll(keepingCapacity: true)
        factNext.removeAll(keepingCapacity: true)
        for entry in 0..<count { link(entry: entry, keys: profile[entry].factKeys) }
    }

    /// The head of `hash`'s block `block`: its top `headBits` bits.
    @inline(__always)
    func head(_ hash: UInt64, _ block: Int) -> Int {
        let shift = blockStarts[block] + blockWidths[block] - headBits
        return Int(truncatingIfNeeded: (hash >> UInt64(shift)) & ((1 << UInt64(headBits)) - 1))
    }

    @inline(__always)
    func factHead(_ key: UInt16) -> Int {
        Int(key) & ((1 << headBits) - 1)
    }

    /// Calls `body` with every entry whose SimHash is within `radius` of `hash` (and possibly others; the
    /// caller checks the distance). An entry may come more than once.
    func forEachSimHashCandidate(_ hash: UInt64, _ body: (Int) -> Void) {
        let flips = min(max(radius, 0) / blockCount, 2)
        let bits = headBits
        let blockCount = blockCount
        heads.withUnsafeBufferPointer { heads in
            next.withUnsafeBufferPointer { next in
                @inline(__always) func walk(_ head: Int, _ block: Int) {
                    var number = heads[head]
                    while number != 0 {
                        let entry = Int(number) - 1
                        body(entry)
                        number = next[entry &* blockCount &+ block]
                    }
                }
                for block in 0..<blockCount {
                    let base = block << bits
                    let value = head(hash, block)
                    walk(base | value, block)
                    guard flips >= 1 else { continue }
                    for i in 0..<bits {
                        walk(base | (value ^ (1 << i)), block)
                        guard flips >= 2 else { continue }
                        for j in (i + 1)..<bits { walk(base | (value ^ (1 << i) ^ (1 << j)), block) }
                    }
                }
            }
        }
    }

    /// Calls `body` with every entry chained under fact key `key` (and possibly others with the same key bits).
    func forEachFactCandidate(_ key: UInt16, _ body: (Int) -> Void) {
        var number = factHeads[factHead(key)]
        while number != 0 {
            let entry = Int(number) - 1
            body(entry)
            let base = entry * Self.factKeysPerEntry
            var following: UInt32 = 0
            for slot in 0..<Self.factKeysPerEntry
            where factKeys[base + slot] != 0 && factHead(factKeys[base + slot]) == factHead(key) {
                following = factNext[base + slot]
                break
            }
            number = following
        }
    }

    /// Keeps the entries for which `newRow` returns a post row (their new one), in order, and rebuilds the chains.
    mutating func compact(_ newRow: (_ post: UInt32, _ seconds: UInt32) -> UInt32?) {
        var rows: [(entry: Int, row: UInt32)] = []
        for entry in 0..<count {
            if let row = newRow(post[entry], seconds[entry]) { rows.append((entry, row)) }
        }
        var kept = NearStore(radius: radius, expectedCount: rows.count)
        for (entry, row) in rows {
            kept.insert(simhash: simhash[entry], post: row, seconds: seconds[entry], profile: profile[entry])
        }
        self = kept
    }
}
