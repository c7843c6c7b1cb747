import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compresses one file into a gzip file that `gzip -t` accepts, and fsyncs it.
///
/// The caller writes to a temporary name and renames afterwards: a crash mid-compression then leaves only a
/// temporary file to delete, never a truncated `.gz` that looks finished.
enum GzipFileCompressor {
    static func compress(source: String, destination: String, level: Int32 = 6) throws {
        guard let input = try LogFileSystem.openForReading(source) else {
            throw LogFileSystem.systemError("cannot open", source, ENOENT)
        }
        defer { LogFileSystem.close(input) }
        let output = LogFileSystem.retrying {
            open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        }
        guard output >= 0 else { throw LogFileSystem.systemError("cannot create", destination) }
        defer { LogFileSystem.close(output) }

        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // 15 + 16: a 32 KiB window and a gzip (not zlib) wrapper.
        let initialised = deflateInit2_(
            stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)
        )
        guard initialised == Z_OK else {
            throw EventLogError.gzip(path: destination, message: "cannot initialise zlib (\(initialised))")
        }
        defer { deflateEnd(stream) }

        let chunk = 1 << 18
        let inputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        let outputBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer {
            inputBuffer.deallocate()
            outputBuffer.deallocate()
        }
        var finished = false
        while !finished {
            var count: Int
            repeat {
                count = read(input, inputBuffer.baseAddress!, chunk)
            } while count < 0 && errno == EINTR
            guard count >= 0 else { throw LogFileSystem.systemError("cannot read", source) }
            let flush = count == 0 ? Z_FINISH : Z_NO_FLUSH
            stream.pointee.next_in = inputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(count)
            repeat {
                stream.pointee.next_out = outputBuffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(chunk)
                let result = deflate(stream, flush)
                guard result != Z_STREAM_ERROR else {
                    throw EventLogError.gzip(path: destination, message: "zlib stream error")
                }
                let produced = chunk - Int(stream.pointee.avail_out)
                let outcome = LogFileSystem.writeAll(
                    output, UnsafeRawBufferPointer(rebasing: outputBuffer[0..<produced]))
                if let code = outcome.error { throw LogFileSystem.systemError("cannot write", destination, code) }
                if result == Z_STREAM_END { finished = true }
            } while stream.pointee.avail_out == 0
        }
        try LogFileSystem.syncFile(output, path: destination)
    }
}
