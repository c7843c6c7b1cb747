import HajunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the event log takes its time from; tests inject a manual clock to drive rotation and retention.
public protocol EventLogClock: Sendable {
    /// Wall-clock time: backup names, daily rotation, retention by age.
    func now() -> Timestamp
    /// A monotonic reading in nanoseconds: the fsync interval and the minimum rotation interval, which must not
    /// jump when someone sets the wall clock.
    func monotonicNanoseconds() -> UInt64
}

/// The system's `CLOCK_REALTIME` and `CLOCK_MONOTONIC`.
public struct SystemEventLogClock: EventLogClock {
    public init() {}

    public func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSince1970: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    public func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
