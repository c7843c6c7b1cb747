import Foundation
import HajunTestSupport

/// A loopback port bound but not listening, held until released: connections to it are refused, and no other
/// test's server can take it meanwhile.
final class RefusingPort: @unchecked Sendable {
    // The descriptor is only closed in deinit.
    let port: Int
    private let descriptor: Int32

    init() throws {
        (descriptor, port) = try LoopbackSocket.bind()
    }

    deinit {
        close(descriptor)
    }
}
