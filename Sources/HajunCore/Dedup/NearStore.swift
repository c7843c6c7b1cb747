/// The posts of the near window with their profiles, found by SimHash through a multi-index table, by pairs of
/// shared facts through a facts index and by their first and last words through an anchor index. No linear
/// scan: lookups walk only the chains their keys select (`ChainIndex`).
///
/// Multi-index: the 64-bit SimHash is cut into B blocks, one table per block: 4 blocks of 16 bits for radii up
/// to 7, 6 blocks of 10 or 11 bits up to 11. Two hashes within Hamming distance r agree on some block in at
/// most ⌊r/B⌋ bits (pigeonhole), so probing every table with its block and all variants with up to ⌊r/B⌋
/// flipped bits finds every candidate within r. Only the bits a head is chosen by are flipped: flipping the
/// others lands on the same head.
///
/// Facts index: each entry is chained under up to `PostProfile.factKeyCount` keys, one per pair of its main
/// facts (`PostProfile.factKeys`), so a lookup visits only posts that share two facts with the new one.
///
/// Incident chains: every entry is linked to the other entries of its incident, so a match can be checked
/// against everything the incident's posts said (`DedupIndex` vetoes a match any member conflicts with).
///
/// Chains are newest first. While posts arrive in time order (within `orderTolerance`), a walk stops at the
/// first entry older than the window it looks in; after an out-of-order arrival it walks whole chains until
/// the next compaction. No walk visits more than `maximumChainWalk` entries.
///
/// Columns (struct of arrays): a walk reads only `hot` (SimHash, time, incident) until a candidate is close.
struct NearStore {
    static let orderTolerance: UInt32 = 600
    /// Entries a walk of one chain visits at most, newest first: a flood of near-identical posts (one template,
    /// one bucket) cannot make a lookup linear in the window, and the newest posts of an overloaded bucket are
    /// the ones a duplicate most likely repeats.
    static let maximumChainWalk = 48

    /// The radius the tables are laid out for, the number of blocks, and where each block starts and how wide
    /// it is (bits of the SimHash).
    let radius: Int
    let blockCount: Int
    private let blockStarts: [Int]
    private let blockWidths: [Int]

    /// What a walk reads of every entry it passes, together in 16 bytes (one cache miss, not three).
    struct Hot {
        var simhash: UInt64
        var seconds: UInt32
        /// The incident (`IncidentStore` number).
        var incident: UInt32
    }

    private(set) var hot: [Hot] = []
    /// Row in the `PostStore`.
    private(set) var post: [UInt32] = []
    private(set) var profile: [PostProfile] = []
    /// The text anchors of each entry (also in `profile`, here for a walk that should not load profiles).
    private(set) var anchors: [UInt32] = []
    private(set) var blocks: ChainIndex
    private(set) var facts: ChainIndex
    private(set) var anchorIndex: ChainIndex
    /// Entry + 1 of each incident's latest entry, by incident, and per entry the previous one of its incident.
    private var incidentHeads: IncidentHeads
    private var incidentNext: [UInt32] = []
    /// The latest posted time inserted, and whether every insert so far came in time order.
    private(set) var latestSeconds: UInt32 = 0
    private(set) var ordered = true

    /// `expectedNodes`: the nodes to make room for in the block, facts and anchor chains.
    init(radius: Int, expectedCount: Int = 0, expectedNodes: (blocks: Int, facts: Int, anchors: Int) = (0, 0, 0)) {
        self.radius = radius
        blockCount = radius <= 7 ? 4 : 6
        let widths = blockCount == 4 ? [16, 16, 16, 16] : [11, 11, 11, 11, 10, 10]
        blockWidths = widths
        blockStarts = widths.indices.map { index in widths[..<index].reduce(0, +) }
        blocks = ChainIndex(
            slots: blockCount, tablePerSlot: true, maximumHeadBits: widths.min()!, expectedCount: expectedCount,
            expectedNodes: expectedNodes.blocks)
        facts = ChainIndex(
            slots: PostProfile.factKeyCount, tablePerSlot: false, expectedCount: expectedCount,
            expectedNodes: expectedNodes.facts)
        anchorIndex = ChainIndex(
            slots: 2, tablePerSlot: false, expectedCount: expectedCount, expectedNodes: expectedNodes.anchors)
        incidentHeads = IncidentHeads(minimumCapacity: expectedCount / 2)
        // A compaction knows how many entries it keeps: growing the columns to that by quarters would copy
        // every profile four times over.
        hot.reserveCapacity(expectedCount)
        post.reserveCapacity(expectedCount)
        profile.reserveCapacity(expectedCount)
        anchors.reserveCapacity(expectedCount)
        incidentNext.reserveCapacity(expectedCount)
    }

    /// Entries held (stored rather than computed: reading it must not need the whole store).
    private(set) var count = 0

    var headBits: Int { blocks.headBits }

    /// Bytes held: columns, links and heads.
    var footprint: Int {
        hot.capacity * MemoryLayout<Hot>.stride + (post.capacity + anchors.capacity + incidentNext.capacity) * 4
            + incidentHeads.footprint + profile.capacity * MemoryLayout<PostProfile>.stride + blocks.footprint
            + facts.footprint + anchorIndex.footprint
    }

    mutating func insert(
        simhash hash: UInt64, post row: UInt32, incident number: UInt32, seconds time: UInt32,
        profile facts: PostProfile
    ) {
        if time &+ Self.orderTolerance < latestSeconds { ordered = false }
        latestSeconds = max(latestSeconds, time)
        count += 1
        ColumnGrowth.append(Hot(simhash: hash, seconds: time, incident: number), to: &hot)
        ColumnGrowth.append(row, to: &post)
        ColumnGrowth.append(facts, to: &profile)
        ColumnGrowth.append(UInt32(facts.textAnchors[0]) | UInt32(facts.textAnchors[1]) << 16, to: &anchors)
        ColumnGrowth.append(incidentHeads.setHead(of: number, to: UInt32(count)), to: &incidentNext)  // entry + 1

        // The heads grow now and then: the chains are relinked from the keys, which are not stored.
        if blocks.isFull {
            let keys = (0..<blocks.count).map { blockKeys(hot[$0].simhash) }
            blocks.rebuild { keys[$0] }
        }
        blocks.append(blockKeys(hash))
        if self.facts.isFull {
            let keys = (0..<self.facts.count).map { Self.factKeys(profile[$0]) }
            self.facts.rebuild { keys[$0] }
        }
        self.facts.append(Self.factKeys(facts))
        if anchorIndex.isFull {
            let keys = (0..<anchorIndex.count).map { Self.anchorKeys(profile[$0]) }
            anchorIndex.rebuild { keys[$0] }
        }
        anchorIndex.append(Self.anchorKeys(facts))
    }

    private func blockKeys(_ hash: UInt64) -> SIMD8<UInt16> {
        var keys = SIMD8<UInt16>()
        for block in 0..<blockCount { keys[block] = blockKey(hash, block) }
        return keys
    }

    private static func factKeys(_ profile: PostProfile) -> SIMD8<UInt16> { profile.factKeys }

    private static func anchorKeys(_ profile: PostProfile) -> SIMD8<UInt16> {
        var keys = SIMD8<UInt16>()
        let anchorHashes = profile.anchorKeys
        for slot in 0..<2 { keys[slot] = anchorHashes[slot] }
        return keys
    }

    /// Block `block` of `hash` as a chain key: the block's bits at the top of 16 (where the head is chosen from).
    @inline(__always)
    func blockKey(_ hash: UInt64, _ block: Int) -> UInt16 {
        let width = blockWidths[block]
        let value = UInt16(truncatingIfNeeded: (hash >> UInt64(blockStarts[block])) & ((1 << UInt64(width)) - 1))
        return value << UInt16(16 - width)
    }

    // Lookups append entry numbers to a caller's buffer (no closures: a closure capturing the store would copy
    // it, retaining every column, on every lookup).

    /// Whether a walk looking for posts from `notBefore` on may stop at `entry` (chains are newest first).
    @inline(__always)
    func tooOld(_ entry: Int, _ notBefore: UInt32) -> Bool {
        ordered && hot[entry].seconds &+ Self.orderTolerance < notBefore
    }

    /// Appends the walks that find every entry from `notBefore` on whose SimHash is within `radius` of `hash`:
    /// each block table's chain of `hash`'s block, and of the block with one or two bits flipped when the radius
    /// needs it. An entry may be kept by more than one walk.
    func addSimHashWalks(_ hash: UInt64, notBefore: UInt32, to walks: inout [ChainWalk]) {
        let flips = min(max(radius, 0) / blockCount, 2)
        let bits = blocks.headBits
        for block in 0..<blockCount {
            let key = blockKey(hash, block)
            addBlockWalk(key, block, notBefore, &walks)
            guard flips >= 1 else { continue }
            // The head bits are the key's bits 15 down to 16 - headBits.
            for i in (16 - bits)..<16 {
                addBlockWalk(key ^ (1 << UInt16(i)), block, notBefore, &walks)
                guard flips >= 2 else { continue }
                for j in (i + 1)..<16 {
                    addBlockWalk(key ^ (1 << UInt16(i)) ^ (1 << UInt16(j)), block, notBefore, &walks)
                }
            }
        }
    }

    /// Reads ahead the heads of `hash`'s blocks (the first loads of its SimHash walks); returns them mixed.
    func touchHeads(_ hash: UInt64) -> UInt32 {
        var mixed: UInt32 = 0
        for block in 0..<blockCount { mixed ^= blocks.firstLink(blockKey(hash, block), table: block) }
        return mixed
    }

    @inline(__always)
    private func addBlockWalk(_ key: UInt16, _ table: Int, _ notBefore: UInt32, _ walks: inout [ChainWalk]) {
        walks.append(
            ChainWalk(.blocks, link: blocks.firstLink(key, table: table), notBefore: notBefore, maxDistance: radius))
    }

    /// The walk that finds every entry from `notBefore` on whose first (`slot` 0) or last (1) words have the
    /// anchor `anchor` (`PostProfile.textAnchors`), through the anchor key `key`, with a SimHash within
    /// `maxDistance` of the lookup's.
    func anchorWalk(_ key: UInt16, anchor: UInt16, slot: Int, maxDistance: Int, notBefore: UInt32) -> ChainWalk {
        ChainWalk(
            .anchors, link: anchorIndex.firstLink(key, table: 0), notBefore: notBefore, maxDistance: maxDistance,
            anchor: anchor, slot: UInt8(slot))
    }

    /// The walk that finds every entry from `notBefore` on chained under fact key `key` (and possibly others
    /// with the same head bits).
    func factWalk(_ key: UInt16, notBefore: UInt32) -> ChainWalk {
        ChainWalk(.facts, link: facts.firstLink(key, table: 0), notBefore: notBefore)
    }

    /// Walks `walks` in lockstep (see `ChainWalk`), each at most `maximumChainWalk` entries and, while posts
    /// arrive in order, only back to its `notBefore`. Walk `w` keeps its entries, newest first, in
    /// `found[w * maximumChainWalk ..< w * maximumChainWalk + walks[w].kept]`. Returns what it read ahead, mixed
    /// (to be kept by the caller so that the reads are not optimized away).
    @discardableResult
    func walk(_ walks: inout [ChainWalk], hash: UInt64, found: inout [Int32]) -> UInt32 {
        let capacity = walks.count * Self.maximumChainWalk
        if found.count < capacity { found = [Int32](repeating: 0, count: capacity) }
        // Raw buffers: a round reads a node of every walk still going, so that the processor has the loads of
        // many walks (and of the entries of a node) in flight at once.
        return hot.withUnsafeBufferPointer { hot in
            anchors.withUnsafeBufferPointer { anchors in
                blocks.withNodes { blockNodes in
                    anchorIndex.withNodes { anchorNodes in
                        facts.withNodes { factNodes in
                            walks.withUnsafeMutableBufferPointer { walks in
                                found.withUnsafeMutableBufferPointer { found in
                                    walk(
                                        walks, found, hash: hash, hot: hot, anchors: anchors,
                                        nodes: (blockNodes, anchorNodes, factNodes))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func walk(
        _ walks: UnsafeMutableBufferPointer<ChainWalk>, _ found: UnsafeMutableBufferPointer<Int32>, hash: UInt64,
        hot: UnsafeBufferPointer<Hot>, anchors: UnsafeBufferPointer<UInt32>,
        nodes: (UnsafePointer<UInt32>, UnsafePointer<UInt32>, UnsafePointer<UInt32>)
    ) -> UInt32 {
        let ordered = ordered
        var going = true
        var mixed: UInt32 = 0
        while going {
            going = false
            // The round's nodes and single entries first, in a loop with nothing waiting on them, so that their
            // cache misses overlap: a node's entries take too many instructions for the processor to reach the
            // next walk's node while the first one is still loading.
            for w in 0..<walks.count {
                let link = walks[w].link
                if link & 1 == 1 {
                    let chainNodes =
                        switch walks[w].chains {
                        case .blocks: nodes.0
                        case .anchors: nodes.1
                        case .facts: nodes.2
                        }
                    mixed ^= chainNodes[(Int(link >> 5) - 1) * ChainIndex.nodeWords]
                } else if link != 0 {
                    mixed ^= hot[Int(link >> 1) - 1].seconds
                }
            }
            for w in 0..<walks.count {
                let link = walks[w].link
                guard link != 0 else { continue }
                going = true
                if link & 1 == 0 {
                    // The chain's first entry, on its own.
                    walks[w].link = 0
                    _ = Self.visit(Int(link >> 1) - 1, &walks[w], w, found, hash, hot, anchors, ordered)
                    continue
                }
                let chainNodes =
                    switch walks[w].chains {
                    case .blocks: nodes.0
                    case .anchors: nodes.1
                    case .facts: nodes.2
                    }
                let node = chainNodes + (Int(link >> 5) - 1) * ChainIndex.nodeWords
                walks[w].link = node[0]
                for word in Int(link >> 1 & 15)..<ChainIndex.nodeWords
                where !Self.visit(Int(node[word]) - 1, &walks[w], w, found, hash, hot, anchors, ordered) {
                    walks[w].link = 0
                    break
                }
            }
        }
        return mixed
    }

    /// Reads the first and the 64th byte of the profile of every entry `walks` kept, and returns them mixed: the
    /// judge reads those profiles one candidate at a time, each a cache miss in a busy window; touched here
    /// first, in a loop with nothing waiting on the loads, they are fetched together.
    func touchProfiles(of walks: [ChainWalk], found: [Int32]) -> UInt8 {
        profile.withUnsafeBytes { profiles in
            found.withUnsafeBufferPointer { found in
                var mixed: UInt8 = 0
                for w in walks.indices {
                    let start = w * Self.maximumChainWalk
                    for index in start..<(start + Int(walks[w].kept)) {
                        let offset = Int(found[index]) * MemoryLayout<PostProfile>.stride
                        mixed ^= profiles[offset] ^ profiles[offset + 63]
                    }
                }
                return mixed
            }
        }
    }

    /// One entry of walk `w`: kept if it passes the walk's check; false when the walk is over (the entry is too
    /// old, or the walk has visited its most).
    @inline(__always)
    private static func visit(
        _ entry: Int, _ walk: inout ChainWalk, _ w: Int, _ found: UnsafeMutableBufferPointer<Int32>, _ hash: UInt64,
        _ hot: UnsafeBufferPointer<Hot>, _ anchors: UnsafeBufferPointer<UInt32>, _ ordered: Bool
    ) -> Bool {
        let entryHot = hot[entry]
        if ordered && entryHot.seconds &+ orderTolerance < walk.notBefore { return false }
        let keep =
            switch walk.chains {
            case .blocks: (entryHot.simhash ^ hash).nonzeroBitCount <= walk.maxDistance
            case .anchors:
                UInt16(truncatingIfNeeded: anchors[entry] >> UInt32(16 * Int(walk.slot))) == walk.anchor
                    && (entryHot.simhash ^ hash).nonzeroBitCount <= walk.maxDistance
            case .facts: true
            }
        if keep {
            found[w * maximumChainWalk + Int(walk.kept)] = Int32(truncatingIfNeeded: entry)
            walk.kept += 1
        }
        walk.visited += 1
        return walk.visited < maximumChainWalk
    }

    /// Runs `walks` and appends what they kept to `result`, walk by walk.
    private func collect(_ walks: [ChainWalk], hash: UInt64, into result: inout [Int32]) {
        var walks = walks
        var found: [Int32] = []
        walk(&walks, hash: hash, found: &found)
        for w in walks.indices {
            let start = w * Self.maximumChainWalk
            result.append(contentsOf: found[start..<(start + Int(walks[w].kept))])
        }
    }

    /// Appends every entry from `notBefore` on whose SimHash is within `radius` of `hash`. An entry may come
    /// more than once (from several tables).
    func collectSimHashCandidates(_ hash: UInt64, notBefore: UInt32, into result: inout [Int32]) {
        var walks: [ChainWalk] = []
        addSimHashWalks(hash, notBefore: notBefore, to: &walks)
        collect(walks, hash: hash, into: &result)
    }

    /// Appends every entry from `notBefore` on chained under fact key `key` (and possibly others with the same
    /// head bits).
    func collectFactCandidates(_ key: UInt16, notBefore: UInt32, into result: inout [Int32]) {
        collect([factWalk(key, notBefore: notBefore)], hash: 0, into: &result)
    }

    /// Appends the entries of incident `incident`, newest first, at most `limit`.
    func collectIncidentMembers(_ incident: UInt32, limit: Int, into result: inout [Int32]) {
        var number = incidentHeads.head(of: incident)
        var visited = 0
        while number != 0 && visited < limit {
            let entry = Int(number) - 1
            result.append(Int32(entry))
            number = incidentNext[entry]
            visited += 1
        }
    }

    /// Keeps the entries for which `newRow` returns a post row (their new one), in order, and rebuilds the chains;
    /// `newIncident` renumbers a kept entry's incident.
    mutating func compact(
        _ newRow: (_ post: UInt32, _ seconds: UInt32) -> UInt32?, newIncident: (_ incident: UInt32) -> UInt32
    ) {
        var rows: [(entry: Int, row: UInt32)] = []
        for entry in 0..<count {
            if let row = newRow(post[entry], hot[entry].seconds) { rows.append((entry, row)) }
        }
        // Room for about the nodes the kept entries took (their share of them): growing the nodes to that by
        // quarters would copy them over and over.
        func nodes(_ index: ChainIndex) -> Int { count == 0 ? 0 : index.nodeCount * rows.count / count }
        var kept = NearStore(
            radius: radius, expectedCount: rows.count,
            expectedNodes: (nodes(blocks), nodes(facts), nodes(anchorIndex)))
        for (entry, row) in rows {
            kept.insert(
                simhash: hot[entry].simhash, post: row, incident: newIncident(hot[entry].incident),
                seconds: hot[entry].seconds, profile: profile[entry])
        }
        self = kept
    }
}
