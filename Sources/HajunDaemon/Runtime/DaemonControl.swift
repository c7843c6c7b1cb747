/// Requests to a running `Daemon` from outside its loop: signal handlers, the service wrapper, tests. Sendable;
/// requests queue up in order and the loop handles them one at a time.
public final class DaemonControl: Sendable {
    enum Request: Sendable {
        /// SIGHUP: reopen the log, reload and validate the configuration.
        case reload
        /// SIGTERM/SIGINT: drain, flush, exit.
        case stop
        /// The housekeeping and watchdog beat.
        case tick
    }

    let requests: AsyncStream<Request>
    private let continuation: AsyncStream<Request>.Continuation

    public init() {
        (requests, continuation) = AsyncStream.makeStream(of: Request.self)
    }

    /// Reloads the configuration file (and reopens the log) as SIGHUP does.
    public func reload() {
        continuation.yield(.reload)
    }

    /// Stops the daemon gracefully as SIGTERM does: `run()` returns once the log and state are flushed.
    public func stop() {
        continuation.yield(.stop)
    }

    func tick() {
        continuation.yield(.tick)
    }
}
