import HajunTestSupport
import Testing

@testable import HajunCore

/// The dedup stores' flat tables and the lockstep chain walk: what they return is what a plain dictionary or a
/// one-chain-at-a-time walk would.
@Suite struct DedupTablesTests {

    @Test func indexTableFindsEveryKeyAcrossGrowthAndTagWidths() {
        var random = SeededRandom(state: 7)
        var keys: [UInt64] = []
        var table = IndexTable()
        var expected: [UInt64: Int] = [:]
        // Rows well beyond the capacity the table starts with (the row bits grow), and keys that share their
        // high half (the tag) with another key, so that a tag match must still be confirmed by the key.
        for row in 0..<50_000 {
            let key =
                row % 7 == 3
                ? (keys[row - 1] & 0xFFFF_FFFF_0000_0000) | (random.next() & 0xFFFF_FFFF) : random.next()
            keys.append(key)
            if row % 5 == 0 { continue }  // not every row is indexed
            keys.withUnsafeBufferPointer { table.set(key, row: row, keys: $0) }
            expected[key] = row
        }
        keys.withUnsafeBufferPointer { buffer in
            for (key, row) in expected { #expect(table.find(key, keys: buffer) == row) }
            for _ in 0..<2_000 { #expect(table.find(random.next(), keys: buffer) == nil) }
        }
        #expect(table.count == expected.count)
        #expect(table.footprint <= expected.count * 4 * 5 / 4 * 5 / 4 + 64)
    }

    @Test func indexTableRepointsAKeyToItsLatestRow() {
        var keys: [UInt64] = [42, 7, 42]
        var table = IndexTable()
        keys.withUnsafeBufferPointer { buffer in
            table.set(42, row: 0, keys: buffer)
            table.set(7, row: 1, keys: buffer)
            table.set(42, row: 2, keys: buffer)
            #expect(table.find(42, keys: buffer) == 2)
            #expect(table.find(7, keys: buffer) == 1)
        }
        #expect(table.count == 2)
        keys[1] = 8  // the key column is what confirms a match
        keys.withUnsafeBufferPointer { #expect(table.find(7, keys: $0) == nil) }
    }

    @Test func incidentHeadsBehaveLikeADictionary() {
        var random = SeededRandom(state: 11)
        var heads = IncidentHeads()
        var expected: [UInt32: UInt32] = [:]
        for step in 1...40_000 {
            let incident = UInt32(random.next() % 15_000)
            let previous = heads.setHead(of: incident, to: UInt32(step))
            #expect(previous == expected[incident] ?? 0)
            expected[incident] = UInt32(step)
        }
        for incident in UInt32(0)..<16_000 { #expect(heads.head(of: incident) == expected[incident] ?? 0) }
        #expect(heads.count == expected.count)
    }

    @Test func lockstepWalksFindWhatSeparateWalksFind() {
        var random = SeededRandom(state: 3)
        var store = NearStore(radius: 3)
        // A few SimHash families (one template each: many entries share blocks) posted a minute apart.
        let families = (0..<6).map { _ in random.next() }
        var interner = FactInterner()
        let texts = ["колонна техники у моста", "над городом вертолеты", "эшелон на станции с техникой"]
        for step in 0..<3_000 {
            let base = families[Int(random.next() % 6)]
            let hash = base ^ (1 << (random.next() % 64)) ^ (random.next() % 3 == 0 ? 1 << (random.next() % 64) : 0)
            let profile = PostProfile(
                Normalizer.normalize(texts[step % 3] + " \(step % 40)"), entities: .empty, interner: &interner)
            store.insert(
                simhash: hash, post: UInt32(step), incident: UInt32(step), seconds: UInt32(step * 60), profile: profile)
        }
        let query = families[2] ^ 0b101
        let notBefore = UInt32(2_000 * 60)
        var separate: [Int32] = []
        store.collectSimHashCandidates(query, notBefore: notBefore, into: &separate)
        // The same walks plus facts and anchors walks, all at once: the SimHash walks keep the same entries in
        // the same order.
        var walks: [ChainWalk] = []
        store.addSimHashWalks(query, notBefore: notBefore, to: &walks)
        let simHashWalks = walks.count
        walks.append(store.factWalk(0x1235, notBefore: 0))
        walks.append(store.anchorWalk(0x4321, anchor: 9, slot: 1, maxDistance: 15, notBefore: notBefore))
        var found: [Int32] = []
        store.walk(&walks, hash: query, found: &found)
        var together: [Int32] = []
        for walk in 0..<simHashWalks {
            let start = walk * NearStore.maximumChainWalk
            together += found[start..<(start + Int(walks[walk].kept))]
        }
        #expect(!separate.isEmpty)
        #expect(together == separate)
        for walk in walks { #expect(walk.visited <= NearStore.maximumChainWalk && walk.kept <= walk.visited) }
    }

    @Test func profilesStayAtTheirBudget() {
        // 104 bytes in the near window for every post with a new text: bench/dedup's memory figure counts on it.
        #expect(MemoryLayout<PostProfile>.stride == 104)
        #expect(MemoryLayout<NearStore.Hot>.stride == 16)
    }
}
