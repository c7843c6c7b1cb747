#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the event log could not do what was asked. Every case names the file.
public enum EventLogError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A system call failed: `cannot write /var/log/hajund/events.jsonl: No space left on device (ENOSPC)`.
    case system(operation: String, path: String, code: Int32)
    /// The caller handed a line whose `"seq"` is not the writer's `nextSeq`: a programming error upstream.
    case seqMismatch(path: String, expected: Int64, found: Int64?)
    /// A line must be one JSON object without a newline in it.
    case invalidLine(path: String, reason: String)
    /// Another process holds the log (two writers would break `seq`).
    case locked(path: String)
    /// The writer was closed.
    case closed(path: String)
    /// A compressed backup could not be read or written.
    case gzip(path: String, message: String)

    public var description: String {
        switch self {
        case .system(let operation, let path, let code):
            return
                "\(operation) \(path): \(String(cString: strerror(code)))\(Self.symbol(code).map { " (\($0))" } ?? "")"
        case .seqMismatch(let path, let expected, let found):
            let what = found.map { "\"seq\":\($0)" } ?? "no \"seq\""
            return "refusing to append to \(path): the line has \(what) but the next seq is \(expected)"
        case .invalidLine(let path, let reason):
            return "refusing to append to \(path): \(reason)"
        case .locked(let path):
            return "the event log \(path) is in use by another process (lock held)"
        case .closed(let path):
            return "the event log \(path) is closed"
        case .gzip(let path, let message):
            return "gzip \(path): \(message)"
        }
    }

    /// Whether retrying later may succeed (disk full, I/O error) rather than being a mistake to fix.
    public var isTransient: Bool {
        if case .system(_, _, let code) = self { return [ENOSPC, EDQUOT, EIO, EAGAIN, ENOMEM, EFBIG].contains(code) }
        return false
    }

    private static func symbol(_ code: Int32) -> String? {
        switch code {
        case ENOSPC: return "ENOSPC"
        case EDQUOT: return "EDQUOT"
        case EIO: return "EIO"
        case EACCES: return "EACCES"
        case EROFS: return "EROFS"
        case ENOENT: return "ENOENT"
        case EEXIST: return "EEXIST"
        case EFBIG: return "EFBIG"
        default: return nil
        }
    }
}
