import HajunCore
import HajunHTTP
import HajunSimulator

/// A thin Bot API client for the tests: real HTTP through libcurl, answers parsed with HajunCore's JSON parser.
struct BotClient {
    let server: SimulatorServer
    let http = CurlHTTPClient(options: HTTPClientOptions(totalTimeoutMilliseconds: 30_000))

    func get(_ pathAndQuery: String, headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
        try await send(HTTPRequest(url: server.baseURL + pathAndQuery, headers: headers))
    }

    /// Performs the request on a thread of its own (see `OffPool`), so that parallel long polls do not queue.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let http = self.http
        return try await OffPool.run { try http.perform(request) }
    }

    /// `GET /bot<token>/METHOD?QUERY`
    func call(
        _ method: String, _ query: String = "", headers: [(name: String, value: String)] = []
    ) async throws
        -> HTTPResponse
    {
        try await send(
            HTTPRequest(url: server.botAPIURL + "/" + method + (query.isEmpty ? "" : "?" + query), headers: headers)
        )
    }

    /// `POST /bot<token>/METHOD` with a body of the given content type.
    func post(_ method: String, contentType: String, body: String) async throws -> HTTPResponse {
        try await send(
            HTTPRequest(
                url: server.botAPIURL + "/" + method,
                method: "POST",
                headers: [("Content-Type", contentType)],
                body: Array(body.utf8)
            )
        )
    }

    /// The `result` array of a successful `getUpdates`.
    func updates(_ query: String = "") async throws -> [JSONValue] {
        let response = try await call("getUpdates", query)
        return try BotClient.result(response)
    }

    static func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONValue(parsing: response.body)
    }

    static func result(_ response: HTTPResponse) throws -> [JSONValue] {
        let json = try json(response)
        guard response.status == 200, json["ok"]?.boolValue == true, case .array(let updates)? = json["result"] else {
            throw UnexpectedResponse(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }
        return updates
    }

    /// Chat username and message id of an update's post, and whether it is an edit.
    static func key(_ update: JSONValue) -> (chat: String, messageID: Int64, edit: Bool)? {
        let edit = update["edited_channel_post"] != nil
        guard let message = update["channel_post"] ?? update["edited_channel_post"],
            let chat = message["chat"]?["username"]?.stringValue, let id = message["message_id"]?.int64Value
        else { return nil }
        return (chat, id, edit)
    }

    /// Drains every pending update with confirming offsets.
    func drain(limit: Int = 100) async throws -> [JSONValue] {
        var all: [JSONValue] = []
        var offset: Int64?
        while true {
            let batch = try await updates("limit=\(limit)" + (offset.map { "&offset=\($0)" } ?? ""))
            guard let last = batch.last?["update_id"]?.int64Value else { return all }
            all.append(contentsOf: batch)
            offset = last + 1
        }
    }
}

struct UnexpectedResponse: Error, CustomStringConvertible {
    var status: Int
    var body: String
    var description: String { "HTTP \(status): \(body.prefix(300))" }
}
