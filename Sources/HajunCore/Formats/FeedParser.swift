/// The entry point from bytes to reports for every feed format (`docs/feeds.md`).
public enum FeedParser {
    /// Parses `bytes` of feed `feed`, read from `origin` (a file path or a redacted URL, used in problems).
    ///
    /// Never traps: malformed input becomes `FeedProblem`s naming the feed, the origin and the position, and
    /// every post the format lets it read around the damage is still returned. `format: .auto` detects the
    /// format first; the result's `format` is the one used (`.auto` only when detection failed).
    public static func parse(
        _ bytes: [UInt8], format: FeedFormat, feed: String, origin: String, limits: FeedLimits = .default
    ) -> FeedParseResult {
        parse(FeedParseContext(bytes: bytes, feed: feed, origin: origin, limits: limits), format: format)
    }

    /// Parses like `parse(_:format:feed:origin:limits:)` but hands each report to `each` as soon as it is read,
    /// in input order, instead of collecting them: the result's `reports` is empty. A large input then never
    /// holds all its reports at once (`hajund replay` over a million posts). Problems are still collected.
    public static func parse(
        _ bytes: [UInt8], format: FeedFormat, feed: String, origin: String, limits: FeedLimits = .default,
        each: @escaping (consuming Report) -> Void
    ) -> FeedParseResult {
        parse(FeedParseContext(bytes: bytes, feed: feed, origin: origin, limits: limits, sink: each), format: format)
    }

    private static func parse(_ context: FeedParseContext, format: FeedFormat) -> FeedParseResult {
        var context = context
        let bytes = context.bytes
        guard FeedText.firstContentOffset(bytes) != nil else {
            let what = bytes.isEmpty ? "0 bytes" : "\(bytes.count) bytes, all whitespace"
            context.problem(at: SourcePosition(line: 1, byteOffset: 0), "empty input (\(what)): no posts")
            return FeedParseResult(format: format, problems: context.problems)
        }
        var resolved = format
        if format == .auto {
            switch FormatDetector.detectOrExplain(bytes) {
            case .success(let detected):
                resolved = detected
            case .failure(let failure):
                context.problem(at: failure.offset, "cannot detect the feed format: \(failure.message)")
                return FeedParseResult(format: .auto, problems: context.problems)
            }
        }
        var lastUpdateID: Int64?
        switch resolved {
        case .auto: break  // resolved above
        case .telegramBotAPI: lastUpdateID = BotAPIParser.parse(&context)
        case .telegramExport: TelegramExportParser.parse(&context)
        case .rss: RSSParser.parse(&context)
        case .jsonl: JSONLinesParser.parse(&context)
        }
        return FeedParseResult(
            format: resolved, reports: context.reports, problems: context.problems, lastUpdateID: lastUpdateID)
    }
}
