/// The keys (incidents or events) a rule group has seen, by time, each key once: a sliding window that counts.
struct EventWindow: Sendable, Hashable {
    /// Ascending; `keys[i]` was seen at `times[i]`.
    private(set) var times: [Int64] = []
    private(set) var keys: [UInt64] = []
    private var members: Set<UInt64> = []

    var isEmpty: Bool { times.isEmpty }
    var count: Int { times.count }

    /// Adds `key` at `time`; false when the key is already in the window (a re-processed event, a repost).
    @discardableResult
    mutating func insert(_ key: UInt64, at time: Int64) -> Bool {
        guard members.insert(key).inserted else { return false }
        let index = firstIndex(after: time)
        times.insert(time, at: index)
        keys.insert(key, at: index)
        return true
    }

    /// Entries with `start < time <= end`.
    func count(after start: Int64, through end: Int64) -> Int {
        max(0, firstIndex(after: end) - firstIndex(after: start))
    }

    /// Forgets entries at or before `cutoff`, which no window can count any more.
    mutating func removeAll(through cutoff: Int64) {
        let end = firstIndex(after: cutoff)
        guard end > 0 else { return }
        for key in keys[..<end] { members.remove(key) }
        times.removeFirst(end)
        keys.removeFirst(end)
    }

    /// The index of the first entry later than `time`.
    private func firstIndex(after time: Int64) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Rebuilds a window from stored entries (already ascending).
    init(times: [Int64] = [], keys: [UInt64] = []) {
        self.times = times
        self.keys = keys
        members = Set(keys)
    }
}
