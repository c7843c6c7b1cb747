/// Removes secrets from URLs before they reach a log line, an error, a metric label or an event.
public enum URLRedaction {
    /// Query parameters whose values are secrets.
    static let secretParameters: Set<String> = [
        "token", "access_token", "key", "api_key", "apikey", "secret", "password", "sig", "signature",
    ]

    /// `https://api.telegram.org/bot123:ABC/getUpdates` → `https://api.telegram.org/bot<redacted>/getUpdates`;
    /// user info and secret query values are replaced too.
    public static func redact(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.firstRange(of: "://") {
            let afterScheme = text[schemeEnd.upperBound...]
            let authorityEnd: String.Index =
                afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            if let at = afterScheme[..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(schemeEnd.upperBound...at, with: "<redacted>@")
            }
        }
        text = redactBotTokens(text)
        if let queryStart = text.firstIndex(of: "?") {
            let base = text[..<queryStart]
            let fragmentStart = text[queryStart...].firstIndex(of: "#") ?? text.endIndex
            let query = text[text.index(after: queryStart)..<fragmentStart]
            let redacted = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, secretParameters.contains(parts[0].lowercased()) else { return String(pair) }
                return "\(parts[0])=<redacted>"
            }
            text = base + "?" + redacted.joined(separator: "&") + text[fragmentStart...]
        }
        return text
    }

    /// Replaces every Telegram bot token (`bot<digits>:<secret>`) in free text, such as a curl error message.
    public static func redactBotTokens(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: "bot") {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            let afterDigits = rest[digits.endIndex...]
            if !digits.isEmpty, afterDigits.first == ":" {
                let secret = afterDigits.dropFirst().prefix(while: isTokenCharacter)
                if !secret.isEmpty {
                    out += "<redacted>"
                    rest = afterDigits.dropFirst()[secret.endIndex...]
                }
            }
        }
        return out + rest
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }
}
