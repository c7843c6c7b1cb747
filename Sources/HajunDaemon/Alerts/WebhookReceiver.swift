import Crypto
import HajunCore
import HajunHTTP

/// A generic JSON webhook: each alert is POSTed alone as its JSON object (`docs/alerts.md`), with
/// `Idempotency-Key` (the alert id) and, when a secret is configured, `X-Hajund-Signature: sha256=<hex>`, the
/// HMAC-SHA256 of the exact body bytes.
struct WebhookReceiver: AlertReceiver {
    let name: String
    let url: String
    /// The HMAC key's bytes (`SymmetricKey` is not `Sendable`).
    let secret: [UInt8]?
    let headers: [(name: String, value: String)]
    let retry: RetryPolicy
    let timeoutMilliseconds: Int64
    let http: HTTPPoster

    static let signatureHeader = "X-Hajund-Signature"

    func payload(for alert: Alert) -> [UInt8] { alert.encodedLine() }

    func series(for alert: Alert) -> String? { nil }

    func deliver(_ payload: [UInt8], key: String, attempt: Int, timeoutMilliseconds: Int64) async -> DeliveryOutcome {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Idempotency-Key", key),
            ("X-Hajund-Alert-Id", key),
            ("X-Hajund-Attempt", String(attempt)),
        ]
        if let secret { headers.append((Self.signatureHeader, Self.signature(payload, secret: secret))) }
        headers += self.headers
        return await http.post(url: url, headers: headers, body: payload, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of `body`.
    static func signature(_ body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in code {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return "sha256=" + String(decoding: hex, as: UTF8.self)
    }
}
