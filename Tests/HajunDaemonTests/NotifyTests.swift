import Foundation
import HajunTestSupport
import Testing

@testable import HajunDaemon

/// A datagram socket standing in for systemd's notify socket: a path, or an abstract name (leading `@`).
final class NotifyReceiver {
    let name: String
    private let descriptor: Int32

    init(name: String) throws {
        self.name = name
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let offset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        let length = socklen_t(offset + bytes.count + (abstract ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EINVAL) }
    }

    deinit { close(descriptor) }

    /// Every datagram waiting now.
    func drain() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            guard count > 0 else { return messages }
            messages.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }
}

@Suite struct NotifyTests {
    @Test func sendsTheProtocolToAPathSocket() throws {
        let directory = try TemporaryDirectory()
        let receiver = try NotifyReceiver(name: directory.file("notify.sock"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.name, "WATCHDOG_USEC": "3000000"])
        #expect(notifier.isEnabled)
        #expect(notifier.watchdogPingNanoseconds == 1_500_000_000)
        notifier.ready(status: "5 feeds\nall ok")
        notifier.watchdog()
        notifier.reloading()
        notifier.stopping()
        let messages = receiver.drain()
        #expect(messages.count == 4)
        #expect(messages[0] == "READY=1\nSTATUS=5 feeds all ok")
        #expect(messages[1] == "WATCHDOG=1")
        let reloading = messages[2].split(separator: "\n")
        #expect(reloading.first == "RELOADING=1")
        let monotonic = reloading.first { $0.hasPrefix("MONOTONIC_USEC=") }.flatMap { UInt64($0.dropFirst(15)) }
        #expect(monotonic != nil && monotonic! > 0)
        #expect(messages[3].hasPrefix("STOPPING=1"))
    }

    @Test func sendsToAnAbstractSocket() throws {
        let name = "@hajund-notify-test-\(UInt32.random(in: 0...UInt32.max))"
        let receiver = try NotifyReceiver(name: name)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": name])
        #expect(notifier.send(["READY=1"]))
        #expect(receiver.drain() == ["READY=1"])
    }

    @Test func doesNothingWithoutASocketAndNoWatchdogForOtherProcesses() throws {
        let silent = SystemdNotifier(environment: [:])
        #expect(!silent.isEnabled)
        #expect(!silent.send(["READY=1"]))
        let directory = try TemporaryDirectory()
        let receiver = try NotifyReceiver(name: directory.file("n.sock"))
        let inherited = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": receiver.name, "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"]
        )
        #expect(inherited.watchdogMicroseconds == nil, "the watchdog belongs to the PID systemd named")
        inherited.watchdog()
        #expect(receiver.drain().isEmpty)
        let own = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": receiver.name, "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "\(getpid())"]
        )
        own.watchdog()
        #expect(receiver.drain() == ["WATCHDOG=1"])
    }
}
