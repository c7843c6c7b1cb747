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

    /// Takes the caller's word that the byte at `offset` is on `line` (it has counted the lines before it).
    mutating func assume(line: Int, at offset: Int) {
        self.offset = offset
        self.line = line
    }

    /// The number of `\n` bytes in `bytes[from..<to]`.
    static func newlines(in bytes: [UInt8], from: Int, to: Int) -> Int {
        guard from < to else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            var count = 0
            var index = from
            // Eight bytes at a time: a byte's high bit ends up set exactly when the byte is not '\n'; the
            // per-byte flags add up in lanes (at most 255 words per batch), summed once per batch.
            let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
            let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while index + 8 <= to {
                var lanes: UInt64 = 0
                let batchEnd = min(to, index + 8 * 255)
                while index + 8 <= batchEnd {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ newlines
                    let nonZero = ((word & lows) &+ lows) | word
                    lanes &+= (~nonZero & ~lows) >> 7
                    index += 8
                }
                for shift in stride(from: 0, to: 64, by: 8) {
                    count += Int((lanes >> UInt64(shift)) & 0xFF)
                }
            }
            while index < to {
                if buffer[index] == 0x0A { count += 1 }
                index += 1
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
