import Foundation
import HajunTestSupport
import Testing

/// `hajund replay --profile` (used by bench/perf) runs the stages over batches; it must write the very events a
/// plain replay writes, and print the cost of every stage.
@Suite struct ReplayProfileTests {
    private static let feeds = ["feeds/hajun-bot-api.json", "feeds/hajun-reports.jsonl", "feeds/hajun-rss.xml"]

    /// The events without `received_at`, which is the clock at the start of each run.
    private func stable(_ lines: [String]) -> [String] {
        lines.map { $0.replacingOccurrences(of: #""received_at":"[^"]*""#, with: "", options: .regularExpression) }
    }

    @Test func writesTheSameEventsAndPrintsEveryStage() throws {
        let plain = try Hajund.run(["replay"] + Self.feeds, currentDirectory: PackageRoot.path)
        let profiled = try Hajund.run(["replay", "--profile"] + Self.feeds, currentDirectory: PackageRoot.path)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(profiled.status == 0, "\(profiled.stderr)")
        #expect(plain.lines.count >= 30)
        #expect(stable(profiled.lines) == stable(plain.lines))

        let table = profiled.stderr
        #expect(table.contains("hajund replay --profile: \(plain.lines.count) posts"), "\(table)")
        for stage in ["read", "parse", "normalize", "fingerprint", "classify", "dedup", "rules", "encode", "write"] {
            #expect(table.split(separator: "\n").contains { $0.hasPrefix(stage + " ") }, "\(stage): \(table)")
        }
        #expect(table.contains("posts/s by thread CPU time:"), "\(table)")
        #expect(table.contains("remembered posts"), "\(table)")
    }
}
