import HajunCore
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends event lines to hajund's JSON-lines log: one `write(2)` per line with `O_APPEND`, `seq` contiguous across
/// files and restarts, fsync by policy, rotation by size and age, crash recovery on start (`docs/log.md`).
///
/// Not thread-safe: one task owns the writer. Compression and retention of backups run on a queue of their own.
///
/// The contract with the caller: `append` either puts the whole line in the file (and advances `nextSeq`) or throws
/// and counts nothing, so the caller retries the same line with the same `seq`. What is on disk for sure is told
/// by `durableSeq`; the caller advances its cursors only up to there.
public final class EventLogWriter {
    public let configuration: LogConfiguration
    /// The `seq` the next appended line must carry (1 for the first event ever).
    public private(set) var nextSeq: Int64
    /// The highest `seq` known to be on disk: fsync'ed (`always`, `interval`) or written (`never`).
    public var durableSeq: Int64 {
        max(syncedSeq, committer?.durableSeq ?? 0)
    }

    /// The highest seq this thread synced (or, for `never`, wrote); the group commit thread may be further.
    private var syncedSeq: Int64
    /// The background fsync of the `interval` policy.
    private let committer: LogGroupCommitter?

    private let clock: any EventLogClock
    private let logger: Logger
    private let directory: LogDirectory
    private let maintainer: BackupMaintainer?
    private var state: State
    private var buffer: [UInt8] = []
    /// Monotonic reading before which no rotation is tried: `min_interval` after the last one, a pause after a
    /// failed attempt.
    private var rotationNotBefore: UInt64 = 0
    /// Wall-clock milliseconds at which the live file is due for rotation by age.
    private var nextAgeBoundary: Int64?

    private enum State {
        case open(LiveFile)
        case closed
    }

    private struct LiveFile {
        var descriptor: Int32
        var size: Int64
        /// A write failed part-way and left a torn line: the next write starts with a newline to close it off.
        var needsLineBreak: Bool
    }

    /// The one system call for a line; tests replace it to simulate a disk filling up in the middle of a line.
    var writeLine: (Int32, UnsafeRawBufferPointer) -> (written: Int, error: Int32?) = LogFileSystem.writeAll

    /// The lock that keeps a second writer off the same log; held until `close()`.
    private var lockDescriptor: Int32

    private static let failedRotationBackoffNanoseconds: UInt64 = 1_000_000_000
    private static let seqKey: [UInt8] = Array(#""seq":"#.utf8)

    public var path: String { configuration.path }

    /// Opens (or creates) the live file, closes off a partial last line left by a crash, and carries `seq` on from
    /// the last complete line (looking in the newest backup when the live file has none).
    public init(
        configuration: LogConfiguration,
        clock: any EventLogClock = SystemEventLogClock(),
        logger: Logger = Logger(label: "hajund.log")
    ) throws {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        let directory = LogDirectory(livePath: configuration.path)
        self.directory = directory
        try LogFileSystem.createDirectories(directory.directory)
        lockDescriptor = try Self.lock(directory)
        do {
            let (descriptor, created) = try LogFileSystem.openForAppend(configuration.path)
            var file = LiveFile(descriptor: descriptor, size: 0, needsLineBreak: false)
            do {
                if created { try LogFileSystem.syncDirectory(directory.directory) }
                let status = try LogFileSystem.status(of: descriptor, path: configuration.path)
                file.size = try Self.closeOffPartialLine(
                    descriptor, size: status.size, path: configuration.path, logger)
                do {
                    try LogFileSystem.syncData(descriptor, path: configuration.path)
                } catch EventLogError.system(_, _, EINVAL) {
                    // Not a regular file (a device or pipe someone pointed the log at): nothing to sync.
                }
                let last = try Self.lastSeqOnDisk(file, directory: directory)
                nextSeq = last + 1
                syncedSeq = last
                let backups = try directory.ownGenerations().generations
                let startedAt = created ? clock.now() : Self.startOfLiveFile(status, newestBackup: backups.last)
                nextAgeBoundary = Self.ageBoundary(after: startedAt, age: configuration.rotateAgeMilliseconds)
                committer =
                    configuration.fsync == .interval
                    ? LogGroupCommitter(
                        descriptor: try Self.duplicate(descriptor, path: configuration.path),
                        path: configuration.path,
                        intervalMilliseconds: configuration.fsyncIntervalMilliseconds,
                        durableSeq: last,
                        logger: logger
                    ) : nil
            } catch {
                LogFileSystem.close(descriptor)
                throw error
            }
            state = .open(file)
        } catch {
            LogFileSystem.close(lockDescriptor)
            throw error
        }
        if configuration.rotation == .daemon {
            let policy = BackupMaintainer.Policy(
                compress: configuration.compress,
                keep: configuration.keep,
                keepAgeMilliseconds: configuration.keepAgeMilliseconds
            )
            maintainer = BackupMaintainer(directory: directory, policy: policy, logger: logger)
            maintainer?.schedule(now: clock.now())
        } else {
            maintainer = nil
        }
    }

    deinit {
        if case .open = state { try? close() }
    }

    // MARK: - Appending

    /// Appends one event line: a JSON object without the trailing newline whose `"seq"` is `nextSeq`.
    ///
    /// Throws when the line did not make it into the file (disk full, I/O error): nothing counts, `nextSeq` stays,
    /// and the caller retries the same line later. A torn part of it is closed off by the next successful write.
    public func append(_ line: [UInt8]) throws {
        try line.withUnsafeBytes { try append(bytes: $0) }
    }

    private func append(bytes line: UnsafeRawBufferPointer) throws {
        guard case .open(var file) = state else { throw EventLogError.closed(path: path) }
        defer { state = .open(file) }
        try validate(line)
        let now = clock.monotonicNanoseconds()
        if configuration.rotation == .daemon, rotationDue(file, incoming: line.count + 1, now: now) {
            rotate(&file, now: now)
        }
        buffer.removeAll(keepingCapacity: true)
        let prefix = file.needsLineBreak ? 1 : 0
        if file.needsLineBreak { buffer.append(0x0A) }
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        let outcome = buffer.withUnsafeBytes { writeLine(file.descriptor, $0) }
        file.size += Int64(outcome.written)
        if let code = outcome.error {
            let lineBytes = outcome.written - prefix
            if outcome.written >= prefix { file.needsLineBreak = false }
            if lineBytes > 0 { file.needsLineBreak = true }
            guard lineBytes == line.count else {
                throw LogFileSystem.systemError("cannot append to", path, code)
            }
            // Everything but the newline arrived: the line is whole and counts; its newline comes with the next
            // write (or the next start closes it off), so writing it again would duplicate its seq.
            logger.warning(
                "a line was written without its newline: \(LogFileSystem.systemError("cannot write", path, code))")
        } else {
            file.needsLineBreak = false
        }
        nextSeq += 1
        switch configuration.fsync {
        case .always: syncQuietly(file)
        case .interval: committer?.noteWritten(nextSeq - 1)
        case .never: syncedSeq = nextSeq - 1
        }
    }

    /// Refuses lines that would break the file: empty, with a newline inside, or with the wrong `seq`.
    private func validate(_ line: UnsafeRawBufferPointer) throws {
        guard let base = line.baseAddress, line.count > 0 else {
            throw EventLogError.invalidLine(path: path, reason: "the line is empty")
        }
        guard memchr(base, 0x0A, line.count) == nil else {
            throw EventLogError.invalidLine(path: path, reason: "the line contains a newline")
        }
        let found = Self.seqValue(in: line)
        guard found == nextSeq else {
            throw EventLogError.seqMismatch(path: path, expected: nextSeq, found: found)
        }
    }

    /// The number after the first `"seq":` in the line. Inside JSON strings quotes are escaped, so a match is a key.
    private static func seqValue(in line: UnsafeRawBufferPointer) -> Int64? {
        let bytes = line.bindMemory(to: UInt8.self)
        var start = 0
        while start + seqKey.count <= bytes.count {
            guard let quote = memchr(bytes.baseAddress! + start, 0x22, bytes.count - start) else { return nil }
            let at = UnsafeRawPointer(quote) - UnsafeRawPointer(bytes.baseAddress!)
            guard at + seqKey.count <= bytes.count else { return nil }
            if memcmp(quote, seqKey, seqKey.count) == 0 {
                var index = at + seqKey.count
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                var value: Int64 = 0
                var digits = 0
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, digits < 18 {
                    value = value * 10 + Int64(bytes[index] - 48)
                    index += 1
                    digits += 1
                }
                return digits > 0 ? value : nil
            }
            start = at + 1
        }
        return nil
    }

    // MARK: - Durability

    /// fsyncs now. Throws if the data may not be on disk; `durableSeq` then stays where it was.
    public func sync() throws {
        guard case .open(var file) = state else { throw EventLogError.closed(path: path) }
        defer { state = .open(file) }
        try closeOffTornLine(&file)
        try LogFileSystem.syncData(file.descriptor, path: path)
        markSynced()
    }

    private func markSynced() {
        syncedSeq = nextSeq - 1
        committer?.noteCommitted(syncedSeq)
    }

    /// Housekeeping for quiet periods, to call every second or so: rotation by age, which otherwise happens only
    /// on the next append. (The `interval` fsync runs on its own thread.)
    public func tick() throws {
        guard case .open(var file) = state else { throw EventLogError.closed(path: path) }
        let now = clock.monotonicNanoseconds()
        if configuration.rotation == .daemon, rotationDue(file, incoming: 0, now: now) {
            rotate(&file, now: now)
            state = .open(file)
        }
    }

    /// fsync after a line is already in the file: a failure must not make the caller write the line again, so it
    /// is logged and shows as `durableSeq` staying behind.
    private func syncQuietly(_ file: LiveFile) {
        do {
            try LogFileSystem.syncData(file.descriptor, path: path)
            markSynced()
        } catch {
            logger.error("\(error); events after seq \(durableSeq) are not known to be on disk")
        }
    }

    private func closeOffTornLine(_ file: inout LiveFile) throws {
        guard file.needsLineBreak else { return }
        let outcome = [UInt8(0x0A)].withUnsafeBytes { LogFileSystem.writeAll(file.descriptor, $0) }
        if let code = outcome.error { throw LogFileSystem.systemError("cannot write", path, code) }
        file.size += 1
        file.needsLineBreak = false
    }

    // MARK: - Rotation

    private func rotationDue(_ file: LiveFile, incoming: Int, now: UInt64) -> Bool {
        guard file.size > 0, now >= rotationNotBefore else { return false }
        if configuration.rotateSize > 0, file.size + Int64(incoming) > configuration.rotateSize { return true }
        if let boundary = nextAgeBoundary, clock.now().millisecondsSince1970 >= boundary { return true }
        return false
    }

    /// Renames the live file to a backup and creates a fresh one. A failure is logged and appends go on to the
    /// current file: rotation is housekeeping, losing events over it is not an option.
    private func rotate(_ file: inout LiveFile, now: UInt64) {
        do {
            try closeOffTornLine(&file)
            if configuration.fsync != .never {
                try LogFileSystem.syncData(file.descriptor, path: path)
                markSynced()
            }
            guard let firstSeq = try LogFileScan.firstSeq(descriptor: file.descriptor, path: path) else {
                // Only crash fragments so far: wait until the file holds a line to name the backup after.
                rotationNotBefore = now + minimumInterval
                return
            }
            let rotatedAt = clock.now()
            let backup = directory.path(of: LogBackupName(rotatedAt: rotatedAt, firstSeq: firstSeq, kind: .plain))
            try LogFileSystem.renameNoReplace(path, backup)
            let descriptor: Int32
            do {
                descriptor = try LogFileSystem.createExclusive(path)
            } catch EventLogError.system(_, _, EEXIST) {
                logger.warning("someone else created \(path) during rotation; appending to it")
                descriptor = try LogFileSystem.openForAppend(path).descriptor
            } catch {
                // Put the file back so that appends go on where followers look.
                try? LogFileSystem.renameNoReplace(backup, path)
                throw error
            }
            do {
                try LogFileSystem.syncDirectory(directory.directory)
            } catch {
                logger.error("\(error); the rotation of \(path) may not survive a power cut")
            }
            if let committer {
                committer.replace(descriptor: try Self.duplicate(descriptor, path: path), durableSeq: syncedSeq)
            }
            LogFileSystem.close(file.descriptor)
            file = LiveFile(descriptor: descriptor, size: 0, needsLineBreak: false)
            nextAgeBoundary = Self.ageBoundary(after: rotatedAt, age: configuration.rotateAgeMilliseconds)
            rotationNotBefore = now + minimumInterval
            maintainer?.schedule(now: rotatedAt)
        } catch {
            logger.error("cannot rotate: \(error); appending to the current file and retrying later")
            rotationNotBefore = now + max(minimumInterval, Self.failedRotationBackoffNanoseconds)
        }
    }

    private var minimumInterval: UInt64 { UInt64(max(configuration.minIntervalMilliseconds, 0)) * 1_000_000 }

    // MARK: - Reopening and closing

    /// Closes the current file and opens the live path again (external rotation: logrotate renamed the file and
    /// sent SIGHUP). The old file is fsync'ed first unless the policy is `never`.
    public func reopen() throws {
        guard case .open(var file) = state else { throw EventLogError.closed(path: path) }
        try? closeOffTornLine(&file)
        if configuration.fsync != .never {
            do {
                try LogFileSystem.syncData(file.descriptor, path: path)
                markSynced()
            } catch {
                logger.error("\(error) while reopening; events after seq \(durableSeq) are not known to be on disk")
            }
        }
        let (descriptor, created) = try LogFileSystem.openForAppend(path)
        if created { try? LogFileSystem.syncDirectory(directory.directory) }
        var replacement = LiveFile(descriptor: descriptor, size: 0, needsLineBreak: false)
        do {
            let size = try LogFileSystem.status(of: descriptor, path: path).size
            replacement.size = size
            if size > 0 {
                replacement.needsLineBreak =
                    try LogFileSystem.read(descriptor, count: 1, at: size - 1, path: path) != [0x0A]
            }
            if let committer {
                committer.replace(descriptor: try Self.duplicate(descriptor, path: path), durableSeq: syncedSeq)
            }
        } catch {
            LogFileSystem.close(descriptor)
            state = .open(file)
            throw error
        }
        LogFileSystem.close(file.descriptor)
        state = .open(replacement)
        nextAgeBoundary = Self.ageBoundary(after: clock.now(), age: configuration.rotateAgeMilliseconds)
    }

    /// Closes off a torn line, fsyncs (unless `never`), closes the file, waits for queued compression and
    /// retention, and releases the log. Idempotent.
    public func close() throws {
        guard case .open(var file) = state else { return }
        var failure: (any Error)?
        committer?.stop()
        do {
            try closeOffTornLine(&file)
        } catch {
            failure = error
        }
        if configuration.fsync != .never {
            do {
                try LogFileSystem.syncData(file.descriptor, path: path)
                markSynced()
            } catch {
                failure = failure ?? error
            }
        } else {
            syncedSeq = nextSeq - 1
        }
        LogFileSystem.close(file.descriptor)
        state = .closed
        maintainer?.waitUntilIdle()
        LogFileSystem.close(lockDescriptor)
        if let failure { throw failure }
    }

    // MARK: - Start-up

    private static func duplicate(_ descriptor: Int32, path: String) throws -> Int32 {
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw LogFileSystem.systemError("cannot duplicate the descriptor of", path) }
        return copy
    }

    private static func lock(_ directory: LogDirectory) throws -> Int32 {
        let path = directory.path("." + directory.liveFileName + ".lock")
        let descriptor = LogFileSystem.retrying { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640) }
        guard descriptor >= 0 else { throw LogFileSystem.systemError("cannot create the lock file", path) }
        guard LogFileSystem.retrying({ flock(descriptor, LOCK_EX | LOCK_NB) }) == 0 else {
            let code = errno
            LogFileSystem.close(descriptor)
            if code == EWOULDBLOCK { throw EventLogError.locked(path: directory.livePath) }
            throw LogFileSystem.systemError("cannot lock", path, code)
        }
        return descriptor
    }

    /// A crash mid-write leaves bytes without a newline. Appending one closes them off: a prefix of a JSON
    /// object never parses, so readers skip it, and the lines before it are untouched. Returns the new size.
    private static func closeOffPartialLine(
        _ descriptor: Int32, size: Int64, path: String, _ logger: Logger
    ) throws
        -> Int64
    {
        guard size > 0, try LogFileSystem.read(descriptor, count: 1, at: size - 1, path: path) != [0x0A] else {
            return size
        }
        let start = try LogFileScan.lastNewline(descriptor: descriptor, before: size, path: path).map { $0 + 1 } ?? 0
        let outcome = [UInt8(0x0A)].withUnsafeBytes { LogFileSystem.writeAll(descriptor, $0) }
        if let code = outcome.error {
            throw LogFileSystem.systemError("cannot close off the partial line in", path, code)
        }
        let fragment = try LogFileSystem.read(descriptor, count: Int(size - start), at: start, path: path)
        let whole = EventLineScanner.seq(of: fragment) != nil
        logger.warning(
            whole ? "completed a last line that lacked its newline" : "closed off a partial last line left by a crash",
            metadata: ["file": "\(path)", "offset": "\(start)", "bytes": "\(size - start)"]
        )
        return size + 1
    }

    /// The `seq` of the last complete line in the live file, else in the newest backup, else 0.
    private static func lastSeqOnDisk(_ file: LiveFile, directory: LogDirectory) throws -> Int64 {
        if let seq = try LogFileScan.lastSeq(descriptor: file.descriptor, size: file.size, path: directory.livePath) {
            return seq
        }
        // The newest backup may be compressed or removed under us by an outside tool: look again then.
        for _ in 0..<3 {
            guard let newest = try directory.backups().last else { return 0 }
            if let range = try LogFileScan.seqRange(path: newest.path, compressed: newest.compressed) {
                return range.last
            }
            if LogFileSystem.exists(newest.path) { return newest.firstSeq - 1 }
        }
        return 0
    }

    /// When the live file began, for rotation by age: the newest backup's rotation, if the file is not older
    /// than that, else its last change (never later than its start of life within the period).
    private static func startOfLiveFile(
        _ status: LogFileSystem.FileStatus, newestBackup: LogDirectory.OwnGeneration?
    )
        -> Timestamp
    {
        let modified = Timestamp(millisecondsSince1970: status.modifiedAt)
        if let rotatedAt = newestBackup?.name.rotatedAt, rotatedAt <= modified { return rotatedAt }
        return modified
    }

    private static func ageBoundary(after start: Timestamp, age: Int64) -> Int64? {
        guard age > 0 else { return nil }
        let ms = start.millisecondsSince1970
        let period = ms >= 0 ? ms / age : (ms - age + 1) / age
        return (period + 1) * age
    }
}
