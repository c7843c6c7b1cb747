/// Walks the tape indices of a value's direct children: array elements, or object keys (each key's value follows
/// it on the tape). A child an error cut off is still returned (its finished parts are readable), but it is the
/// last. Generic over the tape's storage, so that `JSONNode` (an array) and `JSONTapeReader` (a borrowed buffer)
/// share it.
struct JSONChildCursor<Tape: RandomAccessCollection> where Tape.Element == JSONTapeEntry, Tape.Index == Int {
    let tape: Tape
    var position: Int
    let stop: Int
    let pairs: Bool

    /// The children of the value at `value`; none for a scalar.
    init(tape: Tape, childrenOf value: Int) {
        let entry = tape[value]
        let isContainer = entry.kind == .array || entry.kind == .object
        let stop = entry.next != 0 ? Int(entry.next) : tape.count
        self.tape = tape
        self.position = isContainer ? value + 1 : stop
        self.stop = stop
        self.pairs = entry.kind == .object
    }

    mutating func next() -> Int? {
        let valueIndex = pairs ? position + 1 : position
        guard valueIndex < stop else { return nil }
        let next = tape[valueIndex].next
        let child = position
        position = next != 0 ? Int(next) : stop
        return child
    }
}
