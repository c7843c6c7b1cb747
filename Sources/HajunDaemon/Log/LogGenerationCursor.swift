#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the log (the live file or a backup, plain or gzip) opened for reading and cut into lines.
///
/// Holding the descriptor is what lets a follower finish a generation after it was renamed, compressed or even
/// deleted: the inode stays readable until the descriptor is closed.
final class LogGenerationCursor {
    let path: String
    let identity: LogFileSystem.FileIdentity
    let compressed: Bool
    private let source: Source
    private var chunk: [UInt8]
    /// The start of a line whose newline has not arrived yet.
    private var pending: [UInt8] = []
    /// Offset (in the uncompressed data) of the first byte not yet passed on as part of a line.
    private(set) var lineOffset: Int64 = 0

    private enum Source {
        case plain(Int32)
        case gzip(GzipReader)
    }

    /// Opens `path`; nil if it no longer exists (a backup that was just compressed or removed).
    static func open(_ path: String, compressed: Bool) throws -> LogGenerationCursor? {
        guard let descriptor = try LogFileSystem.openForReading(path) else { return nil }
        let identity: LogFileSystem.FileIdentity
        do {
            identity = try LogFileSystem.status(of: descriptor, path: path).identity
        } catch {
            LogFileSystem.close(descriptor)
            throw error
        }
        let source: Source = compressed ? .gzip(try GzipReader(descriptor: descriptor, path: path)) : .plain(descriptor)
        return LogGenerationCursor(path: path, identity: identity, compressed: compressed, source: source)
    }

    private init(path: String, identity: LogFileSystem.FileIdentity, compressed: Bool, source: Source) {
        self.path = path
        self.identity = identity
        self.compressed = compressed
        self.source = source
        chunk = [UInt8](repeating: 0, count: 1 << 18)
    }

    deinit {
        if case .plain(let descriptor) = source { LogFileSystem.close(descriptor) }
    }

    /// Bytes of an unfinished last line (no newline yet).
    var pendingCount: Int { pending.count }

    /// Reads what is available and hands every complete line (without its newline) and its byte offset to `line`.
    /// Returns how many bytes were read: 0 means the end of the file for now.
    @discardableResult
    func readLines(_ line: (ArraySlice<UInt8>, Int64) throws -> Void) throws -> Int {
        let count = try readChunk()
        guard count > 0 else { return 0 }
        var position = 0
        while position < count {
            let newline = chunk.withUnsafeBytes { raw -> Int? in
                guard let found = memchr(raw.baseAddress! + position, 0x0A, count - position) else { return nil }
                return UnsafeRawPointer(found) - raw.baseAddress!
            }
            guard let newline else {
                pending.append(contentsOf: chunk[position..<count])
                break
            }
            let offset = lineOffset
            if pending.isEmpty {
                lineOffset += Int64(newline - position + 1)
                try line(chunk[position..<newline], offset)
            } else {
                pending.append(contentsOf: chunk[position..<newline])
                lineOffset += Int64(pending.count + 1)
                try line(pending[...], offset)
                pending.removeAll(keepingCapacity: true)
            }
            position = newline + 1
        }
        return count
    }

    /// The `seq` of the file's first complete line, read without moving the cursor (plain files only).
    func peekFirstSeq() throws -> Int64? {
        guard case .plain(let descriptor) = source else { return nil }
        return try LogFileScan.firstSeq(descriptor: descriptor, path: path)
    }

    /// Takes the unfinished last line, for a generation that is known to be complete.
    func takePending() -> (bytes: [UInt8], offset: Int64)? {
        guard !pending.isEmpty else { return nil }
        defer {
            lineOffset += Int64(pending.count)
            pending.removeAll()
        }
        return (pending, lineOffset)
    }

    private func readChunk() throws -> Int {
        switch source {
        case .plain(let descriptor):
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                while true {
                    let result = read(descriptor, buffer.baseAddress!, buffer.count)
                    if result < 0 && errno == EINTR { continue }
                    return result
                }
            }
            guard count >= 0 else { throw LogFileSystem.systemError("cannot read", path) }
            return count
        case .gzip(let reader):
            return try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
        }
    }
}
