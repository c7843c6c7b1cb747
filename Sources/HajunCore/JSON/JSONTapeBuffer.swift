/// The growable memory `JSONParser` writes its tape into.
///
/// A `[JSONTapeEntry]` held in the parser pays a uniqueness check (a runtime call) on every append and
/// every update of an entry, some fifty times per Bot API update; this buffer pays one capacity compare. It owns
/// its memory, so it cannot be copied; readers see it through `withUnsafeBufferPointer`.
struct JSONTapeBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<JSONTapeEntry>?
    private(set) var count = 0
    private var capacity: Int

    /// A buffer with room for `capacity` entries; none is allocated for 0.
    init(capacity: Int = 0) {
        self.capacity = max(capacity, 0)
        base = capacity > 0 ? .allocate(capacity: capacity) : nil
    }

    deinit {
        base?.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func append(_ entry: JSONTapeEntry) {
        if count == capacity { grow() }
        (base! + count).initialize(to: entry)
        count += 1
    }

    /// The entry at `index`, which must be below `count`.
    @inline(__always)
    subscript(index: Int) -> JSONTapeEntry {
        get {
            precondition(index >= 0 && index < count, "tape index out of range")
            return base![index]
        }
        set {
            precondition(index >= 0 && index < count, "tape index out of range")
            base![index] = newValue
        }
    }

    /// Forgets the entries, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    /// Makes room for at least `minimumCapacity` entries.
    mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { reallocate(to: minimumCapacity) }
    }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<JSONTapeEntry>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The entries as an array.
    func array() -> [JSONTapeEntry] {
        withUnsafeBufferPointer { Array($0) }
    }

    @inline(never)
    private mutating func grow() {
        reallocate(to: max(capacity * 2, 16))
    }

    private mutating func reallocate(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<JSONTapeEntry>.allocate(capacity: newCapacity)
        if let base {
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = larger
        capacity = newCapacity
    }
}
