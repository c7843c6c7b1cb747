/// Every post the dedup stage remembers for the exact window, as columns (struct of arrays): 24 bytes a post
/// (what the incident it joined has in common lives once in `IncidentStore`), plus the two lookup tables
/// (`IndexTable`, 5 to 7.5 bytes each). No object per post.
struct PostStore {
    /// XXH3 of (chat, message id), see `PostIdentity`; 0 for posts without a message id.
    private(set) var postKey: [UInt64] = []
    /// The normalized text's XXH3 (`Fingerprint.exact`); an edit replaces it.
    private(set) var exact: [UInt64] = []
    /// Posted time, seconds since 1970 (clamped to UInt32).
    private(set) var seconds: [UInt32] = []
    /// The incident the post belongs to (an `IncidentStore` number).
    private(set) var incident: [UInt32] = []

    /// postKey → row, for posts with a message id.
    private(set) var byPostKey = IndexTable()
    /// exact → the row that currently stands for that text (the latest one inside the window).
    private(set) var byText = IndexTable()

    /// Whether the tables are what indexing every row in order would give (no row left out of `byText`, no
    /// text replaced since they were built): then a compaction that keeps every row may keep them too.
    private(set) var tablesMatchRows = true

    init(reserving capacity: Int = 0) {
        postKey.reserveCapacity(capacity)
        exact.reserveCapacity(capacity)
        seconds.reserveCapacity(capacity)
        incident.reserveCapacity(capacity)
        byPostKey = IndexTable(minimumCapacity: capacity)
        byText = IndexTable(minimumCapacity: capacity)
    }

    var count: Int { exact.count }

    /// Bytes held by the columns and tables.
    var footprint: Int {
        (postKey.capacity + exact.capacity) * 8 + (seconds.capacity + incident.capacity) * 4 + byPostKey.footprint
            + byText.footprint
    }

    /// Appends a post and indexes its key and (unless `indexText` is false) its text; returns its row.
    @discardableResult
    mutating func append(
        postKey key: UInt64, exact text: UInt64, seconds time: UInt32, incident number: UInt32, indexText: Bool
    ) -> Int {
        let row = count
        ColumnGrowth.append(key, to: &postKey)
        ColumnGrowth.append(text, to: &exact)
        ColumnGrowth.append(time, to: &seconds)
        ColumnGrowth.append(number, to: &incident)
        if key != 0 { postKey.withUnsafeBufferPointer { byPostKey.set(key, row: row, keys: $0) } }
        if indexText {
            exact.withUnsafeBufferPointer { byText.set(text, row: row, keys: $0) }
        } else {
            tablesMatchRows = false
        }
        return row
    }

    /// Reads ahead where the lookups of `key` and `text` start (each a cache miss in a big store), so that they
    /// wait for memory together; returns what it read, mixed.
    func touch(postKey key: UInt64, text: UInt64) -> UInt32 {
        byPostKey.touch(key) ^ byText.touch(text)
    }

    func row(postKey key: UInt64) -> Int? {
        guard key != 0 else { return nil }
        return postKey.withUnsafeBufferPointer { byPostKey.find(key, keys: $0) }
    }

    func row(text: UInt64) -> Int? {
        exact.withUnsafeBufferPointer { byText.find(text, keys: $0) }
    }

    /// An edit: the post's text changes; the new text now points at this post.
    mutating func replaceText(of row: Int, exact text: UInt64) {
        exact[row] = text
        tablesMatchRows = false
        exact.withUnsafeBufferPointer { byText.set(text, row: row, keys: $0) }
    }

    /// Keeps the rows for which `keep` is true, in order, with their incidents renumbered by `newIncident`, and
    /// rebuilds the tables. Returns the map from old rows to new rows (nil for dropped rows).
    mutating func compact(keeping keep: [Bool], newIncident: (UInt32) -> UInt32) -> [UInt32?] {
        var map = [UInt32?](repeating: nil, count: count)
        var next = 0
        for row in 0..<count where keep[row] {
            map[row] = UInt32(next)
            next += 1
        }
        var compacted = PostStore(reserving: next + next / 4)
        for row in 0..<count where keep[row] {
            compacted.append(
                postKey: postKey[row], exact: exact[row], seconds: seconds[row], incident: newIncident(incident[row]),
                indexText: true)
        }
        self = compacted
        return map
    }
}
