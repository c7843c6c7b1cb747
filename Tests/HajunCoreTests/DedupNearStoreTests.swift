import HajunTestSupport
import Testing

@testable import HajunCore

/// The multi-index table finds every stored SimHash within its radius, without a linear scan.
@Suite struct DedupNearStoreTests {
    @Test(arguments: [3, 7, 11])
    func findsEverythingWithinTheRadius(radius: Int) {
        var random = SeededRandom(state: UInt64(radius))
        var store = NearStore(radius: radius)
        // Enough entries to grow the heads several times (8 bits to the block width).
        let stored = (0..<20_000).map { _ in random.next() }
        for (index, hash) in stored.enumerated() {
            store.insert(
                simhash: hash, post: UInt32(index), incident: UInt32(index), seconds: 0, profile: PostProfile())
        }
        for probe in 0..<500 {
            let target = probe * 37
            let query = random.flip(stored[target], bits: probe % (radius + 1))
            var entries: [Int32] = []
            store.collectSimHashCandidates(query, notBefore: 0, into: &entries)
            let found = entries.contains(Int32(target))
            let visited = entries.count
            #expect(found, "entry \(target) at distance \(probe % (radius + 1)) not found with radius \(radius)")
            #expect(visited < 2_000, "a lookup visited \(visited) of 20,000 entries")
        }
    }

    @Test func candidatesOutsideTheRadiusAreFewForRandomHashes() {
        var random = SeededRandom(state: 99)
        var store = NearStore(radius: 7)
        for index in 0..<50_000 {
            store.insert(
                simhash: random.next(), post: UInt32(index), incident: UInt32(index), seconds: 0, profile: PostProfile()
            )
        }
        var visited = 0
        for _ in 0..<100 {
            var entries: [Int32] = []
            store.collectSimHashCandidates(random.next(), notBefore: 0, into: &entries)
            visited += entries.count
        }
        // 4 tables x 17 probes, about one entry a head: dozens of candidates, not thousands.
        #expect(visited / 100 < 200)
    }

    @Test func factKeysChainEntriesThatShareTwoFacts() {
        var interner = FactInterner()
        let mazyr = PlaceMention(id: "mazyr", name: "Mazyr", region: .homiel, kind: .town)
        let text = Normalizer.normalize("Колонна из 27 единиц в сторону Мозыря")
        let a = PostProfile(
            text, entities: Entities(places: [mazyr], counts: [27], direction: mazyr), interner: &interner)
        let b = PostProfile(
            Normalizer.normalize("27 vehicles heading to Mazyr"), entities: Entities(places: [mazyr], counts: [27]),
            interner: &interner)
        var store = NearStore(radius: 7)
        store.insert(simhash: 1, post: 0, incident: 0, seconds: 0, profile: a)
        var found: [Int32] = []
        let keys = b.factKeys
        for slot in 0..<PostProfile.factKeyCount where keys[slot] != 0 {
            store.collectFactCandidates(keys[slot], notBefore: 0, into: &found)
        }
        #expect(found.contains(0))
        #expect(a.agreement(with: b) == PostProfile.Agreement(place: true, number: true))
    }

    @Test func walksStopAtTheWindowWhilePostsArriveInOrder() {
        var store = NearStore(radius: 3)
        // The same SimHash every five minutes for a day: one chain of 288 entries.
        for step in 0..<288 {
            store.insert(
                simhash: 42, post: UInt32(step), incident: UInt32(step), seconds: UInt32(step * 300),
                profile: PostProfile())
        }
        #expect(store.ordered)
        var visited: [Int32] = []
        store.collectSimHashCandidates(42, notBefore: UInt32(276 * 300), into: &visited)
        // The last hour and the order tolerance's ten minutes before it (once per table), not the whole day.
        #expect(visited.contains(287) && visited.contains(276))
        #expect(Set(visited).count == 12 + 2)
        #expect(visited.count == 4 * (12 + 2))

        // One post from the day before arrives late: from then on walks cannot trust the order, and go on to
        // their cap (the newest entries of the overloaded chain).
        store.insert(simhash: 42, post: 9_999, incident: 9_999, seconds: 0, profile: PostProfile())
        #expect(!store.ordered)
        var all: [Int32] = []
        store.collectSimHashCandidates(42, notBefore: UInt32(276 * 300), into: &all)
        #expect(all.count == 4 * NearStore.maximumChainWalk)
        #expect(all.contains(288) && all.contains(287))
    }
}

extension SeededRandom {
    /// `hash` with exactly `count` distinct bits flipped.
    fileprivate mutating func flip(_ hash: UInt64, bits count: Int) -> UInt64 {
        var result = hash
        var flipped: Set<UInt64> = []
        while flipped.count < count {
            let bit = next() % 64
            if flipped.insert(bit).inserted { result ^= 1 << bit }
        }
        return result
    }
}
