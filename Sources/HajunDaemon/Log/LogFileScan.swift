/// Finds the first and last complete lines of a log file without reading all of it (where it is not compressed).
enum LogFileScan {
    private static let window = 1 << 16

    /// The `seq` of the first complete line of a plain file, read with `pread` so the descriptor's offset stays.
    static func firstSeq(descriptor: Int32, path: String) throws -> Int64? {
        var offset: Int64 = 0
        var carry: [UInt8] = []
        while true {
            let bytes = try LogFileSystem.read(descriptor, count: window, at: offset, path: path)
            if bytes.isEmpty { return nil }
            offset += Int64(bytes.count)
            carry += bytes
            var start = 0
            while let newline = carry[start...].firstIndex(of: 0x0A) {
                if let seq = EventLineScanner.seq(of: carry[start..<newline]) { return seq }
                start = newline + 1
            }
            carry.removeFirst(start)
        }
    }

    /// The `seq` of the last complete (newline-terminated) line of a plain file of `size` bytes.
    static func lastSeq(descriptor: Int32, size: Int64, path: String) throws -> Int64? {
        guard var end = try lastNewline(descriptor: descriptor, before: size, path: path).map({ $0 + 1 }) else {
            return nil
        }
        // `end` sits just after a newline; look at the line that newline ends, then the one before, and so on.
        while end > 0 {
            var span = Int64(window)
            while true {
                let start = max(0, end - 1 - span)
                let bytes = try LogFileSystem.read(descriptor, count: Int(end - 1 - start), at: start, path: path)
                if let previous = bytes.lastIndex(of: 0x0A) {
                    if let seq = EventLineScanner.seq(of: bytes[(previous + 1)...]) { return seq }
                    end = start + Int64(previous) + 1
                    break
                }
                if start == 0 {
                    if let seq = EventLineScanner.seq(of: bytes) { return seq }
                    return nil
                }
                span *= 4
            }
        }
        return nil
    }

    /// The offset of the last newline before `limit`, if any.
    static func lastNewline(descriptor: Int32, before limit: Int64, path: String) throws -> Int64? {
        var end = limit
        while end > 0 {
            let start = max(0, end - Int64(window))
            let bytes = try LogFileSystem.read(descriptor, count: Int(end - start), at: start, path: path)
            if let index = bytes.lastIndex(of: 0x0A) { return start + Int64(index) }
            end = start
        }
        return nil
    }

    /// First and last `seq` of any log file, plain or compressed (compressed ones are read through).
    static func seqRange(path: String, compressed: Bool) throws -> (first: Int64, last: Int64)? {
        if !compressed {
            guard let descriptor = try LogFileSystem.openForReading(path) else { return nil }
            defer { LogFileSystem.close(descriptor) }
            let size = try LogFileSystem.status(of: descriptor, path: path).size
            guard let first = try firstSeq(descriptor: descriptor, path: path),
                let last = try lastSeq(descriptor: descriptor, size: size, path: path)
            else { return nil }
            return (first, last)
        }
        guard let cursor = try LogGenerationCursor.open(path, compressed: true) else { return nil }
        var first: Int64?
        var last: Int64?
        while try cursor.readLines({ line, _ in
            if let seq = EventLineScanner.seq(of: line) {
                if first == nil { first = seq }
                last = seq
            }
        }) > 0 {}
        guard let first, let last else { return nil }
        return (first, last)
    }

    /// The first `seq` of any log file, reading only as far as needed.
    static func firstSeq(path: String, compressed: Bool) throws -> Int64? {
        if !compressed {
            guard let descriptor = try LogFileSystem.openForReading(path) else { return nil }
            defer { LogFileSystem.close(descriptor) }
            return try firstSeq(descriptor: descriptor, path: path)
        }
        guard let cursor = try LogGenerationCursor.open(path, compressed: true) else { return nil }
        var first: Int64?
        while first == nil,
            try cursor.readLines({ line, _ in
                if first == nil { first = EventLineScanner.seq(of: line) }
            }) > 0
        {}
        return first
    }
}
