import HajunCore

/// The Bot API methods the simulator implements: `getMe`, `getUpdates`, `getChat`, `getWebhookInfo`,
/// `setWebhook`, `deleteWebhook`, `logOut`, `close`. Method names are case-insensitive, as Telegram's are.
struct BotAPIMethods: Sendable {
    let configuration: SimulatorServer.Configuration
    let store: UpdateStore

    func call(token: String, method: String, _ request: SimulatorHTTPRequest) async -> SimulatorHTTPReply {
        guard token == configuration.token else {
            // Telegram answers 401 for a well-formed token it does not know and 404 for anything else.
            let wellFormed = BotAPIMethods.isWellFormed(token)
            return .json(
                (wellFormed ? BotAPIError.unauthorized : BotAPIError.notFound).body, status: wellFormed ? 401 : 404)
        }
        do {
            let parameters = try BotAPIParameters(
                query: request.query,
                contentType: request.headers["content-type"],
                body: request.body
            )
            return .json(try await dispatch(method.lowercased(), parameters))
        } catch {
            return .json(error.body, status: error.code)
        }
    }

    /// `<digits>:<letters, digits, - and _>`, the shape of a bot token.
    static func isWellFormed(_ token: String) -> Bool {
        let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
            parts[1].count >= 20
        else { return false }
        return parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    private func dispatch(_ method: String, _ parameters: BotAPIParameters) async throws(BotAPIError) -> [UInt8] {
        switch method {
        case "getme": return ok { json in botUser(&json) }
        case "getupdates": return try await getUpdates(parameters)
        case "getchat": return try await getChat(parameters)
        case "getwebhookinfo":
            let pending = await store.pendingCount
            let webhook = await store.webhook
            return ok { json in
                json.beginObject()
                json.field("url", webhook ?? "")
                json.field("has_custom_certificate", false)
                json.field("pending_update_count", pending)
                json.endObject()
            }
        case "setwebhook":
            await store.setWebhook(parameters.string("url"))
            return ok(description: "Webhook was set") { $0.bool(true) }
        case "deletewebhook":
            let had = await store.webhook != nil
            await store.setWebhook(nil)
            if parameters.string("drop_pending_updates")?.lowercased() == "true" {
                await store.confirm(offset: .max)
            }
            return ok(description: had ? "Webhook was deleted" : "Webhook is already deleted") { $0.bool(true) }
        case "logout", "close":
            return ok { $0.bool(true) }
        default:
            throw BotAPIError(code: 404, description: "Not Found: method not found")
        }
    }

    private func getUpdates(_ parameters: BotAPIParameters) async throws(BotAPIError) -> [UInt8] {
        if await store.webhook != nil {
            throw BotAPIError(
                code: 409,
                description:
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
            )
        }
        let offset = try parameters.integer("offset")
        let limit = Int(max(1, min(100, try parameters.integer("limit") ?? 100)))
        let timeout = max(0, min(Double(configuration.longPollLimitSeconds), try parameters.number("timeout") ?? 0))
        let allowed = try parameters.stringList("allowed_updates")
        await store.confirm(offset: offset)
        await store.setAllowedUpdates(allowed)
        var batch = await store.select(limit: limit)
        if batch.isEmpty && timeout > 0 {
            await store.waitForUpdates(timeoutMilliseconds: Int(timeout * 1000))
            batch = await store.select(limit: limit)
        }
        var body: [UInt8] = Array("{\"ok\":true,\"result\":[".utf8)
        body.reserveCapacity(batch.reduce(32) { $0 + $1.json.count + 1 })
        for (index, update) in batch.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: update.json)
        }
        body.append(contentsOf: "]}".utf8)
        return body
    }

    private func getChat(_ parameters: BotAPIParameters) async throws(BotAPIError) -> [UInt8] {
        guard let chatID = parameters.string("chat_id"), !chatID.isEmpty else {
            throw .badRequest("chat_id is empty")
        }
        let channel = configuration.channels.first {
            "@" + $0.username == chatID || $0.username == chatID || String($0.id) == chatID
        }
        guard let channel else { throw .badRequest("chat not found") }
        return ok { json in BotAPIEncoding.chat(channel, into: &json) }
    }

    private func botUser(_ json: inout JSONOutput) {
        json.beginObject()
        json.field("id", Int64(configuration.token.split(separator: ":").first ?? "") ?? 1)
        json.field("is_bot", true)
        json.field("first_name", "Hajun Simulator")
        json.field("username", configuration.botUsername)
        json.field("can_join_groups", false)
        json.field("can_read_all_group_messages", true)
        json.field("supports_inline_queries", false)
        json.field("can_connect_to_business", false)
        json.field("has_main_web_app", false)
        json.endObject()
    }

    private func ok(description: String? = nil, _ result: (inout JSONOutput) -> Void) -> [UInt8] {
        var json = JSONOutput()
        json.beginObject()
        json.field("ok", true)
        json.key("result")
        result(&json)
        if let description { json.field("description", description) }
        json.endObject()
        return json.bytes
    }
}
