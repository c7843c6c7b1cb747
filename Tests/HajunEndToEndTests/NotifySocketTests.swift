import Foundation
import HajunTestSupport
import Synchronization
import Testing

/// A datagram socket in the test's role of systemd: hajund sends `sd_notify` messages to it.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let received = Mutex<[String]>([])

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + bytes.count + 1)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EINVAL) }
    }

    deinit { close(descriptor) }

    /// Every message received so far, in order (reads what is waiting first).
    var messages: [String] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var fresh: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            guard count > 0 else { break }
            fresh.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
        return received.withLock {
            $0 += fresh
            return $0
        }
    }

    /// Waits for a message satisfying `match` at or after index `from`; returns its index.
    func waitFor(
        after from: Int = 0, timeout: Duration = .seconds(20), _ match: @escaping (String) -> Bool
    ) async -> Int? {
        await eventually(timeout: timeout, every: .milliseconds(20)) {
            let all = self.messages
            return all.indices.first { $0 >= from && match(all[$0]) }
        }
    }
}

/// hajund under a stand-in for systemd: READY=1, repeated WATCHDOG=1 at half of WATCHDOG_USEC, RELOADING=1 (with
/// MONOTONIC_USEC) then READY=1 on SIGHUP, STOPPING=1 on SIGTERM, exit 0.
@Suite(.serialized) struct NotifySocketTests {
    @Test func speaksTheNotifyProtocolThroughItsLifecycle() async throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.file("notify.sock"))
        try directory.write(
            "reports.jsonl",
            #"{"chat":"hajun_test","message_id":1,"date":"2022-03-01T07:00:00Z","text":"Колонна у Мозыря"}"# + "\n"
        )
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: reports, path: reports.jsonl, format: jsonl, interval: 500ms }
            log: { path: log/events.jsonl }
            state: { directory: state }
            """
        )
        let daemon = try DaemonProcess(
            config: config, directory: directory,
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"]
        )
        defer { daemon.terminate() }
        let ready = await socket.waitFor { $0.split(separator: "\n").contains("READY=1") }
        #expect(ready != nil, "no READY=1: \(socket.messages) \(daemon.stderr)")
        #expect(socket.messages[ready ?? 0].contains("STATUS="))
        // Pings come at half of WATCHDOG_USEC: at least three arrive, and never more often than every 0.5 s (a loaded
        // machine may delay them, which is why only the upper bound is tight).
        let clock = ContinuousClock()
        let before = socket.messages.filter { $0 == "WATCHDOG=1" }.count
        let started = clock.now
        let threePings = await eventually(timeout: .seconds(30)) {
            socket.messages.filter { $0 == "WATCHDOG=1" }.count - before >= 3 ? true : nil
        }
        let elapsed = clock.now - started
        let pings = socket.messages.filter { $0 == "WATCHDOG=1" }.count - before
        #expect(threePings == true, "repeated WATCHDOG=1: \(socket.messages)")
        #expect(pings <= Int(elapsed / .milliseconds(500)) + 2, "\(pings) pings in \(elapsed)")
        #expect(elapsed >= .milliseconds(900), "three pings take at least 1 s at 0.5 s apart, took \(elapsed)")

        let beforeReload = socket.messages.count
        daemon.signal(SIGHUP)
        let reloading = await socket.waitFor(after: beforeReload) { $0.hasPrefix("RELOADING=1") }
        #expect(reloading != nil, "no RELOADING=1: \(socket.messages)")
        if let reloading {
            #expect(socket.messages[reloading].contains("MONOTONIC_USEC="))
            let readyAgain = await socket.waitFor(after: reloading + 1) {
                $0.split(separator: "\n").contains("READY=1")
            }
            #expect(readyAgain != nil, "no READY=1 after the reload: \(socket.messages)")
        }
        let afterReload = socket.messages.count
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(socket.messages[afterReload...].contains("WATCHDOG=1"), "pings go on after the reload")

        daemon.signal(SIGTERM)
        let stopping = await socket.waitFor(after: afterReload) { $0.hasPrefix("STOPPING=1") }
        #expect(stopping != nil, "no STOPPING=1: \(socket.messages)")
        #expect(await daemon.waitForExit(timeout: .seconds(20)) == 0, "\(daemon.stderr)")
        #expect(loggedEvents(in: directory.file("log")).count == 1)
    }
}
