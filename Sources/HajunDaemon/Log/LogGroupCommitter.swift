import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `interval` fsync policy's group commit: a thread of its own fdatasyncs the live file once per interval, so
/// that appends never wait for the disk (Redis's `appendfsync everysec` does the same).
///
/// It syncs through its own duplicate of the writer's descriptor, which refers to the same open file. The writer
/// tells it after each append how far it has written and hands it a new duplicate after each rotation or reopen;
/// retired duplicates are closed by this thread between syncs, never under a sync in flight.
final class LogGroupCommitter: @unchecked Sendable {
    private let condition = NSCondition()
    private let path: String
    private let logger: Logger
    private let intervalSeconds: Double
    // Guarded by `condition`.
    private var descriptor: Int32
    private var generation = 0
    private var writtenSeq: Int64
    private var committedSeq: Int64
    private var retired: [Int32] = []
    private var state: State = .running

    private enum State {
        case running
        case stopping
        case stopped
    }

    /// Takes over `descriptor` (a duplicate made for it).
    init(descriptor: Int32, path: String, intervalMilliseconds: Int64, durableSeq: Int64, logger: Logger) {
        self.descriptor = descriptor
        self.path = path
        self.logger = logger
        intervalSeconds = Double(max(intervalMilliseconds, 1)) / 1000
        writtenSeq = durableSeq
        committedSeq = durableSeq
        let thread = Thread { [self] in loop() }
        thread.name = "hajund.log.fsync"
        thread.start()
    }

    /// The highest seq this thread has seen fdatasync'ed.
    var durableSeq: Int64 {
        condition.withLock { committedSeq }
    }

    func noteWritten(_ seq: Int64) {
        condition.lock()
        writtenSeq = seq
        condition.unlock()
    }

    /// After the writer synced the old file itself and switched files: sync `descriptor` (a duplicate) from now on.
    func replace(descriptor new: Int32, durableSeq: Int64) {
        condition.withLock {
            retired.append(descriptor)
            descriptor = new
            generation += 1
            committedSeq = max(committedSeq, durableSeq)
            writtenSeq = max(writtenSeq, durableSeq)
        }
    }

    /// After a sync by the writer itself.
    func noteCommitted(_ seq: Int64) {
        condition.withLock { committedSeq = max(committedSeq, seq) }
    }

    /// Stops the thread and waits for it; closes every descriptor it holds.
    func stop() {
        condition.lock()
        if case .running = state { state = .stopping }
        condition.broadcast()
        while true {
            if case .stopped = state { break }
            condition.wait()
        }
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while true {
            if case .stopping = state { break }
            _ = condition.wait(until: Date(timeIntervalSinceNow: intervalSeconds))
            if case .stopping = state { break }
            for old in retired { LogFileSystem.close(old) }
            retired.removeAll()
            guard writtenSeq > committedSeq else { continue }
            let (target, seq, syncedGeneration) = (descriptor, writtenSeq, generation)
            condition.unlock()
            let result = LogFileSystem.retrying { fdatasync(target) }
            let code = errno
            condition.lock()
            if result == 0 {
                if generation == syncedGeneration { committedSeq = max(committedSeq, seq) }
            } else {
                // durableSeq stays behind, which is what the caller's cursors go by; the next round tries again.
                logger.error("\(LogFileSystem.systemError("cannot fsync", path, code)); will retry")
            }
        }
        for old in retired + [descriptor] { LogFileSystem.close(old) }
        retired.removeAll()
        state = .stopped
        condition.broadcast()
        condition.unlock()
    }
}
