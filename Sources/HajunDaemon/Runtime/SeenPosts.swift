/// The posts already taken from each feed (their `PostKey`s with the post's time), so that a feed read again yields
/// only new posts; bounded by the exact dedup window, by the posts' own time like the dedup index.
///
/// A key is kept while its post is within the window of the newest post its feed has given. Keys older than that
/// are forgotten, here and in the state store, and the feed's `Bounds` remember which times were forgotten: from
/// the oldest post the feed ever gave up to the last cutoff. A post in that range that comes again (a file read
/// again, an RSS page) may have been taken and is not taken again: the dedup index has forgotten it too, so taking
/// it would log a post twice. A post older than anything the feed ever gave was never taken (an old export dropped
/// into a watched directory) and is.
struct SeenPosts {
    /// What a feed's forgotten keys covered, kept with the state.
    typealias Bounds = StateCommit.SeenBounds

    private struct Feed {
        var keys: [UInt64: Int64] = [:]
        /// The newest post time (seconds) of the feed's posts taken so far.
        var newest = Int64.min
        /// The oldest remembered key's time, so that a prune with nothing to forget costs nothing.
        var oldestKey = Int64.max
        var bounds = Bounds(oldest: .max, forgottenBefore: .min)
    }

    private var feeds: [String: Feed] = [:]
    /// The exact dedup window, in seconds.
    var windowSeconds: Int64

    static func windowSeconds(exactWindowMilliseconds: Int64) -> Int64 { max(exactWindowMilliseconds / 1000, 1) }

    init(_ times: [String: [UInt64: Int64]], bounds: [String: Bounds] = [:], exactWindowMilliseconds: Int64) {
        windowSeconds = Self.windowSeconds(exactWindowMilliseconds: exactWindowMilliseconds)
        for feed in Set(times.keys).union(bounds.keys) {
            let keys = times[feed] ?? [:]
            let oldestKey = keys.values.min() ?? .max
            var feedBounds = bounds[feed] ?? Bounds(oldest: oldestKey, forgottenBefore: .min)
            feedBounds.oldest = min(feedBounds.oldest, oldestKey)
            feeds[feed] = Feed(
                keys: keys, newest: keys.values.max() ?? .min, oldestKey: oldestKey, bounds: feedBounds)
        }
    }

    /// The time a key is remembered by: an edit counts from the edit, so that editing an old post is news.
    static func time(postedAtSeconds: Int64, editedAtSeconds: Int64?) -> Int64 {
        max(postedAtSeconds, editedAtSeconds ?? .min)
    }

    func contains(_ key: UInt64, feed: String) -> Bool {
        feeds[feed]?.keys[key] != nil
    }

    /// Whether a post of `feed` at this time may have been taken and forgotten since, so it is not taken again.
    func isForgotten(feed: String, timeSeconds: Int64) -> Bool {
        guard let bounds = feeds[feed]?.bounds else { return false }
        return timeSeconds >= bounds.oldest && timeSeconds < bounds.forgottenBefore
    }

    func bounds(feed: String) -> Bounds? { feeds[feed]?.bounds }

    mutating func insert(_ key: UInt64, feed: String, timeSeconds: Int64) {
        var entry = feeds.removeValue(forKey: feed) ?? Feed()
        entry.keys[key] = timeSeconds
        entry.newest = max(entry.newest, timeSeconds)
        entry.oldestKey = min(entry.oldestKey, timeSeconds)
        entry.bounds.oldest = min(entry.bounds.oldest, timeSeconds)
        feeds[feed] = entry
    }

    /// Forgets the keys of `feed` older than the window behind its newest post; returns the cutoff when it forgot
    /// any.
    mutating func prune(feed: String) -> Int64? {
        guard var entry = feeds[feed], entry.newest != .min else { return nil }
        let cutoff = entry.newest - windowSeconds
        guard entry.oldestKey < cutoff else { return nil }
        entry.keys = entry.keys.filter { $0.value >= cutoff }
        entry.oldestKey = entry.keys.values.min() ?? .max
        entry.bounds.forgottenBefore = max(entry.bounds.forgottenBefore, cutoff)
        feeds[feed] = entry
        return cutoff
    }

    /// Keys remembered, all feeds together.
    var count: Int { feeds.values.reduce(0) { $0 + $1.keys.count } }
}
