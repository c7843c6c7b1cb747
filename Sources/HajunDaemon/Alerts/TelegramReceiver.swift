import Foundation
import HajunCore
import HajunHTTP

/// Telegram Bot API `sendMessage` to one chat. A 429 answer's `parameters.retry_after` is honoured.
struct TelegramReceiver: AlertReceiver {
    let name: String
    /// `<api>/bot<token>/sendMessage`: holds the token, so it is only ever shown redacted.
    let url: String
    let chatID: String
    let retry: RetryPolicy
    let timeoutMilliseconds: Int64
    let http: HTTPPoster

    init(
        name: String, apiURL: String, token: String, chatID: String, retry: RetryPolicy, timeoutMilliseconds: Int64,
        http: HTTPPoster
    ) {
        self.name = name
        let base = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        url = base + "/bot" + token + "/sendMessage"
        self.chatID = chatID
        self.retry = retry
        self.timeoutMilliseconds = timeoutMilliseconds
        self.http = http
    }

    func payload(for alert: Alert) -> [UInt8] {
        AlertText.json(
            [("chat_id", chatID), ("text", AlertText.text(for: alert))], extra: #","disable_web_page_preview":true"#)
    }

    func series(for alert: Alert) -> String? { nil }

    func deliver(_ payload: [UInt8], key: String, attempt: Int, timeoutMilliseconds: Int64) async -> DeliveryOutcome {
        await http.send(
            url: url, headers: [("Content-Type", "application/json")], body: payload,
            timeoutMilliseconds: timeoutMilliseconds
        ) {
            response, now in
            let outcome = DeliveryOutcome.classify(response, now: now)
            guard case .retry(let reason, let after) = outcome else { return outcome }
            return .retry(reason: reason, afterMilliseconds: Self.retryAfter(response.body) ?? after)
        }
    }

    /// `{"ok":false,"error_code":429,"parameters":{"retry_after":N}}` → N seconds, in milliseconds.
    static func retryAfter(_ body: [UInt8]) -> Int64? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let parameters = object["parameters"] as? [String: Any],
            let seconds = (parameters["retry_after"] as? NSNumber)?.doubleValue, seconds >= 0
        else { return nil }
        return Int64(seconds * 1000)
    }
}
