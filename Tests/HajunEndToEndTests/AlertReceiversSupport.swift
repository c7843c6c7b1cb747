import Foundation
import HajunCore
import HajunTestSupport

/// A long-running child process for the alert end-to-end tests: a real receiver (`webhook`,
/// `prometheus-alertmanager`) or `hajund run`, with its output in a file, stoppable by SIGTERM or SIGKILL.
final class AlertProcess: @unchecked Sendable {
    // Used by one test at a time.
    let port: Int
    let logPath: String
    private let process: Process

    private init(port: Int, process: Process, logPath: String) {
        self.port = port
        self.process = process
        self.logPath = logPath
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    /// Starts `executable`; with `readyPath`, waits until `GET readyPath` on `port` answers.
    static func start(
        _ executable: String,
        _ arguments: [String],
        in directory: TemporaryDirectory,
        name: String,
        port: Int = 0,
        readyPath: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> AlertProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw AlertProcessError("\(executable) is not installed (apt-get install webhook prometheus-alertmanager)")
        }
        let logPath = directory.file("\(name).log")
        if !FileManager.default.fileExists(atPath: logPath) {
            FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        if let environment { process.environment = environment }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let child = AlertProcess(port: port, process: process, logPath: logPath)
        guard let readyPath else { return child }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            if let (status, _) = try? await HTTPGet.fetch(child.baseURL + readyPath), status < 500 { return child }
            try await Task.sleep(for: .milliseconds(50))
        }
        child.terminate()
        throw AlertProcessError("\(name) did not come up on port \(port): \(child.output.suffix(2000))")
    }

    /// SIGTERM, and waits; returns the exit status.
    @discardableResult
    func terminate() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, and waits.
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw AlertProcessError("socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw AlertProcessError("bind: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct AlertProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A plain HTTP/1.0 GET over a socket, for readiness checks and Alertmanager's API. It runs on a private serial
/// queue: the width-limited global queue and the cooperative pool may be busy with other tests' blocking work.
enum HTTPGet {
    static func fetch(_ url: String) async throws -> (Int, Data) {
        guard let parsed = URL(string: url), let port = parsed.port else { throw AlertProcessError("bad URL \(url)") }
        let path = parsed.path.isEmpty ? "/" : parsed.path
        let queue = DispatchQueue(label: "http-get")
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try blockingGet(port: port, path: path) }) }
        }
    }

    private static func blockingGet(port: Int, path: String) throws -> (Int, Data) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw AlertProcessError("socket: \(errno)") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw AlertProcessError("connect: \(errno)") }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == request.count else {
            throw AlertProcessError("write: \(errno)")
        }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 { throw AlertProcessError("read: \(errno)") }
            if count == 0 { break }
            response.append(contentsOf: chunk[..<count])
        }
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, response.count - 3)).first(where: { Array(response[$0..<($0 + 4)]) == separator })
        else {
            throw AlertProcessError("no HTTP header in the answer")
        }
        let statusLine = String(decoding: response.prefix(while: { $0 != 13 }), as: UTF8.self)
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, Data(response[(end + 4)...]))
    }
}

/// adnanh's `webhook` with recording hooks (see `start`).
enum WebhookTool {
    /// Hooks under `/hooks/`: `record` checks the HMAC signature against `secret` and appends
    /// "<Idempotency-Key> <alert_id>" to `received.txt`; `flaky` fails with 500 for its first `failures` calls, then
    /// records into `flaky.txt`; `refuse` answers 400.
    static func start(
        in directory: TemporaryDirectory, secret: String, port: Int, failures: Int = 2
    ) async throws -> AlertProcess {
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
        return try await AlertProcess.start(
            "/usr/bin/webhook",
            ["-hooks", directory.file("hooks.json"), "-ip", "127.0.0.1", "-port", "\(port)", "-verbose"],
            in: directory, name: "webhook", port: port, readyPath: "/"
        )
    }

    /// The "<key> <alert id>" lines a recording hook wrote.
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

/// Prometheus Alertmanager with a do-nothing route, its own storage and no clustering.
enum AlertmanagerTool {
    static func start(in directory: TemporaryDirectory) async throws -> AlertProcess {
        try directory.write("alertmanager.yml", "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n")
        try FileManager.default.createDirectory(atPath: directory.file("am-data"), withIntermediateDirectories: true)
        let port = try AlertProcess.freePort()
        return try await AlertProcess.start(
            "/usr/bin/prometheus-alertmanager",
            [
                "--config.file=\(directory.file("alertmanager.yml"))", "--storage.path=\(directory.file("am-data"))",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ],
            in: directory, name: "alertmanager", port: port, readyPath: "/-/ready"
        )
    }

    /// `GET /api/v2/alerts`: what Alertmanager holds as active (resolved alerts are not listed).
    static func alerts(_ manager: AlertProcess) async throws -> [[String: Any]] {
        let (_, data) = try await HTTPGet.fetch(manager.baseURL + "/api/v2/alerts")
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }
}

/// Posts in hajund's JSON Lines report format, appended to a feed file the daemon polls.
enum ReportFeed {
    /// Appends posts dated in March 2022, or now when `recent`.
    static func append(
        _ directory: TemporaryDirectory, file: String = "reports.jsonl", recent: Bool = false,
        _ posts: [(id: Int, text: String)]
    ) throws {
        var text = ""
        for post in posts {
            let seconds = recent ? Int(Date().timeIntervalSince1970) : 1_646_118_000 + post.id * 60
            let date = Timestamp(secondsSince1970: Int64(seconds)).rfc3339
            text +=
                #"{"chat":"hajun_test","message_id":\#(post.id),"date":"\#(date)","text":\#(JSONEscaping.quoted(post.text))}"#
                + "\n"
        }
        let path = directory.file(file)
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }

    /// The events in hajund's log, parsed.
    static func events(_ directory: TemporaryDirectory, log: String = "var/log/events.jsonl") -> [[String: Any]] {
        let text = (try? String(contentsOfFile: directory.file(log), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
    }

    /// The alert ids the log's events promise for `rule`: those that list it in `alerts`.
    static func expectedAlertIDs(_ events: [[String: Any]], rule: String) -> [String] {
        events.compactMap { event in
            guard (event["alerts"] as? [String])?.contains(rule) == true,
                let id = (event["id"] as? String).flatMap({ EventID($0) })
            else { return nil }
            return Alert.id(rule: rule, event: id)
        }
    }
}

enum AlertWait {
    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    static func until(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
