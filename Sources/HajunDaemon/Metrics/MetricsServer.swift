import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The optional HTTP listener (`server.http.listen`, loopback by default): `GET /metrics` in the Prometheus text
/// format and `GET /healthz` (200 healthy, 503 not, with a JSON body saying why). Nothing else is served.
public final class MetricsServer: Sendable {
    /// The port actually bound (useful when the configuration asked for 0).
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Binds and starts serving; returns once the socket accepts connections, or throws if it cannot bind.
    public static func start(
        listen: ServerConfiguration.Listen,
        metrics: DaemonMetrics,
        health: HealthBoard,
        logger: Logger
    ) async throws -> MetricsServer {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            let text = metrics.exposition()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("healthz") { _, _ -> Response in
            let verdict = health.verdict()
            return Response(
                status: verdict.healthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: verdict.body))
            )
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var serverLogger = logger
        serverLogger.logLevel = .warning
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: serverLogger
        )
        // A service group of its own (no signals: the daemon handles those), so that stopping is a graceful
        // shutdown rather than a cancellation.
        let group = ServiceGroup(configuration: .init(services: [application], logger: serverLogger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var bound: Int?
        for await port in ports {
            bound = port
            break
        }
        guard let bound, bound > 0 else {
            task.cancel()
            if case .failure(let error) = await task.result {
                throw MetricsServerError(listen: listen, reason: "\(error)")
            }
            throw MetricsServerError(listen: listen, reason: "the listener did not start")
        }
        return MetricsServer(port: bound, group: group, task: task)
    }

    /// Stops accepting connections and waits for the listener to close.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The metrics listener could not bind.
public struct MetricsServerError: Error, CustomStringConvertible {
    public var listen: ServerConfiguration.Listen
    public var reason: String

    public var description: String { "cannot listen on \(listen) for /metrics and /healthz: \(reason)" }
}
