/// A growable list of plain values whose memory outlives one post: the classifier's per-post lists (words,
/// matches, candidates) cost no allocation once their capacity has grown to the longest post seen.
///
/// It is a view of memory it does not free: `AnalysisScratch` owns every buffer and frees them, and only one
/// classification uses a scratch at a time. Copies share the memory, so a grown buffer is handed back by value.
struct ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// The elements, valid until the next append.
    var elements: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Appends without checking the capacity: the caller reserved room.
    @inline(__always)
    mutating func appendReserved(_ element: Element) {
        (base + count).initialize(to: element)
        count += 1
    }

    /// Makes room for `total` elements without growing again.
    mutating func reserve(_ total: Int) {
        if total > capacity { grow(to: total) }
    }

    /// Empties the list, keeping its memory.
    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Sets every element of a list of `total` elements to `value`.
    mutating func reset(count total: Int, to value: Element) {
        reserve(total)
        base.update(repeating: value, count: total)
        count = total
    }

    @inline(__always)
    func contains(_ predicate: (Element) -> Bool) -> Bool {
        var index = 0
        while index < count {
            if predicate(base[index]) { return true }
            index += 1
        }
        return false
    }

    /// Frees the memory; the owner calls this once, when no copy is in use any more.
    func deallocate() { base.deallocate() }

    private mutating func grow(to newCapacity: Int) {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}

extension ScratchBuffer where Element: Equatable {
    @inline(__always)
    func contains(_ element: Element) -> Bool {
        var index = 0
        while index < count {
            if base[index] == element { return true }
            index += 1
        }
        return false
    }
}
