import HajunCore

/// A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat…): `{"text": …}`.
struct SlackReceiver: AlertReceiver {
    let name: String
    /// The incoming-webhook URL: it is the secret, so it is only ever shown redacted.
    let url: String
    let retry: RetryPolicy
    let timeoutMilliseconds: Int64
    let http: HTTPPoster

    func payload(for alert: Alert) -> [UInt8] { AlertText.json([("text", AlertText.text(for: alert))]) }

    func series(for alert: Alert) -> String? { nil }

    func deliver(_ payload: [UInt8], key: String, attempt: Int, timeoutMilliseconds: Int64) async -> DeliveryOutcome {
        await http.post(
            url: url, headers: [("Content-Type", "application/json")], body: payload,
            timeoutMilliseconds: timeoutMilliseconds)
    }
}
