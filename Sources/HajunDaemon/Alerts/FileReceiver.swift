import Dispatch
import Foundation
import HajunCore

/// Appends alerts as JSON lines to a local file, fsync'ed before delivery counts as done.
public final class FileReceiver: AlertReceiver, Sendable {
    public let name: String
    public let path: String
    let retry: RetryPolicy
    let timeoutMilliseconds: Int64 = 10_000
    /// Disk writes and fsync block: they run here, not on the cooperative pool or the width-limited global queue.
    private let queue: DispatchQueue

    public init(name: String, path: String, retry: RetryPolicy = RetryPolicy()) {
        self.name = name
        self.path = path
        self.retry = retry
        queue = DispatchQueue(label: "hajund.alerts.file.\(name)")
    }

    func payload(for alert: Alert) -> [UInt8] { alert.encodedLine() }

    func series(for alert: Alert) -> String? { nil }

    func deliver(_ payload: [UInt8], key: String, attempt: Int, timeoutMilliseconds: Int64) async -> DeliveryOutcome {
        await append([payload])
    }

    func deliverAll(_ payloads: [[UInt8]], timeoutMilliseconds: Int64) async -> DeliveryOutcome? {
        await append(payloads)
    }

    /// `deliver(_:)` on the receiver's queue, as one attempt.
    private func append(_ lines: [[UInt8]]) async -> DeliveryOutcome {
        await withCheckedContinuation { continuation in
            queue.async {
                do {
                    try self.deliver(lines)
                    continuation.resume(returning: .delivered)
                } catch {
                    continuation.resume(returning: .retry(reason: "\(error)", afterMilliseconds: nil))
                }
            }
        }
    }

    /// Appends `lines`, each followed by a newline, and fsyncs.
    public func deliver(_ lines: [[UInt8]]) throws {
        guard !lines.isEmpty else { return }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            let reason = (error as NSError).localizedDescription
            throw ReceiverError(
                receiver: name, message: "cannot create the directory \(directory) for \(path): \(reason)")
        }
        var buffer: [UInt8] = []
        for line in lines {
            buffer.append(contentsOf: line)
            buffer.append(UInt8(ascii: "\n"))
        }
        do {
            try AppendOnlyFile.append(buffer, to: path)
        } catch {
            throw ReceiverError(receiver: name, message: error.message)
        }
    }
}

/// A delivery failure, naming the receiver.
public struct ReceiverError: Error, Sendable, CustomStringConvertible {
    public var receiver: String
    public var message: String

    public var description: String { "receiver '\(receiver)': \(message)" }
}
