/// A request as the simulator's router sees it, independent of the HTTP server library.
struct SimulatorHTTPRequest: Sendable {
    var method: String
    var path: String
    var query: String
    /// Header values by lowercased name.
    var headers: [String: String]
    var body: [UInt8]
}

/// What the router answers.
struct SimulatorHTTPReply: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    /// Close the connection after this many body bytes although Content-Length promises the whole body.
    var disconnectAfter: Int?

    static func json(_ body: [UInt8], status: Int = 200) -> SimulatorHTTPReply {
        SimulatorHTTPReply(status: status, headers: [("Content-Type", "application/json")], body: body)
    }

    static func text(_ text: String, status: Int) -> SimulatorHTTPReply {
        SimulatorHTTPReply(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }
}
