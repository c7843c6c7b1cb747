import Foundation
import HajunCore
import HajunHTTP

/// How one delivery attempt ended.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver took it (2xx, or the line is in the file).
    case delivered
    /// Worth trying again (5xx, 408, 429, a timeout, a network error), after at least `afterMilliseconds` if the
    /// receiver said so (`Retry-After`, Telegram's `retry_after`).
    case retry(reason: String, afterMilliseconds: Int64?)
    /// Refused for good (other 4xx): the alert goes to the dead-letter file with the reason.
    case rejected(reason: String)

    /// Classifies an HTTP response by its status.
    static func classify(_ response: HTTPResponse, now: Timestamp) -> DeliveryOutcome {
        let status = response.status
        if (200..<300).contains(status) { return .delivered }
        let reason = "HTTP \(status)" + excerpt(response.body)
        if status == 408 || status == 429 || (500..<600).contains(status) {
            return .retry(reason: reason, afterMilliseconds: retryAfter(response.header("retry-after"), now: now))
        }
        return .rejected(reason: reason)
    }

    /// A transport failure: worth another try, except a redirect (receivers do not follow redirects: a moved
    /// endpoint is a configuration problem, like a 4xx).
    static func failure(_ error: any Error) -> DeliveryOutcome {
        if let error = error as? HTTPClientError, case .tooManyRedirects = error {
            return .rejected(reason: "\(error): the receiver redirects, and alerts do not follow redirects")
        }
        return .retry(reason: "\(error)", afterMilliseconds: nil)
    }

    /// `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; nil when absent or unreadable.
    static func retryAfter(_ value: String?, now: Timestamp) -> Int64? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return Int64(seconds * 1000) }
        if let date = Timestamp(parsing: value) {
            return max(0, date.millisecondsSince1970 - now.millisecondsSince1970)
        }
        return nil
    }

    /// `: <first 200 bytes of the body>`, on one line; empty for an empty body.
    static func excerpt(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        var text = String(decoding: body.prefix(200), as: UTF8.self)
        text = String(text.map { $0.isNewline ? " " : $0 }).trimmingCharacters(in: .whitespaces)
        return ": " + text + (body.count > 200 ? "…" : "")
    }
}
