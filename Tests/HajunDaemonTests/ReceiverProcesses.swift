import Foundation
import HajunHTTP
import HajunTestSupport

/// A real receiver from Debian's packages (`webhook`, `prometheus-alertmanager`) running on loopback for a test.
final class ReceiverProcess: @unchecked Sendable {
    // Process is used from one test at a time.
    let port: Int
    private let process: Process
    let logPath: String

    private init(port: Int, process: Process, logPath: String) {
        self.port = port
        self.process = process
        self.logPath = logPath
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `executable` with `arguments(port)` on a free loopback port and waits until `readyPath` answers.
    static func start(
        _ executable: String,
        in directory: TemporaryDirectory,
        name: String,
        port fixedPort: Int? = nil,
        readyPath: String,
        arguments: (Int) -> [String]
    ) async throws -> ReceiverProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ReceiverProcessError(
                "\(executable) is not installed (apt-get install webhook prometheus-alertmanager)")
        }
        let port = try fixedPort ?? freePort()
        let logPath = directory.file("\(name).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(port)
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let receiver = ReceiverProcess(port: port, process: process, logPath: logPath)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if !process.isRunning { break }
            if let response = try? await get(receiver.baseURL + readyPath, timeoutMilliseconds: 1000),
                response.status < 500
            {
                return receiver
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        receiver.stop()
        let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw ReceiverProcessError("\(executable) did not come up on port \(port): \(output.suffix(2000))")
    }

    /// SIGTERM, then waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        stop()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// A GET on a private serial queue: the width-limited global queue may be taken by other tests' blocking work.
    static func get(_ url: String, timeoutMilliseconds: Int = 5000) async throws -> HTTPResponse {
        let client = CurlHTTPClient(
            options: HTTPClientOptions(connectTimeoutMilliseconds: 500, totalTimeoutMilliseconds: timeoutMilliseconds))
        let queue = DispatchQueue(label: "receiver-process-get")
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try client.perform(HTTPRequest(url: url)) }) }
        }
    }

    /// A TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverProcessError("socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw ReceiverProcessError("bind: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// adnanh's `webhook` with hooks that record what they get (and one that fails at first), in a directory.
enum WebhookTool {
    static let executable = "/usr/bin/webhook"

    /// Writes the scripts and hooks file, starts `webhook`. Hooks (under `/hooks/`):
    /// - `record`: checks the HMAC-SHA256 signature against `secret`, appends "<Idempotency-Key> <alert_id>" to
    ///   `received.txt`;
    /// - `flaky`: fails with 500 for its first `failures` calls, then records like `record` into `flaky.txt`;
    /// - `refuse`: answers 400 (its trigger rule never matches).
    static func start(
        in directory: TemporaryDirectory, secret: String, failures: Int = 2, port: Int? = nil
    ) async throws
        -> ReceiverProcess
    {
        try directory.write(
            "record.sh",
            """
            #!/bin/sh
            printf '%s %s\\n' "$1" "$2" >> "$(dirname "$0")/received.txt"
            echo recorded

            """
        )
        try directory.write(
            "flaky.sh",
            """
            #!/bin/sh
            dir=$(dirname "$0")
            n=$(cat "$dir/flaky-attempts" 2>/dev/null || echo 0)
            n=$((n + 1))
            echo "$n" > "$dir/flaky-attempts"
            if [ "$n" -le \(failures) ]; then echo "failing on purpose ($n)"; exit 1; fi
            printf '%s %s\\n' "$1" "$2" >> "$dir/flaky.txt"
            echo recorded

            """
        )
        for script in ["record.sh", "flaky.sh"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.file(script))
        }
        let arguments = #"[{"source": "header", "name": "Idempotency-Key"}, {"source": "payload", "name": "alert_id"}]"#
        try directory.write(
            "hooks.json",
            """
            [
              {
                "id": "record",
                "execute-command": "\(directory.file("record.sh"))",
                "command-working-directory": "\(directory.path)",
                "include-command-output-in-response": true,
                "include-command-output-in-response-on-error": true,
                "pass-arguments-to-command": \(arguments),
                "trigger-rule": {
                  "match": {"type": "payload-hmac-sha256", "secret": "\(secret)",
                            "parameter": {"source": "header", "name": "X-Hajund-Signature"}}
                }
              },
              {
                "id": "flaky",
                "execute-command": "\(directory.file("flaky.sh"))",
                "command-working-directory": "\(directory.path)",
                "include-command-output-in-response": true,
                "include-command-output-in-response-on-error": true,
                "pass-arguments-to-command": \(arguments)
              },
              {
                "id": "refuse",
                "execute-command": "/bin/true",
                "trigger-rule": {"match": {"type": "value", "value": "never", "parameter": {"source": "header", "name": "X-Never"}}},
                "trigger-rule-mismatch-http-response-code": 400
              }
            ]
            """
        )
        return try await ReceiverProcess.start(executable, in: directory, name: "webhook", port: port, readyPath: "/") {
            port in
            ["-hooks", directory.file("hooks.json"), "-ip", "127.0.0.1", "-port", "\(port)", "-verbose"]
        }
    }

    /// "<key> <alert id>" lines a recording hook wrote.
    static func received(
        _ directory: TemporaryDirectory, file: String = "received.txt"
    ) -> [(key: String, alertID: String)] {
        let text = (try? String(contentsOfFile: directory.file(file), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ").map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
    }
}

/// Prometheus Alertmanager with a do-nothing route, its own storage, no clustering.
enum AlertmanagerTool {
    static let executable = "/usr/bin/prometheus-alertmanager"

    static func start(in directory: TemporaryDirectory) async throws -> ReceiverProcess {
        try directory.write(
            "alertmanager.yml",
            """
            route:
              receiver: blackhole
            receivers:
              - name: blackhole

            """
        )
        try FileManager.default.createDirectory(atPath: directory.file("am-data"), withIntermediateDirectories: true)
        return try await ReceiverProcess.start(executable, in: directory, name: "alertmanager", readyPath: "/-/ready") {
            port in
            [
                "--config.file=\(directory.file("alertmanager.yml"))", "--storage.path=\(directory.file("am-data"))",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ]
        }
    }

    /// `GET /api/v2/alerts`: the alerts Alertmanager holds as active (resolved ones are not listed).
    static func alerts(_ receiver: ReceiverProcess) async throws -> [[String: Any]] {
        let response = try await ReceiverProcess.get(receiver.baseURL + "/api/v2/alerts")
        return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]) ?? []
    }
}

/// A loopback port bound but not listening, held until released: connections to it are refused, and no other
/// test's server can take it meanwhile.
final class RefusingPort: @unchecked Sendable {
    // The descriptor is only closed in deinit.
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverProcessError("socket: \(errno)") }
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(descriptor)
            throw ReceiverProcessError("bind: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}

struct ReceiverProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
