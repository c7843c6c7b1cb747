import Foundation

/// A plain HTTP/1.0 GET over a socket, for readiness checks and Alertmanager's API. It runs on a private serial
/// queue: the width-limited global queue and the cooperative pool may be busy with other tests' blocking work.
public enum HTTPGet {
    public static func fetch(_ url: String) async throws -> (Int, Data) {
        guard let parsed = URL(string: url), let port = parsed.port else { throw ServiceProcessError("bad URL \(url)") }
        let path = parsed.path.isEmpty ? "/" : parsed.path
        let queue = DispatchQueue(label: "http-get")
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try blockingGet(port: port, path: path) }) }
        }
    }

    private static func blockingGet(port: Int, path: String) throws -> (Int, Data) {
        let descriptor = try LoopbackSocket.connect(port: port)
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == request.count else {
            throw ServiceProcessError("write: \(errno)")
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 { throw ServiceProcessError("read: \(errno)") }
            if count == 0 { break }
            response.append(contentsOf: chunk[..<count])
        }
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, response.count - 3)).first(where: { Array(response[$0..<($0 + 4)]) == separator })
        else {
            throw ServiceProcessError("no HTTP header in the answer")
        }
        let statusLine = String(decoding: response.prefix(while: { $0 != 13 }), as: UTF8.self)
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, Data(response[(end + 4)...]))
    }
}
