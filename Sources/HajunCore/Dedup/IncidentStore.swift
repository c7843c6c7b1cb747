/// What every incident (a first post and its duplicates) keeps once: its first event's id and SimHash (for
/// `DedupVerdict.of` and `.distance`), its first source, and how many distinct sources have reported it.
/// Columns, 21 bytes an incident, plus the sources beyond the first in one hash set (about 10 bytes each).
struct IncidentStore {
    private(set) var eventID: [UInt64] = []
    private(set) var simhash: [UInt64] = []
    /// The first post's source (`PostIdentity.source`).
    private(set) var firstSource: [UInt32] = []
    /// Distinct sources so far (saturating at 255).
    private(set) var sourceCount: [UInt8] = []
    /// (incident + 1) << 32 | source, for every source of an incident other than its first.
    private(set) var otherSources = KeySet()

    init(reserving capacity: Int = 0) {
        eventID.reserveCapacity(capacity)
        simhash.reserveCapacity(capacity)
        firstSource.reserveCapacity(capacity)
        sourceCount.reserveCapacity(capacity)
    }

    var count: Int { eventID.count }

    var footprint: Int {
        (eventID.capacity + simhash.capacity) * 8 + firstSource.capacity * 4 + sourceCount.capacity
            + otherSources.footprint
    }

    /// A new incident, first reported as event `id` by `source`; returns its number.
    mutating func open(eventID id: UInt64, simhash hash: UInt64, source: UInt32) -> UInt32 {
        ColumnGrowth.append(id, to: &eventID)
        ColumnGrowth.append(hash, to: &simhash)
        ColumnGrowth.append(source, to: &firstSource)
        ColumnGrowth.append(1, to: &sourceCount)
        return UInt32(count - 1)
    }

    /// Adds `source` to incident `number`; returns its distinct sources.
    mutating func add(source: UInt32, to number: UInt32) -> Int {
        let index = Int(number)
        if source != firstSource[index] && otherSources.insert(Self.key(number, source)) {
            sourceCount[index] = sourceCount[index] &+ (sourceCount[index] == .max ? 0 : 1)
        }
        return Int(sourceCount[index])
    }

    func sources(of number: UInt32) -> Int { Int(sourceCount[Int(number)]) }

    /// A restored incident (snapshot); its other sources are restored with `restore(otherSource:)`.
    mutating func restore(eventID id: UInt64, simhash hash: UInt64, firstSource source: UInt32, sources: UInt8) {
        let number = open(eventID: id, simhash: hash, source: source)
        sourceCount[Int(number)] = max(1, sources)
    }

    /// A restored `otherSources` key; false when it names no incident.
    mutating func restore(otherSource key: UInt64) -> Bool {
        guard key >> 32 >= 1 && Int(key >> 32) <= count else { return false }
        otherSources.insert(key)
        return true
    }

    /// Keeps the incidents for which `keep` is true, in order; returns the map from old to new numbers.
    mutating func compact(keeping keep: [Bool]) -> [UInt32?] {
        var map = [UInt32?](repeating: nil, count: count)
        var next: UInt32 = 0
        for number in 0..<count where keep[number] {
            map[number] = next
            next += 1
        }
        var compacted = IncidentStore(reserving: Int(next) + Int(next) / 4)
        compacted.otherSources = KeySet(minimumCapacity: otherSources.count)
        for number in 0..<count where keep[number] {
            _ = compacted.open(eventID: eventID[number], simhash: simhash[number], source: firstSource[number])
            compacted.sourceCount[Int(map[number]!)] = sourceCount[number]
        }
        for key in otherSources.keys {
            if let renumbered = map[Int(key >> 32) - 1] {
                _ = compacted.otherSources.insert(Self.key(renumbered, UInt32(truncatingIfNeeded: key)))
            }
        }
        self = compacted
        return map
    }

    static func key(_ number: UInt32, _ source: UInt32) -> UInt64 {
        (UInt64(number) + 1) << 32 | UInt64(source)
    }
}
