import Foundation

/// Reads the files `hajund replay` replays, one after another, into one buffer that is reused.
///
/// Replaying a million posts reads a dozen files of 50 MB or more. A fresh array for each would be mapped,
/// zeroed and faulted in page by page, then unmapped, for every file; reusing the memory faults it in once.
/// The behaviour is `FileSource.readFile`'s: the same size limit and the same messages.
final class ReplayInput {
    struct ReadError: Error {
        var message: String
    }

    /// The bytes of the file last read. Let go of every copy before the next `read`, or it will be copied.
    private(set) var bytes: [UInt8] = []

    func read(_ file: String, maxBytes: Int) throws(ReadError) {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        guard Int(info.st_size) <= maxBytes else {
            throw ReadError(message: "file is \(info.st_size) bytes, more than the limit of \(maxBytes)")
        }
        let size = Int(info.st_size)
        var failure: ReadError?
        if size > bytes.capacity {
            // Larger than any file before: fresh memory, read into without zeroing it first. With room to spare:
            // the files of a corpus differ in size by a fraction of a percent, and each fresh buffer is faulted
            // in and zeroed by the kernel page by page (a tenth of a second for 56 MB), so one a replay will do.
            bytes = []
            bytes = [UInt8](unsafeUninitializedCapacity: size + size / 8) { buffer, count in
                let filled = ReplayInput.fill(UnsafeMutableBufferPointer(rebasing: buffer[..<size]), from: descriptor)
                count = max(filled, 0)
                if filled < 0 { failure = ReadError(message: String(cString: strerror(errno))) }
            }
        } else {
            // The old bytes are overwritten, so only the part beyond them needs initializing.
            if size > bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: size - bytes.count))
            } else {
                bytes.removeLast(bytes.count - size)
            }
            let filled = bytes.withUnsafeMutableBufferPointer { ReplayInput.fill($0, from: descriptor) }
            if filled < 0 {
                failure = ReadError(message: String(cString: strerror(errno)))
                bytes.removeAll(keepingCapacity: true)
            } else {
                bytes.removeLast(bytes.count - filled)  // the file shrank while we read it: take what is there
            }
        }
        if let failure { throw failure }
    }

    /// Reads until `buffer` is full or the file ends; the number of bytes read, or -1 on an error (see `errno`).
    private static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, from descriptor: Int32) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let count = Glibc.read(descriptor, base + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}
