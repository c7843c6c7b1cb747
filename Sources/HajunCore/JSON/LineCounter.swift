/// Turns byte offsets into 1-based line numbers, counting newlines incrementally.
///
/// Parsers ask for positions in input order, so each newline is counted once; asking for an earlier offset
/// restarts from the beginning, which is correct, only slower.
struct LineCounter {
    private let bytes: [UInt8]
    private var offset: Int
    private var line: Int

    /// Counts lines of `bytes`, where `startOffset` is on line `startLine`.
    init(_ bytes: [UInt8], startOffset: Int = 0, startLine: Int = 1) {
        self.bytes = bytes
        self.offset = startOffset
        self.line = startLine
    }

    /// The line that holds the byte at `target` (clamped to the input).
    mutating func line(at target: Int) -> Int {
        let target = min(max(target, 0), bytes.count)
        if target < offset {
            offset = 0
            line = 1
        }
        line += LineCounter.newlines(in: bytes, from: offset, to: target)
        offset = target
        return line
    }

    /// The number of `\n` bytes in `bytes[from..<to]`.
    static func newlines(in bytes: [UInt8], from: Int, to: Int) -> Int {
        guard from < to else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for index in from..<to where buffer[index] == 0x0A {
                count += 1
            }
            return count
        }
    }

    /// The 1-based column (in bytes) of `offset`.
    static func column(in bytes: [UInt8], at offset: Int) -> Int {
        var start = min(offset, bytes.count)
        while start > 0 && bytes[start - 1] != 0x0A {
            start -= 1
        }
        return offset - start + 1
    }
}
