import Foundation

/// Buffers stdout writes into large chunks: replaying a million posts must not make a million write calls.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private let threshold = 1 << 20

    init() {
        buffer.reserveCapacity(threshold + 4096)
    }

    /// Appends one line; writes the buffer out when it is full, unless `flushing` is false (the caller flushes).
    func appendLine(flushing: Bool = true, _ build: (inout [UInt8]) -> Void) {
        build(&buffer)
        buffer.append(UInt8(ascii: "\n"))
        if flushing && buffer.count >= threshold { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return  // stdout closed (e.g. `| head`): nothing more to say
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
