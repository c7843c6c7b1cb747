import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the decompressed bytes of a gzip file (one or more members, as `gzip` and `cat a.gz b.gz` make).
///
/// A truncated or corrupt file is an error, never a silent short read: a reader must not mistake a damaged backup
/// for the end of the log.
final class GzipReader {
    private let descriptor: Int32
    private let path: String
    /// zlib checks that its stream never moves, so it lives outside the object.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed input; zlib keeps a pointer into it between calls, so it is allocated once and never moves.
    private let input: UnsafeMutableRawBufferPointer
    private var state: State

    private enum State {
        /// Inside a member (or before the first one): the end of the file here means truncation.
        case insideMember
        /// A member just ended: the file may end here or another member may follow.
        case betweenMembers
        case finished
    }

    /// Takes over `descriptor`; closes it when done.
    init(descriptor: Int32, path: String) throws {
        self.descriptor = descriptor
        self.path = path
        input = .allocate(byteCount: 1 << 16, alignment: 16)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        state = .insideMember
        // 15 + 32: a window of 32 KiB and automatic gzip header detection.
        guard inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            LogFileSystem.close(descriptor)
            throw EventLogError.gzip(path: path, message: "cannot initialise zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
        LogFileSystem.close(descriptor)
    }

    /// Fills `output` with up to `output.count` decompressed bytes; returns 0 at the end of the data.
    func read(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard output.count > 0 else { return 0 }
        while true {
            if case .finished = state { return 0 }
            if stream.pointee.avail_in == 0 {
                let count = try fillInput()
                if count == 0 {
                    if case .betweenMembers = state {
                        state = .finished
                        return 0
                    }
                    throw EventLogError.gzip(path: path, message: "unexpected end of file (truncated)")
                }
            }
            if case .betweenMembers = state { state = .insideMember }
            let produced = try inflateSome(into: output)
            if produced > 0 { return produced }
        }
    }

    private func inflateSome(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let result = inflate(stream, Z_NO_FLUSH)
        let produced = output.count - Int(stream.pointee.avail_out)
        switch result {
        case Z_STREAM_END:
            guard inflateReset(stream) == Z_OK else {
                throw EventLogError.gzip(path: path, message: "cannot reset zlib after a member")
            }
            state = .betweenMembers
        case Z_OK, Z_BUF_ERROR:
            break
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(result)"
            throw EventLogError.gzip(path: path, message: "corrupt data: \(message)")
        }
        return produced
    }

    /// Reads the next chunk of the compressed file.
    private func fillInput() throws -> Int {
        var count: Int
        repeat {
            count = Glibc.read(descriptor, input.baseAddress!, input.count)
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw LogFileSystem.systemError("cannot read", path) }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
        return count
    }
}
