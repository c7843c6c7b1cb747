import Foundation

/// A long-running child process for the alert end-to-end tests: a real receiver (`webhook`,
/// `prometheus-alertmanager`) or `hajund run`, with its output in a file, stoppable by SIGTERM or SIGKILL. Its
/// readiness check and `HTTPGet` use plain sockets on private queues, so a busy test process cannot starve them.
public final class ServiceProcess: @unchecked Sendable {
    // Used by one test at a time.
    public let port: Int
    public let logPath: String
    private let process: Process

    private init(port: Int, process: Process, logPath: String) {
        self.port = port
        self.process = process
        self.logPath = logPath
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    /// Starts `executable`; with `readyPath`, waits until `GET readyPath` on `port` answers.
    public static func start(
        _ executable: String,
        _ arguments: [String],
        in directory: TemporaryDirectory,
        name: String,
        port: Int = 0,
        readyPath: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> ServiceProcess {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ServiceProcessError(
                "\(executable) is not installed (apt-get install webhook prometheus-alertmanager)")
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
        let child = ServiceProcess(port: port, process: process, logPath: logPath)
        guard let readyPath else { return child }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            if let (status, _) = try? await HTTPGet.fetch(child.baseURL + readyPath), status < 500 { return child }
            try await Task.sleep(for: .milliseconds(50))
        }
        child.terminate()
        throw ServiceProcessError("\(name) did not come up on port \(port): \(child.output.suffix(2000))")
    }

    /// SIGTERM, and waits; returns the exit status.
    @discardableResult
    public func terminate() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, and waits.
    public func kill9() {
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
    public static func freePort() throws -> Int {
        let (descriptor, port) = try LoopbackSocket.bind()
        close(descriptor)
        return port
    }
}

/// Why a service could not be started or reached.
public struct ServiceProcessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
