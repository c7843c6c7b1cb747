import Foundation
import HajunCore

/// Buffers stdout writes into large chunks: replaying a million posts must not make a million write calls.
///
/// The buffer is plain memory rather than an `[UInt8]` so that a line can be written straight into it through a
/// pointer (`appendLine(maxBytes:flushing:_:)`), without a capacity check for every piece of the line.
final class BufferedOutput {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let threshold = 1 << 20

    init() {
        capacity = threshold + (64 << 10)
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Appends one line that `write` writes to the pointer it gets, using at most `maxBytes` bytes, and returning
    /// how many it wrote. Writes the buffer out when it is full, unless `flushing` is false (the caller flushes;
    /// the buffer then grows as needed).
    func appendLine(maxBytes: Int, flushing: Bool = true, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        makeRoom(for: maxBytes + 1, flushing: flushing)
        endLine(written: write(storage + count), maxBytes: maxBytes, flushing: flushing)
    }

    /// Appends `event` as one JSON line (`EventEncoder`). The event is borrowed: a closure handed to
    /// `appendLine(maxBytes:flushing:_:)` would capture a copy of it, a retain and a release for every field.
    func appendEvent(_ event: borrowing Event, flushing: Bool = true) {
        let maxBytes = EventEncoder.encodedLengthBound(event)
        makeRoom(for: maxBytes + 1, flushing: flushing)
        endLine(written: EventEncoder.encode(event, to: storage + count), maxBytes: maxBytes, flushing: flushing)
    }

    private func endLine(written: Int, maxBytes: Int, flushing: Bool) {
        precondition(written <= maxBytes, "a line wrote \(written) bytes, more than the \(maxBytes) it reserved")
        count += written
        storage[count] = UInt8(ascii: "\n")
        count += 1
        if flushing && count >= threshold { flush() }
    }

    /// Appends one line built in an array (for callers without a bound on the line's length).
    func appendLine(flushing: Bool = true, _ build: (inout [UInt8]) -> Void) {
        var line: [UInt8] = []
        build(&line)
        appendLine(maxBytes: line.count, flushing: flushing) { destination in
            line.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { destination.update(from: base, count: source.count) }
            }
            return line.count
        }
    }

    func flush() {
        var offset = 0
        while offset < count {
            let written = write(STDOUT_FILENO, storage + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                break  // stdout closed (e.g. `| head`): nothing more to say
            }
            offset += written
        }
        count = 0
    }

    private func makeRoom(for bytes: Int, flushing: Bool) {
        guard count + bytes > capacity else { return }
        if flushing { flush() }
        guard count + bytes > capacity else { return }
        let grown = max(capacity * 2, count + bytes)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = grown
    }
}
