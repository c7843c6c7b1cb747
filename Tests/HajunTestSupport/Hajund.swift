import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// stdout split into non-empty lines.
    public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// Runs the built `hajund` binary, the way a user would.
public enum Hajund {
    /// The `hajund` executable that `swift build`/`swift test` produced beside the test bundle.
    public static let path: String = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // The Swift Testing runner lives in .build/<triple>/<config>/, maybe inside a .xctest bundle.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("hajund").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return PackageRoot.path(".build/debug/hajund")
    }()

    /// Runs `hajund ARGUMENTS` to completion, feeding `stdin` if given.
    public static func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> ProcessResult {
        try ChildProcess.run(
            path, arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory)
    }

    /// `run` for async tests: waits on a dispatch thread, so that servers in the same process (whose handlers
    /// need the cooperative pool) keep answering while the child runs.
    public static func launch(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        try run(arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory)
                    })
            }
        }
    }
}

/// Runs any program to completion and collects its output without deadlocking on full pipes.
public enum ChildProcess {
    public static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        let collector = OutputCollector()
        let group = DispatchGroup()
        for (index, pipe) in [outPipe, errPipe].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.set(index, data)
                group.leave()
            }
        }
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: collector.get(0), as: UTF8.self),
            stderr: String(decoding: collector.get(1), as: UTF8.self)
        )
    }
}

private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [Int: Data] = [:]

    func set(_ index: Int, _ data: Data) {
        lock.lock()
        outputs[index] = data
        lock.unlock()
    }

    func get(_ index: Int) -> Data {
        lock.lock()
        defer { lock.unlock() }
        return outputs[index] ?? Data()
    }
}
