import Foundation

/// Reads a feed from a file, or from every regular file of a directory (sorted by name, hidden files skipped).
public struct FileSource: Sendable {
    public var feed: String
    public var path: String
    /// Files larger than this are refused rather than read into memory.
    public var maxFileBytes: Int

    public init(feed: String, path: String, maxFileBytes: Int = 256 << 20) {
        self.feed = feed
        self.path = path
        self.maxFileBytes = maxFileBytes
    }

    public func fetch() throws -> [FetchedDocument] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SourceError(feed: feed, origin: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [try read(path)] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw SourceError(
                feed: feed, origin: path, message: "cannot list the directory: \(error.localizedDescription)")
        }
        return try names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let file = (path as NSString).appendingPathComponent(name)
            var childIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &childIsDirectory),
                !childIsDirectory.boolValue
            else {
                return nil
            }
            return try read(file)
        }
    }

    /// Reads a whole file with plain POSIX calls, refusing oversized files before reading them.
    public static func readFile(_ file: String, maxBytes: Int) throws(SourceReadError) -> [UInt8] {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SourceReadError(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SourceReadError(message: String(cString: strerror(errno))) }
        guard Int(info.st_size) <= maxBytes else {
            throw SourceReadError(message: "file is \(info.st_size) bytes, more than the limit of \(maxBytes)")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceReadError(message: String(cString: strerror(errno)))
            }
            if count == 0 { break }  // the file shrank while we read it: take what is there
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    private func read(_ file: String) throws -> FetchedDocument {
        do {
            return FetchedDocument(origin: file, bytes: try Self.readFile(file, maxBytes: maxFileBytes))
        } catch {
            throw SourceError(feed: feed, origin: file, message: error.message)
        }
    }
}

/// A file that could not be read, with the system's reason.
public struct SourceReadError: Error, Sendable {
    public var message: String
}
