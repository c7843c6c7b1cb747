import Dispatch
import HajunCore
import Logging
import Synchronization

/// Compresses rotated-out backups (all but the newest, like logrotate's `delaycompress`) and applies retention by
/// count and by age, on a queue of its own so that compressing 64 MiB never stalls appends.
///
/// Every run looks at the directory afresh, so runs are idempotent: one run after a crash finishes what an
/// interrupted one left (a temporary `.gz.tmp`, or a backup present both plain and compressed).
final class BackupMaintainer: Sendable {
    struct Policy: Sendable {
        var compress: Bool
        /// How many backups to keep.
        var keep: Int
        /// Backups rotated out longer ago than this are removed; 0 keeps them regardless of age.
        var keepAgeMilliseconds: Int64
    }

    private let directory: LogDirectory
    private let policy: Policy
    private let logger: Logger
    private let queue = DispatchQueue(label: "hajund.log.maintainer", qos: .utility)
    /// Whether a run is queued and not started yet (rotations during a run queue one more, never a pile), and the
    /// latest time it was asked for: a coalesced run must apply retention as of the newest request.
    private let request = Mutex<(queued: Bool, now: Timestamp)>((false, Timestamp(millisecondsSince1970: 0)))

    init(directory: LogDirectory, policy: Policy, logger: Logger) {
        self.directory = directory
        self.policy = policy
        self.logger = logger
    }

    /// Queues a run unless one is already waiting to start.
    func schedule(now: Timestamp) {
        let alreadyQueued = request.withLock { state in
            defer { state = (true, max(state.now, now)) }
            return state.queued
        }
        guard !alreadyQueued else { return }
        queue.async { [self] in
            let now = request.withLock { state in
                state.queued = false
                return state.now
            }
            do {
                try run(now: now)
            } catch {
                logger.error("log maintenance failed: \(error)", metadata: ["log": "\(directory.livePath)"])
            }
        }
    }

    /// Returns once every queued run has finished.
    func waitUntilIdle() {
        queue.sync {}
    }

    /// One pass: clean up, apply retention, compress.
    func run(now: Timestamp) throws {
        let (found, temporaries) = try directory.ownGenerations()
        var changed = false
        for temporary in temporaries {
            try LogFileSystem.remove(temporary)
            logger.warning("removed the leftover of an interrupted compression", metadata: ["file": "\(temporary)"])
            changed = true
        }
        var generations: [OwnGeneration] = []
        for var generation in found {
            // The .gz was fsync'ed before its rename, so it is complete: the plain copy is the leftover.
            if let plain = generation.plainPath, generation.gzipPath != nil {
                try LogFileSystem.remove(plain)
                generation.plainPath = nil
                changed = true
            }
            generations.append(generation)
        }
        var expired = 0
        if policy.keepAgeMilliseconds > 0 {
            let cutoff = now.millisecondsSince1970 - policy.keepAgeMilliseconds
            expired = generations.prefix { $0.name.rotatedAt.millisecondsSince1970 < cutoff }.count
        }
        let surplus = max(0, generations.count - max(policy.keep, 0))
        for generation in generations.prefix(max(expired, surplus)) {
            try remove(generation)
            changed = true
        }
        generations.removeFirst(max(expired, surplus))
        if changed { try LogFileSystem.syncDirectory(directory.directory) }
        if policy.compress {
            for generation in generations.dropLast() where generation.plainPath != nil {
                try compress(generation)
            }
        }
    }

    private typealias OwnGeneration = LogDirectory.OwnGeneration

    private func remove(_ generation: OwnGeneration) throws {
        for path in [generation.plainPath, generation.gzipPath].compactMap({ $0 }) {
            try LogFileSystem.remove(path)
            logger.debug("removed an old backup", metadata: ["file": "\(path)"])
        }
    }

    private func compress(_ generation: OwnGeneration) throws {
        guard let plain = generation.plainPath else { return }
        var temporaryName = generation.name
        temporaryName.kind = .temporary
        var gzipName = generation.name
        gzipName.kind = .gzip
        let temporary = directory.path(of: temporaryName)
        let gzip = directory.path(of: gzipName)
        do {
            try GzipFileCompressor.compress(source: plain, destination: temporary)
        } catch {
            try? LogFileSystem.remove(temporary)
            throw error
        }
        try LogFileSystem.renameReplacing(temporary, gzip)
        try LogFileSystem.syncDirectory(directory.directory)
        try LogFileSystem.remove(plain)
        try LogFileSystem.syncDirectory(directory.directory)
    }
}
