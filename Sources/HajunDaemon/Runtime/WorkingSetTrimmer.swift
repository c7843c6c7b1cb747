#if canImport(Glibc)
import Glibc
#endif

/// Gives back the memory the daemon touched once and does not use while it idles: code pages of start-up
/// (configuration parsing, migrations, building the classifier) and of a burst of posts, and free heap.
///
/// Why: a Swift server maps its runtime, Foundation, NIO, SQLite and curl, and the kernel maps code in 64 KiB
/// clusters around every page it faults in, so after start-up about 40 MiB of code counts in the RSS although
/// the idle loop runs a few hundred KiB of it. Code pages are clean copies of files that stay in the page
/// cache; dropping them from this process costs nothing, and the ones the loop needs come back by minor faults.
///
/// Only mappings that are file-backed and were never written (`Anonymous: 0 kB` in `/proc/self/smaps`) are
/// dropped, with `madvise(MADV_DONTNEED)`: their pages read back the same bytes from the file. Relocated
/// (RELRO) and data segments hold written copies and are left alone. Free heap goes back with `malloc_trim`.
public enum WorkingSetTrimmer {
    /// What one trim did.
    public struct Outcome: Sendable, Equatable {
        /// Resident bytes of the dropped mappings just before they were dropped.
        public var codeBytes: Int
        /// Mappings dropped.
        public var mappings: Int
    }

    /// Drops the clean file-backed mappings' pages and trims the heap. Returns nil where the platform has no
    /// `/proc/self/smaps` (not Linux).
    @discardableResult
    public static func trim() -> Outcome? {
        #if os(Linux)
        guard let smaps = readSmaps() else { return nil }
        var outcome = Outcome(codeBytes: 0, mappings: 0)
        for mapping in cleanFileMappings(smaps) {
            guard let address = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            if madvise(address, Int(mapping.end - mapping.start), MADV_DONTNEED) == 0 {
                outcome.codeBytes += mapping.residentBytes
                outcome.mappings += 1
            }
        }
        mallocTrim?(0)
        return outcome
        #else
        return nil
        #endif
    }

    /// A mapping of `/proc/self/smaps` that may be dropped.
    struct Mapping: Equatable {
        var start: UInt
        var end: UInt
        var residentBytes: Int
        /// Private, not writable, backed by a file that still exists.
        var droppable: Bool
    }

    /// The file-backed, private, not writable mappings with resident pages and no anonymous (written) page.
    static func cleanFileMappings(_ smaps: String) -> [Mapping] {
        var result: [Mapping] = []
        var current: Mapping?
        var anonymous = 0
        func finish() {
            if let mapping = current, mapping.droppable, anonymous == 0, mapping.residentBytes > 0 {
                result.append(mapping)
            }
            current = nil
        }
        for line in smaps.split(separator: "\n", omittingEmptySubsequences: true) {
            if let header = header(line) {
                finish()
                current = header
                anonymous = 0
            } else if current != nil {
                if line.hasPrefix("Rss:") {
                    current?.residentBytes = kilobytes(line) * 1024
                } else if line.hasPrefix("Anonymous:") || line.hasPrefix("Locked:") {
                    anonymous += kilobytes(line)
                }
            }
        }
        finish()
        return result
    }

    /// The mapping a `start-end perms offset dev inode [path]` line starts; nil for the lines of fields.
    private static func header(_ line: Substring) -> Mapping? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 5, let dash = fields[0].firstIndex(of: "-"),
            let start = UInt(fields[0][..<dash], radix: 16),
            let end = UInt(fields[0][fields[0].index(after: dash)...], radix: 16)
        else { return nil }
        let permissions = fields[1]
        let droppable =
            permissions.count == 4 && permissions.hasPrefix("r") && !permissions.contains("w")
            && permissions.hasSuffix("p") && fields.count >= 6 && fields[5].hasPrefix("/")
            && !line.hasSuffix("(deleted)")
        return Mapping(start: start, end: end, residentBytes: 0, droppable: droppable)
    }

    private static func kilobytes(_ line: Substring) -> Int {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count >= 2 ? Int(fields[1]) ?? 0 : 0
    }

    #if os(Linux)
    /// glibc's `malloc_trim`, which the Glibc module does not export; nil with another C library.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    static func readSmaps() -> String? {
        let descriptor = open("/proc/self/smaps", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    #endif
}
