import HajunCore

/// One feed to poll: a file, a directory of files, or an HTTP(S) URL.
public struct FeedConfiguration: Sendable, Hashable {
    public enum Location: Sendable, Hashable {
        /// A file or a directory of files (resolved to an absolute path).
        case path(String)
        /// An http or https URL (may carry a bot token: never print it unredacted). Before `hajund run` starts the
        /// in-process simulator, `simulator:/PATH` stands for its loopback address (`HajunConfiguration.simulator`).
        case url(String)
    }

    public var name: String
    public var location: Location
    public var format: FeedFormat
    public var intervalMilliseconds: Int64
    public var enabled: Bool
    /// Bot API feeds: how long one `getUpdates` may wait for new updates on the server (`timeout`); 0 polls
    /// without waiting.
    public var longPollMilliseconds: Int64
    /// Overrides `server.silent_after` for this feed (a quiet channel may legitimately post once a day).
    public var silentAfterMilliseconds: Int64?

    public init(
        name: String,
        location: Location,
        format: FeedFormat = .auto,
        intervalMilliseconds: Int64 = 60_000,
        enabled: Bool = true,
        longPollMilliseconds: Int64 = 0,
        silentAfterMilliseconds: Int64? = nil
    ) {
        self.name = name
        self.location = location
        self.format = format
        self.intervalMilliseconds = intervalMilliseconds
        self.enabled = enabled
        self.longPollMilliseconds = longPollMilliseconds
        self.silentAfterMilliseconds = silentAfterMilliseconds
    }

    /// Whether this feed polls the in-process simulator (a `simulator:/PATH` URL not yet bound to its port).
    public var usesSimulator: Bool {
        if case .url(let url) = location { return url.lowercased().hasPrefix(SimulatorConfiguration.scheme) }
        return false
    }

    static let keys: Set<String> = [
        "name", "path", "url", "format", "interval", "enabled", "long_poll", "silent_after",
    ]

    init(from node: ConfigNode, baseDirectory: String) throws {
        let map = try node.mapping(allowedKeys: Self.keys)
        name = try map.required("name").string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw try map.required("name").error("feed names use letters, digits, '-', '_' and '.' only")
        }
        switch (map.optional("path"), map.optional("url")) {
        case (let path?, nil):
            location = .path(ConfigPaths.resolve(try path.string(), against: baseDirectory))
        case (nil, let url?):
            let text = try url.string()
            let lowered = text.lowercased()
            let isSimulator = lowered.hasPrefix(SimulatorConfiguration.scheme + "/")
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || isSimulator else {
                throw url.error("only http and https URLs are allowed (and simulator:/PATH for the simulator section)")
            }
            location = .url(text)
        case (.some, .some):
            throw node.error("give either 'path' or 'url', not both")
        case (nil, nil):
            throw node.error("a feed needs 'path' (a file or directory) or 'url'")
        }
        format = try map.optional("format")?.choice(FeedFormat.self) ?? .auto
        intervalMilliseconds = try map.optional("interval")?.durationMilliseconds() ?? 60_000
        guard intervalMilliseconds >= 100 else { throw try map.required("interval").error("must be at least 100ms") }
        enabled = try map.optional("enabled")?.bool() ?? true
        longPollMilliseconds = 0
        if let value = map.optional("long_poll") {
            guard case .url = location, format == .telegramBotAPI else {
                throw value.error("long polling is for Bot API feeds over HTTP (url with format: telegram-bot-api)")
            }
            longPollMilliseconds = try value.durationMilliseconds()
            guard longPollMilliseconds <= 600_000 else { throw value.error("must be at most 10m") }
        }
        silentAfterMilliseconds = try map.optional("silent_after")?.durationMilliseconds()
    }
}
