/// Where alerts go (`docs/alerts.md`).
public struct ReceiverConfiguration: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A local JSON-lines file.
        case file
        /// A generic JSON webhook: one alert per POST, HMAC-SHA256 signed, with an idempotency key.
        case webhook
        /// Prometheus Alertmanager's `POST /api/v2/alerts`.
        case alertmanager
        /// A Slack-compatible incoming webhook (`{"text": …}`).
        case slack
        /// Telegram Bot API `sendMessage`.
        case telegram
    }

    public var name: String
    public var kind: Kind
    /// The file for `file` receivers (absolute).
    public var path: String?
    /// The endpoint: the webhook URL, Alertmanager's base URL, or Slack's incoming-webhook URL (often a secret).
    public var url: SecretReference?
    /// webhook: the HMAC-SHA256 key for the `X-Hajund-Signature` header.
    public var secret: SecretReference?
    /// webhook: extra request headers (values may be secrets).
    public var headers: [String: SecretReference]
    /// telegram: the bot token.
    public var token: SecretReference?
    /// telegram: the chat to post to (`-100…` or `@channel`).
    public var chatID: String?
    /// telegram: the Bot API base URL.
    public var apiURL: String
    /// alertmanager: labels added to every alert.
    public var labels: [String: String]
    /// alertmanager: how often an active alert is sent again.
    public var resendMilliseconds: Int64
    /// alertmanager: how long an `any` or `corroborated` alert stays active.
    public var holdMilliseconds: Int64
    /// One delivery attempt's time limit.
    public var timeoutMilliseconds: Int64
    public var retry: RetryPolicy

    public init(
        name: String,
        kind: Kind,
        path: String? = nil,
        url: SecretReference? = nil,
        secret: SecretReference? = nil,
        headers: [String: SecretReference] = [:],
        token: SecretReference? = nil,
        chatID: String? = nil,
        apiURL: String = "https://api.telegram.org",
        labels: [String: String] = [:],
        resendMilliseconds: Int64 = 60_000,
        holdMilliseconds: Int64 = 3_600_000,
        timeoutMilliseconds: Int64 = 10_000,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.name = name
        self.kind = kind
        self.path = path
        self.url = url
        self.secret = secret
        self.headers = headers
        self.token = token
        self.chatID = chatID
        self.apiURL = apiURL
        self.labels = labels
        self.resendMilliseconds = resendMilliseconds
        self.holdMilliseconds = holdMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.retry = retry
    }

    /// The keys each kind accepts besides `name`, `type`, `timeout` and `retry`.
    private static let kindKeys: [Kind: Set<String>] = [
        .file: ["path"],
        .webhook: ["url", "secret", "headers"],
        .alertmanager: ["url", "labels", "resend", "hold"],
        .slack: ["url"],
        .telegram: ["token", "chat_id", "api_url"],
    ]

    init(from node: ConfigNode, baseDirectory: String) throws {
        let all = Self.kindKeys.values.reduce(into: Set(["name", "type", "timeout", "retry"])) { $0.formUnion($1) }
        let map = try node.mapping(allowedKeys: all)
        name = try map.required("name").string()
        kind = try map.required("type").choice(Kind.self)
        for (key, value) in map.entries where !["name", "type", "timeout", "retry"].contains(key) {
            guard Self.kindKeys[kind]!.contains(key) else {
                throw value.error(
                    "'\(key)' does not apply to \(kind.rawValue) receivers "
                        + "(they take: \(Self.kindKeys[kind]!.sorted().joined(separator: ", ")))"
                )
            }
        }
        path = try map.optional("path").map { ConfigPaths.resolve(try $0.string(), against: baseDirectory) }
        url = try map.optional("url").map { try SecretReference(from: $0, baseDirectory: baseDirectory) }
        secret = try map.optional("secret").map { try SecretReference(from: $0, baseDirectory: baseDirectory) }
        token = try map.optional("token").map { try SecretReference(from: $0, baseDirectory: baseDirectory) }
        chatID = try map.optional("chat_id")?.string()
        apiURL = try map.optional("api_url")?.string() ?? "https://api.telegram.org"
        headers = [:]
        for (key, value) in try map.optional("headers")?.anyMapping().entries ?? [] {
            headers[key] = try SecretReference(from: value, baseDirectory: baseDirectory)
        }
        labels = [:]
        for (key, value) in try map.optional("labels")?.anyMapping().entries ?? [] {
            guard Self.isLabelName(key) else { throw value.error("'\(key)' is not a valid Alertmanager label name") }
            labels[key] = try value.string()
        }
        resendMilliseconds = try map.optional("resend")?.durationMilliseconds() ?? 60_000
        holdMilliseconds = try map.optional("hold")?.durationMilliseconds() ?? 3_600_000
        timeoutMilliseconds = try map.optional("timeout")?.durationMilliseconds() ?? 10_000
        retry = try Self.retry(from: map.optional("retry"))
        switch kind {
        case .file:
            _ = try map.required("path")
        case .webhook, .alertmanager, .slack:
            let node = try map.required("url")
            if case .literal(let text) = url?.source { try Self.checkURL(text, node) }
        case .telegram:
            _ = try map.required("token")
            _ = try map.required("chat_id")
            try Self.checkURL(apiURL, map.optional("api_url") ?? node)
        }
        guard resendMilliseconds >= 1000 else { throw map.optional("resend")!.error("must be at least 1s") }
        guard timeoutMilliseconds >= 100 else { throw map.optional("timeout")!.error("must be at least 100ms") }
    }

    private static func retry(from node: ConfigNode?) throws -> RetryPolicy {
        guard let node else { return RetryPolicy() }
        let map = try node.mapping(allowedKeys: ["initial", "max", "for"])
        let defaults = RetryPolicy()
        let policy = RetryPolicy(
            initialMilliseconds: try map.optional("initial")?.durationMilliseconds() ?? defaults.initialMilliseconds,
            maximumMilliseconds: try map.optional("max")?.durationMilliseconds() ?? defaults.maximumMilliseconds,
            horizonMilliseconds: try map.optional("for")?.durationMilliseconds() ?? defaults.horizonMilliseconds
        )
        if let value = map.optional("initial"), try value.durationMilliseconds() == 0 {
            throw value.error("must be more than 0")
        }
        return policy
    }

    private static func checkURL(_ text: String, _ node: ConfigNode) throws {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw node.error("expected an http:// or https:// URL")
        }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }
}
