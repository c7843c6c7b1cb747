import Foundation

/// Runs blocking or CPU-heavy test work on a thread of its own.
///
/// Not the cooperative pool: in-process servers and timers of tests running in parallel need it. Not
/// `DispatchQueue.global()` either: its worker threads are about as many as the cores (two on CI), so a few
/// blocking long polls there hold up every other request of every test.
enum OffPool {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
