/// Limits and transport settings for every request a client makes. The defaults are safe for polling feeds.
public struct HTTPClientOptions: Sendable, Hashable {
    public var connectTimeoutMilliseconds: Int
    /// The whole transfer, connection included.
    public var totalTimeoutMilliseconds: Int
    public var maxRedirects: Int
    /// Bodies larger than this (after decompression) are refused.
    public var maxResponseBytes: Int
    public var userAgent: String
    /// A CA bundle to verify servers with, instead of the system's.
    public var caFile: String?
    /// A proxy URL such as `http://127.0.0.1:3128` or `socks5h://127.0.0.1:9050`.
    public var proxy: String?

    public init(
        connectTimeoutMilliseconds: Int = 10_000,
        totalTimeoutMilliseconds: Int = 60_000,
        maxRedirects: Int = 5,
        maxResponseBytes: Int = 32 << 20,
        userAgent: String = "hajund/0.1 (+https://github.com/hajund/hajund)",
        caFile: String? = nil,
        proxy: String? = nil
    ) {
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.maxRedirects = maxRedirects
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
        self.caFile = caFile
        self.proxy = proxy
    }
}
