import HajunCore

/// How long a server asked us to wait: the `Retry-After` header (seconds or an HTTP date) or the Bot API's
/// `parameters.retry_after` in an error body.
public enum RetryAfter {
    /// The longest wait honoured, so that a hostile or broken server cannot park a feed for ever.
    public static let maximumMilliseconds: Int64 = 86_400_000

    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, relative to `now`.
    public static func milliseconds(header: String, now: Timestamp) -> Int64? {
        let text = String(header.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        if let seconds = Int64(text), seconds >= 0 { return min(seconds * 1000, maximumMilliseconds) }
        guard let date = httpDate(text) else { return nil }
        return min(max(date.millisecondsSince1970 - now.millisecondsSince1970, 0), maximumMilliseconds)
    }

    /// `{"ok":false,"error_code":429,"parameters":{"retry_after":5}}`
    public static func milliseconds(botAPIBody body: [UInt8]) -> Int64? {
        guard body.first == UInt8(ascii: "{"), let document = try? JSONDocument.parse(body),
            let seconds = document.root["parameters"]?["retry_after"]?.int64, seconds >= 0
        else { return nil }
        return min(seconds * 1000, maximumMilliseconds)
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires senders to use.
    static func httpDate(_ text: String) -> Timestamp? {
        guard text.hasSuffix("GMT") else { return nil }
        return Timestamp(parsing: text)
    }
}
