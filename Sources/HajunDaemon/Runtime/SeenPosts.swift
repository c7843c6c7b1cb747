/// The posts already taken from each feed (their `PostKey`s with the post's time), so that a feed read again yields
/// only new posts; bounded by the exact dedup window, by the posts' own time like the dedup index.
///
/// A key is kept while its post is within the window of the newest post its feed has given. Keys older than that
/// are forgotten, here and in the state store; a post that old which comes again (a file read again, an RSS page)
/// is recognised by its time instead: a feed's post older than the window before the newest post the feed had
/// given *before this fetch* is not taken again. The dedup index has forgotten such a post too, so taking it would
/// log a post twice. (Within one fetch anything goes: a file of a year of history is read whole, in any order.)
struct SeenPosts {
    private struct Feed {
        var keys: [UInt64: Int64] = [:]
        /// The newest post time (seconds) of the feed's posts taken so far.
        var newest = Int64.min
        /// The oldest key's time, so that a prune with nothing to forget costs nothing.
        var oldest = Int64.max
    }

    private var feeds: [String: Feed] = [:]
    /// The exact dedup window, in seconds.
    var windowSeconds: Int64

    static func windowSeconds(exactWindowMilliseconds: Int64) -> Int64 { max(exactWindowMilliseconds / 1000, 1) }

    init(_ times: [String: [UInt64: Int64]], exactWindowMilliseconds: Int64) {
        windowSeconds = Self.windowSeconds(exactWindowMilliseconds: exactWindowMilliseconds)
        for (feed, keys) in times {
            feeds[feed] = Feed(keys: keys, newest: keys.values.max() ?? .min, oldest: keys.values.min() ?? .max)
        }
    }

    /// The time a key is remembered by: an edit counts from the edit, so that editing an old post is news.
    static func time(postedAtSeconds: Int64, editedAtSeconds: Int64?) -> Int64 {
        max(postedAtSeconds, editedAtSeconds ?? .min)
    }

    func contains(_ key: UInt64, feed: String) -> Bool {
        feeds[feed]?.keys[key] != nil
    }

    /// Posts of `feed` older than this (seconds) were forgotten and are not taken again; nil before the first post.
    func forgottenBefore(feed: String) -> Int64? {
        guard let newest = feeds[feed]?.newest, newest != .min else { return nil }
        return newest - windowSeconds
    }

    mutating func insert(_ key: UInt64, feed: String, timeSeconds: Int64) {
        var entry = feeds.removeValue(forKey: feed) ?? Feed()
        entry.keys[key] = timeSeconds
        entry.newest = max(entry.newest, timeSeconds)
        entry.oldest = min(entry.oldest, timeSeconds)
        feeds[feed] = entry
    }

    /// Forgets the keys of `feed` that fell out of the window; returns the cutoff when it forgot any.
    mutating func prune(feed: String) -> Int64? {
        guard let cutoff = forgottenBefore(feed: feed), var entry = feeds[feed], entry.oldest < cutoff else {
            return nil
        }
        entry.keys = entry.keys.filter { $0.value >= cutoff }
        entry.oldest = entry.keys.values.min() ?? .max
        feeds[feed] = entry
        return cutoff
    }

    /// Keys remembered, all feeds together.
    var count: Int { feeds.values.reduce(0) { $0 + $1.keys.count } }
}
