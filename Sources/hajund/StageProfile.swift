import Foundation
import HajunCore

/// Thread CPU time spent in each stage of `hajund replay --profile`, printed to stderr at the end.
///
/// CPU time of this thread, not wall time: the machine is shared, and waiting for the CPU is nobody's cost. The
/// clock is read once per stage per batch of posts (`ReplayCommand` runs each stage over a batch before the next),
/// so profiling adds a few system calls per thousand posts, not per post.
final class StageProfile {
    enum Stage: Int, CaseIterable {
        /// `release` is freeing the posts and events of a batch once it is written.
        case read, parse, normalize, fingerprint, classify, dedup, rules, encode, write, release

        var name: String { String(describing: self) }
    }

    private var seconds = [Double](repeating: 0, count: Stage.allCases.count)
    private var mark: Double
    private let start: Double

    init() {
        start = StageProfile.threadCPUSeconds()
        mark = start
    }

    /// Charges the CPU time since the previous charge (or since `init`) to `stage`.
    func charge(_ stage: Stage) {
        let now = StageProfile.threadCPUSeconds()
        seconds[stage.rawValue] += now - mark
        mark = now
    }

    /// The table printed at the end: seconds, microseconds a post and share of each stage.
    func summary(posts: Int, dedup: DedupIndex.Statistics) -> String {
        let total = seconds.reduce(0, +)
        var lines = [
            "hajund replay --profile: \(posts) posts, thread CPU time by stage",
            pad("stage", 12) + pad("seconds", 10, right: true) + pad("µs/post", 10, right: true)
                + pad("share", 8, right: true),
        ]
        for stage in Stage.allCases {
            let value = seconds[stage.rawValue]
            lines.append(row(stage.name, value, posts: posts, total: total))
        }
        lines.append(row("total", total, posts: posts, total: total))
        let perSecond = total > 0 ? Double(posts) / total : 0
        lines.append("posts/s by thread CPU time: \(Int(perSecond.rounded()))")
        lines.append(
            "dedup index at the end: \(dedup.rememberedPosts) remembered posts, \(dedup.nearPosts) near-window "
                + "profiles, \(dedup.incidents) incidents, \(dedup.bytes / 1024) KiB")
        return lines.joined(separator: "\n")
    }

    private func row(_ name: String, _ value: Double, posts: Int, total: Double) -> String {
        let micros = posts > 0 ? value * 1e6 / Double(posts) : 0
        let share = total > 0 ? value * 100 / total : 0
        return pad(name, 12) + pad(String(format: "%.3f", value), 10, right: true)
            + pad(String(format: "%.2f", micros), 10, right: true)
            + pad(String(format: "%.1f%%", share), 8, right: true)
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
