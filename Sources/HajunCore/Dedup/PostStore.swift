/// Every post the dedup stage remembers for the exact window, as columns (struct of arrays): 44 bytes a post,
/// plus the two lookup tables (about 4 / load bytes each). No object per post.
struct PostStore {
    /// XXH3 of (chat, message id), see `PostIdentity`; 0 for posts without a message id.
    var postKey: [UInt64] = []
    /// The normalized text's XXH3 (`Fingerprint.exact`).
    var exact: [UInt64] = []
    var simhash: [UInt64] = []
    var eventID: [UInt64] = []
    /// Posted time, seconds since 1970 (clamped to UInt32).
    var seconds: [UInt32] = []
    /// The row of the incident's first post (itself for a first post).
    var root: [UInt32] = []
    /// The post's source (`PostIdentity.source`).
    var source: [UInt32] = []

    /// postKey → row, for posts with a message id.
    private(set) var byPostKey = IndexTable()
    /// exact → the row that currently stands for that text (the latest one inside the window).
    private(set) var byText = IndexTable()

    var count: Int { eventID.count }

    /// Bytes held by the columns and tables.
    var footprint: Int {
        (postKey.capacity + exact.capacity + simhash.capacity + eventID.capacity) * 8
            + (seconds.capacity + root.capacity + source.capacity) * 4 + byPostKey.footprint + byText.footprint
    }

    mutating func reserve(_ capacity: Int) {
        postKey.reserveCapacity(capacity)
        exact.reserveCapacity(capacity)
        simhash.reserveCapacity(capacity)
        eventID.reserveCapacity(capacity)
        seconds.reserveCapacity(capacity)
        root.reserveCapacity(capacity)
        source.reserveCapacity(capacity)
    }

    /// Appends a post and indexes its key and text; returns its row.
    @discardableResult
    mutating func append(
        postKey key: UInt64, exact text: UInt64, simhash hash: UInt64, eventID id: UInt64, seconds time: UInt32,
        root rootRow: Int?, source origin: UInt32, indexText: Bool
    ) -> Int {
        let row = count
        postKey.append(key)
        exact.append(text)
        simhash.append(hash)
        eventID.append(id)
        seconds.append(time)
        root.append(UInt32(rootRow ?? row))
        source.append(origin)
        if key != 0 { postKey.withUnsafeBufferPointer { byPostKey.set(key, row: row, keys: $0) } }
        if indexText { exact.withUnsafeBufferPointer { byText.set(text, row: row, keys: $0) } }
        return row
    }

    func row(postKey key: UInt64) -> Int? {
        guard key != 0 else { return nil }
        return postKey.withUnsafeBufferPointer { byPostKey.find(key, keys: $0) }
    }

    func row(text: UInt64) -> Int? {
        exact.withUnsafeBufferPointer { byText.find(text, keys: $0) }
    }

    /// An edit: the post's text changes; the new text now points at this post.
    mutating func replaceText(of row: Int, exact text: UInt64, simhash hash: UInt64) {
        exact[row] = text
        simhash[row] = hash
        exact.withUnsafeBufferPointer { byText.set(text, row: row, keys: $0) }
    }

    /// Points a text at `row` (a newer post with that text, when the old one left the window).
    mutating func indexText(of row: Int) {
        exact.withUnsafeBufferPointer { byText.set(exact[row], row: row, keys: $0) }
    }

    /// Keeps the rows for which `keep` is true, in order, and rebuilds the tables. Returns the map from old rows
    /// to new rows (nil for dropped rows). Roots of kept rows must be kept too.
    mutating func compact(keeping keep: [Bool]) -> [UInt32?] {
        var map = [UInt32?](repeating: nil, count: count)
        var next = 0
        for row in 0..<count where keep[row] {
            map[row] = UInt32(next)
            next += 1
        }
        var compacted = PostStore()
        compacted.reserve(next + next / 2)
        for row in 0..<count where keep[row] {
            guard let newRoot = map[Int(root[row])] else { preconditionFailure("a kept post's root was dropped") }
            compacted.append(
                postKey: postKey[row], exact: exact[row], simhash: simhash[row], eventID: eventID[row],
                seconds: seconds[row], root: Int(newRoot), source: source[row], indexText: true)
        }
        self = compacted
        return map
    }
}
