import HajunCore

/// The plain text chat receivers (Slack, Telegram) post for an alert.
enum AlertText {
    /// Telegram's limit for one message.
    static let maximumCharacters = 4096

    /// `[FIRING] missile-launch: missile_launch, critical, Mazyr (homiel): Пуск ракет…` and the post's link.
    static func text(for alert: Alert) -> String {
        var text = "[" + alert.status.rawValue.uppercased() + "] " + alert.summary
        if let url = alert.event?.report.url { text += "\n" + url }
        if text.count > maximumCharacters { text = String(text.prefix(maximumCharacters - 1)) + "…" }
        return text
    }

    /// `{"text":"…"}`, plus any extra string fields, as JSON bytes.
    static func json(_ fields: [(String, String)], extra: String = "") -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONEscaping.append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONEscaping.append(value, to: &out)
        }
        out.append(contentsOf: extra.utf8)
        out.append(UInt8(ascii: "}"))
        return out
    }
}
