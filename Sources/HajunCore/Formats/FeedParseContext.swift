/// What every format parser shares while it reads one input: where the bytes came from, the limits, and the
/// posts and problems found so far.
struct FeedParseContext {
    let bytes: [UInt8]
    let feed: String
    let origin: String
    let limits: FeedLimits
    private(set) var reports: [Report] = []
    private(set) var problems: [FeedProblem] = []
    /// When set, accepted reports go here, as they are read, instead of into `reports`.
    let sink: ((consuming Report) -> Void)?
    private var lines: LineCounter

    init(
        bytes: [UInt8], feed: String, origin: String, limits: FeedLimits, sink: ((consuming Report) -> Void)? = nil
    ) {
        self.bytes = bytes
        self.feed = feed
        self.origin = origin
        self.limits = limits
        self.sink = sink
        self.lines = LineCounter(bytes)
        if sink == nil { reports.reserveCapacity(min(bytes.count / 256, 1 << 16)) }
    }

    /// Line and byte of `offset`; cheap when asked in input order.
    mutating func position(at offset: Int) -> SourcePosition {
        SourcePosition(line: lines.line(at: offset), byteOffset: offset)
    }

    /// Tells the line counter that `offset` is on `line`, which the caller has counted itself; positions asked
    /// for from there on count from it.
    mutating func assume(line: Int, at offset: Int) {
        lines.assume(line: line, at: offset)
    }

    mutating func problem(at offset: Int, _ message: String) {
        problem(at: position(at: offset), message)
    }

    mutating func problem(at position: SourcePosition, _ message: String) {
        problems.append(FeedProblem(feed: feed, origin: origin, position: position, message: message))
    }

    /// A JSON syntax error, at the error's own line and byte.
    mutating func problem(_ error: JSONError, _ what: String = "malformed JSON") {
        problem(at: SourcePosition(line: error.line, byteOffset: error.byteOffset), "\(what): \(error.message)")
    }

    /// Keeps `report` unless its text is blank (nothing to judge: media without caption, skipped quietly) or
    /// longer than `limits.maxPostBytes` (a problem naming `label`, the post left out).
    mutating func accept(_ report: consuming Report, label: @autoclosure () -> String) {
        let length = report.text.utf8.count
        if length > limits.maxPostBytes {
            problem(
                at: report.position,
                "\(label()): the text is \(length) bytes, over the limit of \(limits.maxPostBytes) bytes per post; "
                    + "post skipped")
            return
        }
        guard !FeedText.isBlank(report.text) else { return }
        if let sink { sink(consume report) } else { reports.append(consume report) }
    }
}
