/// The `server:` section: how the daemon schedules polls, when it calls a feed failing or silent, and the optional
/// HTTP listener for `/metrics` and `/healthz` (`docs/operations.md`).
///
/// ```yaml
/// server:
///   http: { listen: 127.0.0.1:9464 }
///   jitter: 0.1
///   max_backoff: 15m
///   silent_after: 6h
///   failing_after: 10m
///   trim_memory: 5m
/// ```
public struct ServerConfiguration: Sendable, Hashable {
    /// Where the HTTP listener binds.
    public struct Listen: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// The metrics and health listener; nil when the section has no `http`.
    public var listen: Listen?
    /// Each wait between polls is the interval (or back-off) times a random factor in `1 ± jitter`, so that feeds
    /// configured alike do not poll in step.
    public var jitter: Double
    /// The longest wait after repeated failures (the back-off doubles from the feed's interval up to this).
    public var maxBackoffMilliseconds: Int64
    /// A feed that polls fine but has given no new post for this long is `silent`; 0 never calls a feed silent.
    /// A feed may override it.
    public var silentAfterMilliseconds: Int64
    /// `/healthz` fails while a feed has been failing for longer than this.
    public var failingAfterMilliseconds: Int64
    /// How often the daemon gives back code pages and free heap it does not use while idle (`WorkingSetTrimmer`);
    /// the first trim comes 30 s after start, or after this when it is shorter. 0 never trims.
    public var trimMemoryMilliseconds: Int64

    public init(
        listen: Listen? = nil,
        jitter: Double = 0.1,
        maxBackoffMilliseconds: Int64 = 15 * 60_000,
        silentAfterMilliseconds: Int64 = 6 * 3_600_000,
        failingAfterMilliseconds: Int64 = 10 * 60_000,
        trimMemoryMilliseconds: Int64 = 5 * 60_000
    ) {
        self.listen = listen
        self.jitter = jitter
        self.maxBackoffMilliseconds = maxBackoffMilliseconds
        self.silentAfterMilliseconds = silentAfterMilliseconds
        self.failingAfterMilliseconds = failingAfterMilliseconds
        self.trimMemoryMilliseconds = trimMemoryMilliseconds
    }

    static let keys: Set<String> = [
        "http", "jitter", "max_backoff", "silent_after", "failing_after", "trim_memory",
    ]

    init(from node: ConfigNode?) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(allowedKeys: Self.keys)
        if let http = map.optional("http") {
            let httpMap = try http.mapping(allowedKeys: ["listen"])
            if let value = httpMap.optional("listen") { listen = try Self.listen(from: value) }
        }
        if let value = map.optional("jitter") {
            jitter = try value.double()
            guard jitter >= 0, jitter <= 0.5 else { throw value.error("must be between 0 and 0.5") }
        }
        if let value = map.optional("max_backoff") {
            maxBackoffMilliseconds = try value.durationMilliseconds()
            guard maxBackoffMilliseconds >= 1000 else { throw value.error("must be at least 1s") }
        }
        if let value = map.optional("silent_after") { silentAfterMilliseconds = try value.durationMilliseconds() }
        if let value = map.optional("failing_after") { failingAfterMilliseconds = try value.durationMilliseconds() }
        if let value = map.optional("trim_memory") {
            trimMemoryMilliseconds = try value.durationMilliseconds()
            guard trimMemoryMilliseconds == 0 || trimMemoryMilliseconds >= 1000 else {
                throw value.error("must be 0 (never) or at least 1s")
            }
        }
    }

    /// `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464` or a bare port (which binds to 127.0.0.1).
    static func listen(from node: ConfigNode) throws -> Listen {
        let text: String
        if let port = try? node.int() {
            text = String(port)
        } else {
            text = try node.string()
        }
        let host: String
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw node.error("expected [ADDRESS]:PORT, not '\(text)'")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        } else {
            host = "127.0.0.1"
            portText = Substring(text)
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else {
            throw node.error("expected HOST:PORT such as 127.0.0.1:9464, not '\(text)'")
        }
        return Listen(host: host, port: port)
    }
}
