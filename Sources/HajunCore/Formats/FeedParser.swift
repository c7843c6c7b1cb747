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
        var context = FeedParseContext(bytes: bytes, feed: feed, origin: origin, limits: limits)
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
