import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A proxy on 127.0.0.1 for tests of the HTTP client's proxy support, on plain sockets and threads of its own.
///
/// - `.socks5(targetPort:)`: SOCKS5 without authentication; a CONNECT to any host name or address is connected to
///   `127.0.0.1:targetPort` and relayed both ways, and the name or address the client asked for is recorded, so a
///   test can tell `socks5h://` (the proxy resolves the name) from `socks5://` (the client resolves it).
/// - `.http(reply:)`: an HTTP forward proxy that records the request line (`GET http://host/path HTTP/1.1`) and
///   answers every request with `reply` as a 200 text body.
public final class LoopbackProxy: Sendable {
    public enum Mode: Sendable {
        case socks5(targetPort: Int)
        case http(reply: String)
    }

    public let port: Int
    private let listener: Int32
    private let mode: Mode
    private let recorded = Mutex<[String]>([])
    private let stopped = Atomic<Bool>(false)

    /// What clients asked for: SOCKS5 CONNECT destinations as `host:port`, or HTTP request lines.
    public var requests: [String] { recorded.withLock { $0 } }

    public init(_ mode: Mode) throws {
        self.mode = mode
        (listener, port) = try LoopbackSocket.bind(backlog: 16)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting; connections in progress end with their peers.
    public func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit {
        stop()
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in
                defer { close(client) }
                switch mode {
                case .socks5(let targetPort): serveSocks5(client, targetPort: targetPort)
                case .http(let reply): serveHTTP(client, reply: reply)
                }
            }
            thread.start()
        }
    }

    // MARK: - SOCKS5 (RFC 1928)

    private func serveSocks5(_ client: Int32, targetPort: Int) {
        // Greeting: version 5, methods; answer "no authentication".
        guard let greeting = readExactly(client, 2), greeting[0] == 5,
            readExactly(client, Int(greeting[1])) != nil, writeAll(client, [5, 0])
        else { return }
        // Request: 5, CONNECT (1), reserved, address type, address, port.
        guard let head = readExactly(client, 4), head[0] == 5, head[1] == 1 else { return }
        var destination: String
        switch head[3] {
        case 1:
            guard let ip = readExactly(client, 4) else { return }
            destination = ip.map(String.init).joined(separator: ".")
        case 3:
            guard let count = readExactly(client, 1), let name = readExactly(client, Int(count[0])) else { return }
            destination = String(decoding: name, as: UTF8.self)
        default:
            _ = writeAll(client, [5, 8, 0, 1, 0, 0, 0, 0, 0, 0])  // address type not supported
            return
        }
        guard let portBytes = readExactly(client, 2) else { return }
        destination += ":\(Int(portBytes[0]) << 8 | Int(portBytes[1]))"
        recorded.withLock { $0.append(destination) }
        guard let upstream = try? LoopbackSocket.connect(port: targetPort) else {
            _ = writeAll(client, [5, 5, 0, 1, 0, 0, 0, 0, 0, 0])  // connection refused
            return
        }
        defer { close(upstream) }
        guard writeAll(client, [5, 0, 0, 1, 127, 0, 0, 1, 0, 0]) else { return }
        relay(client, upstream)
    }

    private func relay(_ first: Int32, _ second: Int32) {
        var descriptors = [
            pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            guard poll(&descriptors, 2, 30_000) > 0 else { return }
            for (index, entry) in descriptors.enumerated() where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count <= 0 { return }
                let other = index == 0 ? second : first
                guard writeAll(other, Array(buffer[..<count])) else { return }
            }
        }
    }

    // MARK: - HTTP forward proxy

    private func serveHTTP(_ client: Int32, reply: String) {
        var request: [UInt8] = []
        var byte = [UInt8](repeating: 0, count: 1)
        while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard read(client, &byte, 1) == 1 else { return }
            request.append(byte[0])
            if request.count > 65536 { return }
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self)
        recorded.withLock { $0.append(line) }
        let body = Array(reply.utf8)
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        _ = writeAll(client, Array(head.utf8) + body)
    }

    // MARK: - Sockets

    private func readExactly(_ descriptor: Int32, _ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, count - done) }
            if got <= 0 { return nil }
            done += got
        }
        return bytes
    }

    private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
            if wrote <= 0 { return false }
            done += wrote
        }
        return true
    }
}
