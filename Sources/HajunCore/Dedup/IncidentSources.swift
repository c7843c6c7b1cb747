/// The distinct sources of each incident that more than one source reported, keyed by the row of the
/// incident's first post in the `PostStore`. Incidents with one source (most) take no space: their count is 1.
struct IncidentSources {
    private(set) var sources: [UInt32: [UInt32]] = [:]

    /// Adds `source` to the incident whose first post is `root` and came from `firstSource`; returns the count.
    mutating func add(_ source: UInt32, root: Int, firstSource: UInt32) -> Int {
        let key = UInt32(root)
        if let known = sources[key] {
            if known.contains(source) { return known.count }
            sources[key]!.append(source)
            return known.count + 1
        }
        if source == firstSource { return 1 }
        sources[key] = [firstSource, source]
        return 2
    }

    func count(root: Int) -> Int {
        sources[UInt32(root)]?.count ?? 1
    }

    /// Follows a compaction of the post store: `map` gives each old row's new row, nil for dropped rows.
    mutating func remap(_ map: [UInt32?]) {
        var remapped: [UInt32: [UInt32]] = [:]
        remapped.reserveCapacity(sources.count)
        for (root, list) in sources {
            if let row = map[Int(root)] { remapped[row] = list }
        }
        sources = remapped
    }

    mutating func restore(root: UInt32, sources list: [UInt32]) {
        sources[root] = list
    }

    /// Rough bytes held (dictionary slots and source lists).
    var footprint: Int {
        sources.capacity * 16 + sources.values.reduce(0) { $0 + 32 + $1.capacity * 4 }
    }
}
