/// One chain walk of a lookup in `NearStore`: the chain, what the walk keeps of the entries it passes, and how
/// many it kept.
///
/// A lookup walks all its chains in lockstep (`NearStore.walk`), a node of each in turn (`ChainIndex`: up to 15
/// entries a cache line): every node is a dependent load that misses the cache in a busy window, and chains
/// walked side by side wait for their misses together instead of one after another. What each walk finds, and
/// in which order, is what walking it alone, entry by entry, would find.
struct ChainWalk {
    enum Chains: UInt8 {
        /// A SimHash block table: keeps entries within `maxDistance` of the lookup's SimHash.
        case blocks
        /// The text anchors: keeps entries whose anchor in `slot` is `anchor`, within `maxDistance`.
        case anchors
        /// The facts: keeps every entry.
        case facts
    }

    let chains: Chains
    /// The link to the rest of the chain (`ChainIndex`), 0 when the walk is over.
    var link: UInt32
    /// Entries posted before this (less the order tolerance) end an ordered walk.
    let notBefore: UInt32
    let maxDistance: Int
    let anchor: UInt16
    let slot: UInt8
    /// Entries visited, and entries kept (in the lookup's buffer from `index * NearStore.maximumChainWalk` on).
    var visited: Int32 = 0
    var kept: Int32 = 0

    init(
        _ chains: Chains, link: UInt32, notBefore: UInt32, maxDistance: Int = 64, anchor: UInt16 = 0, slot: UInt8 = 0
    ) {
        self.chains = chains
        self.link = link
        self.notBefore = notBefore
        self.maxDistance = maxDistance
        self.anchor = anchor
        self.slot = slot
    }
}
