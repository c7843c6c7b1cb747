#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Talks to systemd's service manager over `$NOTIFY_SOCKET` with the `sd_notify` datagram protocol (no libsystemd):
/// `READY=1`, `RELOADING=1` with `MONOTONIC_USEC`, `STOPPING=1`, `STATUS=…` and `WATCHDOG=1`. Without
/// `$NOTIFY_SOCKET` (not started by systemd, or `Type=simple`) every call does nothing.
///
/// The socket is a path, or an abstract socket when it starts with `@`.
public final class SystemdNotifier: Sendable {
    /// The socket messages go to, as given in the environment.
    public let socketPath: String?
    /// `WATCHDOG_USEC` when the watchdog is on for this process; pings are due at half of it.
    public let watchdogMicroseconds: UInt64?
    private let descriptor: Int32

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from the environment.
    public convenience init() {
        self.init(environment: Self.processEnvironment())
    }

    public init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        descriptor = path == nil ? -1 : socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var watchdog = environment["WATCHDOG_USEC"].flatMap { UInt64($0) }.flatMap { $0 > 0 ? $0 : nil }
        // The watchdog belongs to the process systemd started; a child that inherited the variables must not ping.
        if let pid = environment["WATCHDOG_PID"].flatMap({ Int32($0) }), pid != getpid() { watchdog = nil }
        watchdogMicroseconds = watchdog
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    public var isEnabled: Bool { descriptor >= 0 }

    /// Half of `WATCHDOG_USEC`, in nanoseconds: how often `watchdog()` must be called; nil when off.
    public var watchdogPingNanoseconds: UInt64? { watchdogMicroseconds.map { $0 * 500 } }

    public func ready(status: String) {
        send(["READY=1", "STATUS=" + Self.oneLine(status)])
    }

    /// `RELOADING=1` with the `MONOTONIC_USEC` systemd 253+ (`Type=notify-reload`) requires; older versions
    /// ignore the extra field. Follow with `ready(status:)` once the reload is done, whether it worked or not.
    public func reloading() {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())", "STATUS=reloading the configuration"])
    }

    public func stopping() {
        send(["STOPPING=1", "STATUS=stopping: flushing the log and state"])
    }

    public func status(_ text: String) {
        send(["STATUS=" + Self.oneLine(text)])
    }

    public func watchdog() {
        guard watchdogMicroseconds != nil else { return }
        send(["WATCHDOG=1"])
    }

    /// Sends one datagram of newline-separated assignments; returns whether it went out.
    @discardableResult
    public func send(_ assignments: [String]) -> Bool {
        guard descriptor >= 0, let socketPath else { return false }
        let message = Array(assignments.joined(separator: "\n").utf8)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        let abstract = pathBytes.first == UInt8(ascii: "@")
        if abstract { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity || (abstract && pathBytes.count <= capacity) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        // An abstract name is exactly its bytes; a path carries its terminating NUL.
        let length = socklen_t(pathOffset + pathBytes.count + (abstract ? 0 : 1))
        let sent = message.withUnsafeBytes { body in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(
                        descriptor, body.baseAddress, body.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), $0, length)
                }
            }
        }
        return sent == message.count
    }

    static func monotonicMicroseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000 + UInt64(spec.tv_nsec) / 1000
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    private static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }
}
