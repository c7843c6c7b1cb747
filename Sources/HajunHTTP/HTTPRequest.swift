/// One HTTP request for `CurlHTTPClient`.
public struct HTTPRequest: Sendable {
    public var url: String
    public var method: String
    /// Header lines as name and value; names are sent as given.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Overrides `HTTPClientOptions.totalTimeoutMilliseconds` for this request (a Bot API long poll waits longer).
    public var totalTimeoutMilliseconds: Int?

    public init(
        url: String,
        method: String = "GET",
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        totalTimeoutMilliseconds: Int? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Response headers of the final response, names lowercased, in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this (case-insensitive) name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}
