import HajunCore

/// Answers the simulator's HTTP requests: the Bot API under `/bot<token>/`, RSS under `/rss/<channel>`, and
/// `/simulator/status` and `/simulator/truth` for tests and demos; injects faults on request or by schedule.
struct SimulatorRouter: Sendable {
    let configuration: SimulatorServer.Configuration
    let store: UpdateStore
    let faults: FaultInjector
    let botAPI: BotAPIMethods

    init(configuration: SimulatorServer.Configuration, store: UpdateStore, faults: FaultInjector) {
        self.configuration = configuration
        self.store = store
        self.faults = faults
        botAPI = BotAPIMethods(configuration: configuration, store: store)
    }

    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPReply {
        let path = request.path
        var scopes: Set<FaultRule.Scope> = [.all]
        if path.hasPrefix("/bot") {
            scopes.insert(.botAPI)
            if path.lowercased().hasSuffix("/getupdates") { scopes.insert(.getUpdates) }
        } else if path.hasPrefix("/rss/") {
            scopes.insert(.rss)
        }
        var fault: Fault?
        if let requested = request.headers["x-simulator-fault"] ?? queryValue(request.query, "simulator_fault") {
            guard let parsed = Fault(parsing: requested) else {
                return .json(BotAPIError.badRequest("unknown simulator fault '\(requested)'").body, status: 400)
            }
            fault = parsed
        } else if !path.hasPrefix("/simulator/") {
            fault = await faults.fault(for: scopes)
        }
        switch fault {
        case .serverError(let status)?: return SimulatorRouter.serverError(status)
        case .tooManyRequests(let seconds)?:
            let error = BotAPIError(
                code: 429, description: "Too Many Requests: retry after \(seconds)", retryAfter: seconds)
            var reply = SimulatorHTTPReply.json(error.body, status: 429)
            reply.headers.append(("Retry-After", String(seconds)))
            return reply
        case .slow(let milliseconds)?:
            try? await Task.sleep(nanoseconds: UInt64(milliseconds) * 1_000_000)
        default:
            break
        }
        var reply = await route(request)
        switch fault {
        case .truncated?: reply.body = Array(reply.body.prefix(reply.body.count / 2))
        case .malformed?: reply.body = SimulatorRouter.malformed(reply.body)
        case .disconnect?: reply.disconnectAfter = reply.body.count / 2
        default: break
        }
        return reply
    }

    private func route(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPReply {
        let path = request.path
        if path.hasPrefix("/bot") {
            let rest = path.dropFirst(4)
            guard let slash = rest.firstIndex(of: "/") else { return .json(BotAPIError.notFound.body, status: 404) }
            return await botAPI.call(
                token: String(rest[..<slash]), method: String(rest[rest.index(after: slash)...]), request)
        }
        if path.hasPrefix("/rss/") {
            var name = String(path.dropFirst(5))
            if name.hasSuffix(".xml") { name.removeLast(4) }
            guard let channel = configuration.channels.first(where: { $0.username == name }) else {
                return .text("unknown channel '\(name)'\n", status: 404)
            }
            let posts = await store.channelPosts(channel.username)
            let feed = RSSEncoding.feed(channel: channel, posts: posts, limit: configuration.rssItemLimit)
            return SimulatorHTTPReply(
                status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: feed)
        }
        switch path {
        case "/simulator/status": return .json(await status())
        case "/simulator/truth":
            var body: [UInt8] = []
            for post in await store.releasedPosts { body.append(contentsOf: TruthEncoding.line(post)) }
            return SimulatorHTTPReply(status: 200, headers: [("Content-Type", "application/x-ndjson")], body: body)
        case "/", "":
            var text = "hajund simulator: Telegram Bot API at /bot<token>/getUpdates, RSS at /rss/<channel>\nchannels:"
            for channel in configuration.channels { text += " " + channel.username }
            return .text(text + "\n", status: 200)
        default:
            return .text("not found\n", status: 404)
        }
    }

    private func status() async -> [UInt8] {
        var json = JSONOutput()
        json.beginObject()
        json.field("posts_released", await store.releasedPostCount)
        json.field("updates_pending", await store.pendingCount)
        json.field("exhausted", await store.isExhausted)
        json.key("faults_injected")
        json.beginObject()
        for (fault, count) in await faults.injected.sorted(by: { $0.key < $1.key }) { json.field(fault, count) }
        json.endObject()
        json.endObject()
        return json.bytes
    }

    /// 500 as Telegram's own JSON error; 502–504 as the HTML page of the proxy in front of it.
    static func serverError(_ status: Int) -> SimulatorHTTPReply {
        guard status != 500 else {
            return .json(BotAPIError(code: 500, description: "Internal Server Error").body, status: 500)
        }
        let reason =
            [502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Time-out"][status] ?? "Server Error"
        let html =
            "<html>\r\n<head><title>\(status) \(reason)</title></head>\r\n<body>\r\n<center><h1>\(status) \(reason)"
            + "</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"
        return SimulatorHTTPReply(status: status, headers: [("Content-Type", "text/html")], body: Array(html.utf8))
    }

    /// The body with its structure broken early on: JSON gets `=` for its first `:`, XML a mismatched tag.
    static func malformed(_ body: [UInt8]) -> [UInt8] {
        var broken = body
        if let colon = broken.firstIndex(of: UInt8(ascii: ":")), broken.first == UInt8(ascii: "{") {
            broken[colon] = UInt8(ascii: "=")
            return broken
        }
        if let close = broken.firstIndex(of: UInt8(ascii: ">")) {
            broken.insert(contentsOf: Array("<unclosed attr=\"".utf8), at: close + 1)
            return broken
        }
        return Array("{\"ok\":true,\"result\":[".utf8) + body
    }

    private func queryValue(_ query: String, _ name: String) -> String? {
        BotAPIParameters.formPairs(query).first { $0.0 == name }?.1
    }
}
