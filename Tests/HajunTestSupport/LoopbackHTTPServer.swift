import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A real HTTP server on 127.0.0.1 (Hummingbird, ephemeral port) whose answers a test scripts with a closure.
public final class LoopbackHTTPServer: Sendable {
    /// A request as the server saw it.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: String
        /// Header values by lowercased name.
        public var headers: [String: String]
        public var body: [UInt8]
    }

    /// What to answer.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public init(status: Int = 200, headers: [(String, String)] = [], text: String) {
            self.init(status: status, headers: headers, body: Array(text.utf8))
        }
    }

    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// `http://127.0.0.1:<port>`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server and returns once it accepts connections.
    public static func start(_ handler: @escaping @Sendable (Request) async -> Reply) async throws -> LoopbackHTTPServer
    {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = try await request.body.collect(upTo: 256 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let reply = await handler(
                Request(
                    method: request.method.rawValue,
                    path: request.uri.path,
                    query: request.uri.query ?? "",
                    headers: headers,
                    body: Array(buffer: body)
                )
            )
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            return Response(
                status: .init(code: reply.status),
                headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
            )
        }
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "loopback")
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        // Stopped by a graceful shutdown, not by cancelling the serving task: a cancellation can drop a connection
        // that was accepted but not yet served, and NIO traps on it ("Deinited NIOAsyncWriter without calling
        // finish()", apple/swift-nio#3481), taking the whole test process down.
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task { try await group.run() }
        var port = 0
        for await value in portStream {
            port = value
            break
        }
        return LoopbackHTTPServer(port: port, group: group, task: task)
    }

    /// Stops accepting, lets the requests in progress finish for up to two seconds, then cancels what is left.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await GracefulStop.wait(for: task, atMost: .seconds(2))
    }
}
