import HajunCore
import HajunHTTP

/// Sizes, times and redirects hajund accepts from the outside world.
public struct LimitsConfiguration: Sendable, Hashable {
    public var feed: FeedLimits
    public var http: HTTPClientOptions

    public init(feed: FeedLimits = .default, http: HTTPClientOptions = HTTPClientOptions()) {
        self.feed = feed
        self.http = http
    }

    static let keys: Set<String> = [
        "max_post_bytes", "max_response_bytes", "connect_timeout", "request_timeout", "max_redirects", "ca_file",
        "proxy", "user_agent",
    ]

    static let proxySchemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    init(from node: ConfigNode?, baseDirectory: String) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(allowedKeys: Self.keys)
        if let value = map.optional("max_post_bytes") { feed.maxPostBytes = Int(try value.byteSize()) }
        if let value = map.optional("max_response_bytes") { http.maxResponseBytes = Int(try value.byteSize()) }
        if let value = map.optional("connect_timeout") {
            http.connectTimeoutMilliseconds = Int(try value.durationMilliseconds())
        }
        if let value = map.optional("request_timeout") {
            http.totalTimeoutMilliseconds = Int(try value.durationMilliseconds())
        }
        if let value = map.optional("max_redirects") { http.maxRedirects = try value.int() }
        if let value = map.optional("ca_file") {
            http.caFile = ConfigPaths.resolve(try value.string(), against: baseDirectory)
        }
        if let value = map.optional("proxy") {
            let proxy = try value.string()
            let scheme = proxy.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            guard proxy.contains("://"), Self.proxySchemes.contains(scheme) else {
                throw value.error(
                    "expected a proxy URL with one of \(Self.proxySchemes.sorted().joined(separator: ", ")) (socks5h resolves names through the proxy, as Tor needs)"
                )
            }
            http.proxy = proxy
        }
        if let value = map.optional("user_agent") { http.userAgent = try value.string() }
    }
}
