import HTTPTypes
import HajunCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A loopback server that plays simulated channels as the Telegram Bot API (`/bot<token>/getUpdates` and friends)
/// and as RSSHub-style RSS feeds (`/rss/<channel>`), with fault injection. Embed it in tests and demos:
///
/// ```swift
/// let server = try await SimulatorServer.start(.init(posts: 500))
/// // poll server.getUpdatesURL …
/// await server.stop()
/// ```
public final class SimulatorServer: Sendable {
    /// A token of the right shape that the simulator accepts by default. It is not a secret.
    public static let defaultToken = "5000000001:AAHajunSimulatorDemoTokenNotASecret0"

    public let configuration: Configuration
    /// The port the server listens on (the real one when the configuration asked for 0).
    public let port: Int
    private let store: UpdateStore
    private let faults: FaultInjector
    private let serverGroup: ServiceGroup
    private let serverTask: Task<Void, any Error>
    private let feederTask: Task<Void, Never>?

    private init(
        configuration: Configuration,
        port: Int,
        store: UpdateStore,
        faults: FaultInjector,
        serverGroup: ServiceGroup,
        serverTask: Task<Void, any Error>,
        feederTask: Task<Void, Never>?
    ) {
        self.configuration = configuration
        self.port = port
        self.store = store
        self.faults = faults
        self.serverGroup = serverGroup
        self.serverTask = serverTask
        self.feederTask = feederTask
    }

    /// Starts the server on 127.0.0.1 and returns once it accepts connections. With the `unlimited` rate every
    /// post is published before this returns; with a paced rate the initial burst is, and the rest follows.
    public static func start(_ configuration: Configuration) async throws -> SimulatorServer {
        let configuration = try configuration.validated()
        let now = WallClock.now
        let store = UpdateStore(corpus: configuration.corpus(now: now))
        let faults = FaultInjector(rules: configuration.faults, seed: configuration.seed)
        switch configuration.rate {
        case .unlimited: await store.release(Int.max)
        case .manual: break
        case .postsPerSecond: await store.release(configuration.initialBurst, wallClock: now)
        }
        let router = SimulatorRouter(configuration: configuration, store: store, faults: faults)
        let (serverGroup, serverTask, port) = try await serve(router, port: configuration.port)
        var feederTask: Task<Void, Never>?
        if case .postsPerSecond(let rate) = configuration.rate {
            let speed = rate / (configuration.postsPerDay / 86_400)
            feederTask = Task { await pace(store, speed: speed) }
        }
        return SimulatorServer(
            configuration: configuration, port: port, store: store, faults: faults, serverGroup: serverGroup,
            serverTask: serverTask, feederTask: feederTask
        )
    }

    /// `http://127.0.0.1:<port>`
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// `http://127.0.0.1:<port>/bot<token>`: the base URL bot libraries take (python-telegram-bot wants it
    /// without the token: `baseURL + "/bot"`).
    public var botAPIURL: String { baseURL + "/bot" + configuration.token }
    /// The `getUpdates` URL for a hajund feed.
    public var getUpdatesURL: String { botAPIURL + "/getUpdates" }

    /// The RSS feed of one channel.
    public func rssURL(channel: String) -> String { baseURL + "/rss/" + channel }

    /// Publishes up to `count` more posts or edits now (any rate; the way to drive the `manual` rate).
    /// Returns how many were published.
    @discardableResult
    public func release(_ count: Int) async -> Int {
        await store.release(count, wallClock: configuration.rate == .manual ? nil : WallClock.now)
    }

    /// Makes the next requests in `scope` fail with these faults, one request each, before any configured rule.
    public func injectFaults(_ faults: [Fault], scope: FaultRule.Scope = .all) async {
        await self.faults.enqueue(faults, scope: scope)
    }

    /// Every post and edit published so far, in publication order, with its ground truth.
    public func publishedPosts() async -> [SimulatedPost] {
        await store.releasedPosts
    }

    /// Posts published so far (edits not counted).
    public func publishedPostCount() async -> Int {
        await store.releasedPostCount
    }

    /// Whether every post of a finite corpus has been published.
    public func isExhausted() async -> Bool {
        await store.isExhausted
    }

    /// Updates published and not yet confirmed by a `getUpdates` offset.
    public func pendingUpdateCount() async -> Int {
        await store.pendingCount
    }

    /// Stops publishing, ends long polls, and shuts the HTTP server down.
    public func stop() async {
        feederTask?.cancel()
        await feederTask?.value
        await store.shutDown()
        // A graceful shutdown, not a cancellation of the serving task: cancelling can drop a connection that was
        // accepted but not yet served, and NIO traps on it ("Deinited NIOAsyncWriter without calling finish()",
        // apple/swift-nio#3481). What is still running after two seconds is cancelled: by then the listener is
        // closed and every accepted connection is being served.
        await serverGroup.triggerGracefulShutdown()
        await withTaskGroup(of: Void.self) { children in
            children.addTask { [serverTask] in _ = await serverTask.result }
            children.addTask { [serverTask] in
                try? await Task.sleep(for: .seconds(2))
                if !Task.isCancelled { serverTask.cancel() }
            }
            await children.next()
            children.cancelAll()
        }
        _ = await serverTask.result
    }

    // MARK: - Private

    private static func pace(_ store: UpdateStore, speed: Double) async {
        guard let anchor = await store.upcomingTime else { return }
        let wallAnchor = WallClock.now
        while !Task.isCancelled {
            let now = WallClock.now
            guard let next = await store.releaseDue(now: now, anchor: anchor, wallAnchor: wallAnchor, speed: speed)
            else {
                return
            }
            let wait = min(500, max(5, next.millisecondsSince1970 - WallClock.now.millisecondsSince1970))
            try? await Task.sleep(nanoseconds: UInt64(wait) * 1_000_000)
        }
    }

    private static func serve(
        _ router: SimulatorRouter, port: Int
    ) async throws -> (ServiceGroup, Task<Void, any Error>, Int) {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = try await request.body.collect(upTo: 64 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let reply = await router.handle(
                SimulatorHTTPRequest(
                    method: request.method.rawValue,
                    path: request.uri.path,
                    query: request.uri.query ?? "",
                    headers: headers,
                    body: Array(buffer: body)
                )
            )
            return response(for: reply)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "hajund-simulator")
        logger.logLevel = .critical
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var boundPort: Int?
        for await value in ports {
            boundPort = value
            break
        }
        guard let boundPort, boundPort > 0 else {
            task.cancel()
            if case .failure(let error) = await task.result { throw error }
            throw SimulatorError.invalidConfiguration("the server could not listen on 127.0.0.1:\(port)")
        }
        return (group, task, boundPort)
    }

    private static func response(for reply: SimulatorHTTPReply) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let bytes = reply.body
        let body: ResponseBody
        if let cut = reply.disconnectAfter {
            body = ResponseBody(contentLength: bytes.count) { writer in
                try await writer.write(ByteBuffer(bytes: bytes.prefix(cut)))
                throw SimulatedDisconnect()
            }
        } else {
            body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        }
        return Response(status: .init(code: reply.status), headers: fields, body: body)
    }
}

/// Thrown mid-body to make the HTTP server drop the connection.
struct SimulatedDisconnect: Error {}
