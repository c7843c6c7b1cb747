import HajunCore

/// A Bot API error as Telegram reports it: `{"ok":false,"error_code":N,"description":"..."}`.
struct BotAPIError: Error, Equatable {
    var code: Int
    var description: String
    var retryAfter: Int?

    static func badRequest(_ message: String) -> BotAPIError {
        BotAPIError(code: 400, description: "Bad Request: " + message)
    }

    static let unauthorized = BotAPIError(code: 401, description: "Unauthorized")
    static let notFound = BotAPIError(code: 404, description: "Not Found")

    var body: [UInt8] {
        var json = JSONOutput(capacity: 128)
        json.beginObject()
        json.field("ok", false)
        json.field("error_code", code)
        json.field("description", description)
        if let retryAfter {
            json.key("parameters")
            json.beginObject()
            json.field("retry_after", retryAfter)
            json.endObject()
        }
        json.endObject()
        return json.bytes
    }
}
