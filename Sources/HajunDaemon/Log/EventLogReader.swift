import HajunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an event log in `seq` order: the backups (plain or gzip, the daemon's own or logrotate's) and then the
/// live file, and with `follow` keeps reading across rotations by inode, like `tail -F`, but finding each next
/// generation by `seq`, so that no line is read twice or missed even when the reader falls behind by several
/// rotations. Closed-off crash fragments are skipped and gaps in `seq` are reported.
public final class EventLogReader {
    /// Where reading begins.
    public enum Start: Sendable, Equatable {
        /// The oldest backup still there.
        case oldest
        /// The line with this `seq` (earlier lines are skipped without a word).
        case seq(Int64)
    }

    /// Something a reader should be told about, besides the lines.
    public enum Notice: Sendable, Equatable, CustomStringConvertible {
        /// Lines `expected ..< found` are missing (removed by retention, or lost).
        case gap(expected: Int64, found: Int64, file: String)
        /// A line that is not a complete event: a fragment a crash left and the next start closed off.
        case fragment(file: String, offset: Int64, length: Int)
        /// A line whose `seq` was already passed on; skipped.
        case repeated(seq: Int64, file: String)
        /// The live file starts over at a lower `seq` (the log was deleted and begun anew).
        case restarted(previous: Int64, seq: Int64, file: String)

        public var description: String {
            switch self {
            case .gap(let expected, let found, let file):
                let count = found - expected
                let events = count == 1 ? "1 event" : "\(count) events"
                return "gap in seq: expected \(expected), found \(found) (\(events) missing) in \(file)"
            case .fragment(let file, let offset, let length):
                return "skipped an incomplete line (\(length) bytes at byte \(offset)) in \(file)"
            case .repeated(let seq, let file):
                return "skipped a repeated seq \(seq) in \(file)"
            case .restarted(let previous, let seq, let file):
                return "the log starts over: seq \(seq) after \(previous) in \(file)"
            }
        }
    }

    /// One complete event line, without its newline.
    public struct Line {
        public let seq: Int64
        public let bytes: ArraySlice<UInt8>
        public let file: String
    }

    public let livePath: String
    public let start: Start
    /// Keep waiting for new lines at the end instead of returning.
    public var follow: Bool
    public var pollIntervalMilliseconds = 100
    /// Skip backups the daemon rotated out before this time when starting from the oldest: their lines are all
    /// older (for `--since`).
    public var skipBackupsRotatedBefore: Timestamp?
    /// Asked while waiting; returning true ends `run`.
    public var shouldStop: () -> Bool = { false }
    /// Called before each wait, to flush output.
    public var onIdle: () -> Void = {}

    private let directory: LogDirectory
    private var lastSeq: Int64?
    private var current: Generation?

    /// A generation being read, with the `seq` of its first complete line.
    private struct Generation {
        var cursor: LogGenerationCursor
        var firstSeq: Int64
    }

    public init(livePath: String, start: Start = .oldest, follow: Bool = false) {
        self.livePath = livePath
        self.start = start
        self.follow = follow
        directory = LogDirectory(livePath: livePath)
    }

    /// Reads until the end (or forever with `follow`, until `shouldStop`), handing each line to `line` in order.
    public func run(notice: (Notice) -> Void, line: (Line) throws -> Void) throws {
        while !shouldStop() {
            guard let generation = current else {
                current = try openNext(after: nil, notice: notice)
                if current == nil {
                    guard follow else { return }
                    wait()
                }
                continue
            }
            if try read(generation, notice: notice, line: line) > 0 { continue }
            // At the end of this generation for now. While it is still the live file it may grow.
            if !generation.cursor.compressed,
                try LogFileSystem.status(atPath: livePath)?.identity == generation.cursor.identity
            {
                guard follow else { return }
                wait()
                continue
            }
            // Renamed away (or a backup): it is finished once a later generation holds a line, since the writer
            // only writes there after it stopped writing here (logrotate: after the SIGHUP reopen).
            guard let next = try openNext(after: generation, notice: notice) else {
                guard follow else { return }
                wait()
                continue
            }
            while try read(generation, notice: notice, line: line) > 0 {}
            if let rest = generation.cursor.takePending() {
                try handle(
                    rest.bytes[...], offset: rest.offset, file: generation.cursor.path, notice: notice, line: line)
            }
            current = next
        }
    }

    private func read(_ generation: Generation, notice: (Notice) -> Void, line: (Line) throws -> Void) throws -> Int {
        try generation.cursor.readLines { bytes, offset in
            try handle(bytes, offset: offset, file: generation.cursor.path, notice: notice, line: line)
        }
    }

    private func handle(
        _ bytes: ArraySlice<UInt8>, offset: Int64, file: String, notice: (Notice) -> Void, line: (Line) throws -> Void
    ) throws {
        guard let seq = EventLineScanner.seq(of: bytes) else {
            // Fragments before the requested start are none of the reader's business.
            if case .seq(let first) = start, (lastSeq ?? .min) < first - 1 { return }
            notice(.fragment(file: file, offset: offset, length: bytes.count))
            return
        }
        if case .seq(let first) = start, seq < first {
            lastSeq = seq
            return
        }
        if let last = lastSeq {
            if seq <= last {
                notice(.repeated(seq: seq, file: file))
                return
            }
            if seq > last + 1 { notice(.gap(expected: last + 1, found: seq, file: file)) }
        } else if case .seq(let first) = start, seq > first {
            notice(.gap(expected: first, found: seq, file: file))
        }
        lastSeq = seq
        try line(Line(seq: seq, bytes: bytes, file: file))
    }

    private func wait() {
        onIdle()
        usleep(useconds_t(max(pollIntervalMilliseconds, 1)) * 1000)
    }

    // MARK: - Choosing the next generation

    /// Opens the generation after `previous` (or the one to start with), if one holds a complete line yet.
    ///
    /// The live file is opened before the directory is listed: a rotation that happened before the open then
    /// shows in the listing, so a reader never jumps over a generation that was rotated out under it.
    private func openNext(after previous: Generation?, notice: (Notice) -> Void) throws -> Generation? {
        for _ in 0..<10 {
            let live = try openLive()
            let backups = try directory.backups()
            var candidates: [(firstSeq: Int64, backup: LogDirectory.Backup?)] = backups.map { ($0.firstSeq, $0) }
            if let live, !backups.contains(where: { $0.firstSeq == live.firstSeq }) {
                candidates.append((live.firstSeq, nil))
            }
            candidates.sort { $0.firstSeq < $1.firstSeq }
            let chosen: (firstSeq: Int64, backup: LogDirectory.Backup?)?
            if let previous {
                chosen = candidates.first { $0.firstSeq > previous.firstSeq }
                if chosen == nil, let live, live.cursor.identity != previous.cursor.identity,
                    let last = lastSeq, live.firstSeq <= last
                {
                    notice(.restarted(previous: last, seq: live.firstSeq, file: livePath))
                    lastSeq = nil
                    return live
                }
            } else {
                switch start {
                case .oldest:
                    let since = skipBackupsRotatedBefore
                    chosen = candidates.first { candidate in
                        guard let since, let rotatedAt = candidate.backup?.rotatedAt else { return true }
                        return rotatedAt >= since
                    }
                case .seq(let first):
                    chosen = candidates.last { $0.firstSeq <= first } ?? candidates.first
                }
            }
            guard let chosen else { return nil }
            guard let backup = chosen.backup else { return live }
            if let cursor = try LogGenerationCursor.open(backup.path, compressed: backup.compressed) {
                return Generation(cursor: cursor, firstSeq: backup.firstSeq)
            }
            // Compressed or removed between the listing and the open: look again.
        }
        return nil
    }

    private func openLive() throws -> Generation? {
        guard let cursor = try LogGenerationCursor.open(livePath, compressed: false),
            let first = try cursor.peekFirstSeq()
        else { return nil }
        return Generation(cursor: cursor, firstSeq: first)
    }

    // MARK: - Where "the last N events" begin

    /// The start that shows the last `count` events (of those `matching`, when given), like `tail -n`.
    public static func startForLast(_ count: Int, livePath: String, matching: ((Line) -> Bool)? = nil) throws -> Start {
        let directory = LogDirectory(livePath: livePath)
        var generations: [(path: String, compressed: Bool)] = try directory.backups().map { ($0.path, $0.compressed) }
        if LogFileSystem.exists(livePath) { generations.append((livePath, false)) }
        guard let matching else {
            for generation in generations.reversed() {
                if let range = try LogFileScan.seqRange(path: generation.path, compressed: generation.compressed) {
                    return .seq(max(range.last - Int64(count) + 1, 1))
                }
            }
            return .oldest
        }
        var found: [Int64] = []
        var newestSeq: Int64?
        for generation in generations.reversed() where found.count < count {
            guard let cursor = try LogGenerationCursor.open(generation.path, compressed: generation.compressed) else {
                continue
            }
            var inThisFile: [Int64] = []
            while try cursor.readLines({ bytes, _ in
                guard let seq = EventLineScanner.seq(of: bytes) else { return }
                newestSeq = max(newestSeq ?? seq, seq)
                if matching(Line(seq: seq, bytes: bytes, file: generation.path)) { inThisFile.append(seq) }
            }) > 0 {}
            found = inThisFile + found
        }
        if found.count >= count, count > 0 { return .seq(found[found.count - count]) }
        if found.isEmpty, let newestSeq { return .seq(newestSeq + 1) }
        return .oldest
    }
}
