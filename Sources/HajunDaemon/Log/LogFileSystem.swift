#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the event log needs, with `EINTR` retried and failures turned into `EventLogError`.
///
/// Kept as plain file descriptors (not `FileHandle`) because the log's guarantees hang on exact system calls:
/// one `write(2)` per line with `O_APPEND`, `fdatasync(2)`, `rename(2)` and a directory `fsync(2)`.
enum LogFileSystem {
    /// Identity of a file, to follow a log across renames.
    struct FileIdentity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    struct FileStatus {
        var identity: FileIdentity
        var size: Int64
        var modifiedAt: Int64  // milliseconds since 1970
    }

    static func systemError(_ operation: String, _ path: String, _ code: Int32 = errno) -> EventLogError {
        EventLogError.system(operation: operation, path: path, code: code)
    }

    // MARK: - Opening and closing

    /// Opens `path` for appending (and `pread`), creating it if needed; `created` tells whether this call made it.
    static func openForAppend(_ path: String, mode: mode_t = 0o640) throws -> (descriptor: Int32, created: Bool) {
        let exclusive = retrying { open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        if exclusive >= 0 { return (exclusive, true) }
        guard errno == EEXIST else { throw systemError("cannot create", path) }
        let existing = retrying { open(path, O_RDWR | O_APPEND | O_CLOEXEC) }
        guard existing >= 0 else { throw systemError("cannot open for appending", path) }
        return (existing, false)
    }

    /// Creates `path`, failing if it exists: after a rotation nobody else may have made the live file.
    static func createExclusive(_ path: String, mode: mode_t = 0o640) throws -> Int32 {
        let descriptor = retrying { open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard descriptor >= 0 else { throw systemError("cannot create", path) }
        return descriptor
    }

    /// Opens for reading; nil when the file does not exist.
    static func openForReading(_ path: String) throws -> Int32? {
        let descriptor = retrying { open(path, O_RDONLY | O_CLOEXEC) }
        if descriptor >= 0 { return descriptor }
        if errno == ENOENT { return nil }
        throw systemError("cannot open", path)
    }

    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    // MARK: - Writing and syncing

    /// Writes all of `bytes`, retrying short writes. On failure returns how many bytes did reach the file.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, error: Int32?) {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return (written, errno)
            }
            if result == 0 { return (written, EIO) }
            written += result
        }
        return (written, nil)
    }

    /// `fdatasync(2)`: the data and the size, which is all an append needs.
    static func syncData(_ descriptor: Int32, path: String) throws {
        guard retrying({ fdatasync(descriptor) }) == 0 else { throw systemError("cannot fsync", path) }
    }

    static func syncFile(_ descriptor: Int32, path: String) throws {
        guard retrying({ fsync(descriptor) }) == 0 else { throw systemError("cannot fsync", path) }
    }

    /// Makes renames, creations and removals in `directory` durable.
    static func syncDirectory(_ directory: String) throws {
        let descriptor = retrying { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw systemError("cannot open directory", directory) }
        defer { close(descriptor) }
        guard retrying({ fsync(descriptor) }) == 0 else { throw systemError("cannot fsync directory", directory) }
    }

    // MARK: - Names

    /// `rename(2)` that refuses to replace an existing target, so no backup is ever overwritten.
    static func renameNoReplace(_ source: String, _ target: String) throws {
        if access(target, F_OK) == 0 { throw systemError("cannot rename \(source) to", target, EEXIST) }
        guard rename(source, target) == 0 else { throw systemError("cannot rename \(source) to", target) }
    }

    static func renameReplacing(_ source: String, _ target: String) throws {
        guard rename(source, target) == 0 else { throw systemError("cannot rename \(source) to", target) }
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw systemError("cannot remove", path) }
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// `mkdir -p`.
    static func createDirectories(_ path: String) throws {
        if path.isEmpty || exists(path) { return }
        let parent = directoryName(of: path)
        if parent != path { try createDirectories(parent) }
        guard mkdir(path, 0o750) == 0 || errno == EEXIST else { throw systemError("cannot create directory", path) }
    }

    /// The names in `directory`, without `.` and `..`.
    static func listDirectory(_ directory: String) throws -> [String] {
        guard let handle = opendir(directory) else { throw systemError("cannot list directory", directory) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    // MARK: - Status

    static func status(of descriptor: Int32, path: String) throws -> FileStatus {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw systemError("cannot stat", path) }
        return FileStatus(info)
    }

    /// nil when the file does not exist.
    static func status(atPath path: String) throws -> FileStatus? {
        var info = stat()
        if stat(path, &info) == 0 { return FileStatus(info) }
        if errno == ENOENT { return nil }
        throw systemError("cannot stat", path)
    }

    /// Reads up to `count` bytes at `offset` without moving the file offset.
    static func read(_ descriptor: Int32, count: Int, at offset: Int64, path: String) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot read", path)
            }
            if result == 0 { break }
            filled += result
        }
        buffer.removeSubrange(filled...)
        return buffer
    }

    /// Calls `body` until it stops failing with `EINTR`.
    static func retrying(_ body: () -> Int32) -> Int32 {
        while true {
            let result = body()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

extension LogFileSystem.FileStatus {
    init(_ info: stat) {
        self.init(
            identity: .init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
            size: Int64(info.st_size),
            modifiedAt: Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
        )
    }
}
