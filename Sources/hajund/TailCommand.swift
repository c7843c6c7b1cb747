import ArgumentParser
import Foundation
import HajunCore
import HajunDaemon

/// `hajund tail`: the event log for people: the last events (or all), following across rotations without
/// repeating or skipping a line, as readable one-line summaries or raw JSON.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the last events of the log, or all of them, and follow it across rotations.",
        discussion: """
            Reads the backups (plain or gzip) and the live file in seq order. With --follow it keeps reading as \
            the daemon appends and rotates, finding each next file by seq, so no event is shown twice or skipped; \
            a gap in seq is reported on stderr, and so are incomplete lines left by a crash (skipped). \
            See docs/log.md.
            """
    )

    @Option(name: .long, help: "Configuration file; its log: section names the log (default: the embedded one).")
    var config: String?

    @Option(name: .long, help: "The live log file, instead of --config.")
    var log: String?

    @Flag(name: [.customShort("f"), .long], help: "Keep printing events as they are appended.")
    var follow = false

    @Flag(name: .long, help: "Print every event still in the log, not only the last ones.")
    var fromStart = false

    @Option(name: [.customShort("n"), .long], help: "How many of the last (matching) events to print first.")
    var lines = 10

    @Option(name: .long, help: "Only this category (repeat or separate with commas).")
    var category: [String] = []

    @Option(name: .long, help: "Only events of this severity or higher (info, low, medium, high, critical).")
    var severity: String?

    @Option(name: .long, help: "Only events located in this region (repeat or separate with commas).")
    var region: [String] = []

    @Option(
        name: .long, help: "Only events received since TIME: RFC 3339 (2022-03-01T07:00:00Z) or an age (30m, 6h, 2d).")
    var since: String?

    @Flag(name: .long, help: "Print the raw JSON lines instead of summaries.")
    var json = false

    func validate() throws {
        if config != nil && log != nil { throw ValidationError("give either --config or --log, not both") }
        if lines < 0 { throw ValidationError("--lines must be 0 or more") }
        _ = try makeFilter()
    }

    func run() throws {
        let path = try logPath()
        let filter = try makeFilter()
        guard follow || FileManager.default.fileExists(atPath: path) else {
            Diagnostics.fail("no event log at \(path)")
            throw ExitCode(1)
        }
        let start: EventLogReader.Start
        if fromStart || filter.since != nil {
            start = .oldest
        } else if filter.isEmpty {
            start = try EventLogReader.startForLast(lines, livePath: path)
        } else {
            start = try EventLogReader.startForLast(lines, livePath: path) { line in
                EventLineSummary(json: line.bytes).map(filter.matches) ?? false
            }
        }
        let reader = EventLogReader(livePath: path, start: start, follow: follow)
        reader.skipBackupsRotatedBefore = filter.since
        let output = BufferedOutput()
        reader.onIdle = { output.flush() }
        try reader.run(
            notice: { notice in
                output.flush()
                Diagnostics.fail("tail: \(notice)")
            },
            line: { line in
                let summary = filter.isEmpty && json ? nil : EventLineSummary(json: line.bytes)
                if !filter.isEmpty {
                    guard let summary, filter.matches(summary) else { return }
                }
                output.appendLine { out in
                    if json {
                        out.append(contentsOf: line.bytes)
                    } else {
                        out.append(contentsOf: "#\(line.seq)  ".utf8)
                        out.append(contentsOf: (summary?.oneLine() ?? "-").utf8)
                    }
                }
            }
        )
        output.flush()
    }

    private func logPath() throws -> String {
        if let log { return (log as NSString).standardizingPath }
        return try ConfigLoading.load(config).log.path
    }

    private func makeFilter() throws -> EventLineFilter {
        let categories = Set(category.flatMap { $0.split(separator: ",").map(String.init) })
        for name in categories where Category(rawValue: name) == nil {
            throw ValidationError(
                "unknown category '\(name)'; one of: \(Category.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let regions = Set(region.flatMap { $0.split(separator: ",").map(String.init) })
        for name in regions where Region(rawValue: name) == nil {
            throw ValidationError(
                "unknown region '\(name)'; one of: \(Region.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var minimum: Severity?
        if let severity {
            guard let value = Severity(rawValue: severity) else {
                let names = Severity.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown severity '\(severity)'; one of: \(names)")
            }
            minimum = value
        }
        var sinceTime: Timestamp?
        if let since {
            guard
                let time = Self.parseSince(since, now: Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970)))
            else {
                throw ValidationError(
                    "--since wants RFC 3339 (2022-03-01T07:00:00Z) or an age such as 30m, 6h, 2d; not '\(since)'")
            }
            sinceTime = time
        }
        return EventLineFilter(categories: categories, minimumSeverity: minimum, regions: regions, since: sinceTime)
    }

    /// RFC 3339, or an age before `now`: `90s`, `30m`, `6h`, `2d`.
    static func parseSince(_ text: String, now: Timestamp) -> Timestamp? {
        if let time = Timestamp(parsing: text) { return time }
        let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        guard let unit = text.last, let scale = units[unit], let amount = Int64(text.dropLast()), amount >= 0 else {
            return nil
        }
        return now.adding(milliseconds: -amount * scale)
    }
}
