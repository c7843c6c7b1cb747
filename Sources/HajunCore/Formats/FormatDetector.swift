/// Tells the feed format from the content (`--format auto`), looking only as far as it must.
///
/// Rules, in order, after a byte order mark and whitespace:
/// - `<` and a root element `<rss>`, `<rdf:RDF>` or `<feed>`: `rss`;
/// - `[` whose first element is an object with `update_id` (or `[]`): `telegram-bot-api`;
/// - `{` whose first decisive top-level key is `ok`, `result` or `update_id`: `telegram-bot-api`; `messages`:
///   `telegram-export`; `chat`, `text`, `message_id` or `date`: `jsonl`; with none of these, `jsonl` when
///   another object starts on a later line;
/// - anything else is undetectable, and the reason says what was found.
public enum FormatDetector {
    /// The format of `bytes`, or nil when it is none of hajund's formats.
    public static func detect(_ bytes: [UInt8]) -> FeedFormat? {
        try? detectOrExplain(bytes).get()
    }

    /// Why detection failed, and where.
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    static func detectOrExplain(_ bytes: [UInt8]) -> Result<FeedFormat, Failure> {
        guard let start = FeedText.firstContentOffset(bytes) else {
            return .failure(Failure(offset: 0, message: "the input is empty"))
        }
        switch bytes[start] {
        case UInt8(ascii: "<"):
            return detectXML(bytes, from: start)
        case UInt8(ascii: "{"):
            return detectObject(bytes, from: start)
        case UInt8(ascii: "["):
            var index = start + 1
            skipWhitespace(bytes, &index)
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") { return .success(.telegramBotAPI) }
            if index < bytes.count && bytes[index] == UInt8(ascii: "{") {
                var found = false
                _ = scanKeys(bytes, objectAt: index) { key in
                    found = key == "update_id"
                    return found
                }
                if found { return .success(.telegramBotAPI) }
            }
            return .failure(
                Failure(offset: start, message: "a JSON array that does not hold Bot API updates (no \"update_id\")"))
        default:
            return .failure(
                Failure(
                    offset: start,
                    message: "the input starts with \(UTF8Validation.describe(bytes[start])): it is neither JSON "
                        + "('{' or '[') nor XML ('<')"))
        }
    }

    private static func detectXML(_ bytes: [UInt8], from start: Int) -> Result<FeedFormat, Failure> {
        var index = start
        // Skip the declaration, processing instructions, comments and a DOCTYPE before the root element.
        while index + 1 < bytes.count && bytes[index] == UInt8(ascii: "<") {
            let next = bytes[index + 1]
            guard next == UInt8(ascii: "?") || next == UInt8(ascii: "!") else { break }
            let terminator: [UInt8] =
                next == UInt8(ascii: "?")
                ? Array("?>".utf8)
                : bytes[index...].starts(with: Array("<!--".utf8))
                    ? Array("-->".utf8) : Array(">".utf8)
            guard let end = find(terminator, in: bytes, from: index + 2) else { break }
            index = end + terminator.count
            skipWhitespace(bytes, &index)
        }
        var nameEnd = index + 1
        while nameEnd < bytes.count && !FeedText.isWhitespace(bytes[nameEnd])
            && bytes[nameEnd] != UInt8(ascii: ">") && bytes[nameEnd] != UInt8(ascii: "/")
        {
            nameEnd += 1
        }
        let name = index + 1 < nameEnd ? String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self) : ""
        if ["rss", "rdf:RDF", "feed"].contains(name) { return .success(.rss) }
        return .failure(
            Failure(
                offset: index,
                message: name.isEmpty
                    ? "the input starts with '<' but has no XML root element"
                    : "an XML document whose root element is <\(name)>, not <rss> or <feed>"))
    }

    private static func detectObject(_ bytes: [UInt8], from start: Int) -> Result<FeedFormat, Failure> {
        var decision: FeedFormat?
        var keys: [String] = []
        let end = scanKeys(bytes, objectAt: start) { key in
            switch key {
            case "ok", "result", "update_id": decision = .telegramBotAPI
            case "messages": decision = .telegramExport
            case "chat", "text", "message_id", "date": decision = .jsonl
            default: if keys.count < 8 { keys.append(key) }
            }
            return decision != nil
        }
        if let decision { return .success(decision) }
        guard let end else {
            // Not even one well-formed object: the JSON parser's message says where and why.
            do {
                _ = try JSONDocument.parse(bytes)
            } catch {
                return .failure(Failure(offset: error.byteOffset, message: "malformed JSON: \(error.message)"))
            }
            return .failure(Failure(offset: start, message: "a JSON object this detector could not read"))
        }
        // A malformed first object is better explained by the parser than by a list of its keys.
        do {
            _ = try JSONDocument.parse(bytes, in: start..<end)
        } catch {
            return .failure(Failure(offset: error.byteOffset, message: "malformed JSON: \(error.message)"))
        }
        var next = end
        skipWhitespace(bytes, &next)
        if next < bytes.count && bytes[next] == UInt8(ascii: "{") && bytes[end..<next].contains(0x0A) {
            return .success(.jsonl)
        }
        let described = keys.isEmpty ? "no keys" : "keys " + keys.map { "\"\($0)\"" }.joined(separator: ", ")
        return .failure(
            Failure(
                offset: start,
                message: "a JSON object with \(described): not a Bot API response (\"ok\", \"result\", "
                    + "\"update_id\"), a Telegram export (\"messages\") or a JSON Lines report (\"chat\", \"text\")"))
    }

    /// Calls `visit` with each top-level key of the object at `start` until it returns true; returns the offset
    /// after the object, or nil when the input ends first. Skims without validating: the parser validates later.
    private static func scanKeys(_ bytes: [UInt8], objectAt start: Int, visit: (String) -> Bool) -> Int? {
        var index = start + 1
        var depth = 1
        var expectingKey = true
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let stringStart = index + 1
                guard let stringEnd = skipString(bytes, from: index) else { return nil }
                if depth == 1 && expectingKey {
                    let key = String(decoding: bytes[stringStart..<(stringEnd - 1)], as: UTF8.self)
                    if visit(key) { return stringEnd }
                    expectingKey = false
                }
                index = stringEnd
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            case UInt8(ascii: ","):
                if depth == 1 { expectingKey = true }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The offset after the string whose opening quote is at `start`.
    private static func skipString(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count && FeedText.isWhitespace(bytes[index]) { index += 1 }
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return index
            }
            index += 1
        }
        return nil
    }
}
