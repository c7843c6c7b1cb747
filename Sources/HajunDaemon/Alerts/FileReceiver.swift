import Foundation

/// Appends alerts as JSON lines to a local file, fsync'ed before delivery counts as done.
public final class FileReceiver {
    public let name: String
    public let path: String

    public init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    public func deliver(_ lines: [[UInt8]]) throws {
        guard !lines.isEmpty else { return }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw ReceiverError(receiver: name, message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var buffer: [UInt8] = []
        for line in lines {
            buffer.append(contentsOf: line)
            buffer.append(UInt8(ascii: "\n"))
        }
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReceiverError(receiver: name, message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            throw ReceiverError(receiver: name, message: "cannot fsync \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A delivery failure, naming the receiver.
public struct ReceiverError: Error, Sendable, CustomStringConvertible {
    public var receiver: String
    public var message: String

    public var description: String { "receiver '\(receiver)': \(message)" }
}
