import Foundation

/// Writes a file through a large buffer; `close()` flushes, fsyncs and renames into place, so that a reader never
/// sees half a corpus.
final class BufferedFile {
    private let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".partial"
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
            throw SimulatorError.cannotWrite(path: temporaryPath)
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
        buffer.reserveCapacity(BufferedFile.flushSize + 65_536)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= BufferedFile.flushSize { try flush() }
    }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    func close() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
