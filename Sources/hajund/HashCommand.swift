import ArgumentParser
import Foundation
import HajunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hajund hash FILE...`: XXH3-64 (seed 0) of each file, printed exactly as `xxhsum -H3` (xxHash 0.8) prints it,
/// so that `xxhsum -c` verifies the output.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the XXH3-64 hash of files in the format of `xxhsum -H3`.",
        discussion: """
            One line per file: `XXH3 (FILE) = <16 hex digits>`; `-`, or no file at all, reads standard input and \
            prints it as `stdin`. `xxhsum -c` verifies the output. A file that cannot be read is reported on \
            stderr as xxhsum reports it; the others are still hashed, and the exit status is 1.
            """
    )

    @Argument(help: "Files to hash; '-' reads standard input.")
    var files: [String] = []

    func run() throws {
        var failed = false
        var output = ""
        for file in files.isEmpty ? ["-"] : files {
            switch Self.contents(of: file) {
            case .success(let bytes):
                let name = file == "-" ? "stdin" : file
                output += "XXH3 (\(name)) = \(XXH3.hash64(bytes).hex16)\n"
            case .failure(let problem):
                // Keep stdout and stderr in order for a reader of both, as xxhsum does.
                Self.emit(output, to: STDOUT_FILENO)
                output = ""
                Self.emit(problem.message + "\n", to: STDERR_FILENO)
                failed = true
            }
        }
        Self.emit(output, to: STDOUT_FILENO)
        if failed { throw ExitCode(1) }
    }

    /// A file that could not be hashed, with xxhsum's wording (including its trailing space).
    struct Problem: Error {
        var message: String
    }

    /// The whole file (or standard input for `-`).
    static func contents(of path: String) -> Result<[UInt8], Problem> {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return .failure(Problem(message: "Error: Could not open '\(path)': \(String(cString: strerror(errno))). "))
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(Problem(message: "hajund: \(path): Is a directory "))
        }
        var bytes: [UInt8] = []
        if status.st_size > 0 { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(
                    Problem(message: "Error: Could not read '\(path)': \(String(cString: strerror(errno))). "))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .success(bytes)
    }

    static func emit(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
