import Foundation
import HajunCore

/// Writes a generated corpus into a directory in one feed format, with its ground truth in `truth.jsonl`.
///
/// Files: `telegram-bot-api` → `updates.json` (a `getUpdates` response; or `updates-000001.json`… when split),
/// `telegram-export` → `<channel>/result.json`, `rss` → `<channel>.xml`, `jsonl` → `reports.jsonl`.
/// Formats that carry every delivery (Bot API, JSON Lines) hold edits as separate deliveries, and the truth file
/// has a line for each; formats that show a channel's current state (export, RSS) hold each post once with its
/// edits applied, and so does the truth file.
public enum CorpusWriter {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        /// Posts (edits not counted).
        public var posts: Int
        /// Edits delivered as their own updates or lines (0 for export and RSS, which fold them in).
        public var edits: Int
        /// Paths relative to the directory, truth file last.
        public var files: [String]
    }

    /// The first `update_id` of a Bot API corpus for a seed.
    public static func firstUpdateID(seed: UInt64) -> Int64 {
        var random = SeededRandom(seed: seed, stream: "update-ids")
        return Int64(random.between(100_000_000, 899_999_999))
    }

    public static func write(
        _ configuration: CorpusConfiguration,
        format: FeedFormat,
        to directory: String,
        updatesPerFile: Int? = nil
    ) throws -> Summary {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let truth = try BufferedFile(path: directory + "/truth.jsonl")
        var summary: Summary
        switch format {
        case .telegramBotAPI:
            summary = try writeBotAPI(configuration, directory: directory, truth: truth, updatesPerFile: updatesPerFile)
        case .jsonl:
            summary = try writeJSONLines(configuration, directory: directory, truth: truth)
        case .telegramExport, .rss:
            summary = try writeArchive(configuration, format: format, directory: directory, truth: truth)
        case .auto:
            throw SimulatorError.unsupportedFormat(format.rawValue)
        }
        try truth.close()
        summary.files.append("truth.jsonl")
        return summary
    }

    private static func writeBotAPI(
        _ configuration: CorpusConfiguration,
        directory: String,
        truth: BufferedFile,
        updatesPerFile: Int?
    ) throws -> Summary {
        var summary = Summary(posts: 0, edits: 0, files: [])
        var updateID = firstUpdateID(seed: configuration.seed)
        var file: BufferedFile?
        var inFile = 0
        func finish() throws {
            try file?.write("\n]}\n")
            try file?.close()
            file = nil
        }
        for post in CorpusGenerator(configuration) {
            if file == nil || (updatesPerFile.map { inFile >= $0 } ?? false) {
                try finish()
                let name: String
                if updatesPerFile != nil {
                    let number = String(summary.files.count + 1)
                    name = "updates-" + String(repeating: "0", count: max(0, 6 - number.count)) + number + ".json"
                } else {
                    name = "updates.json"
                }
                file = try BufferedFile(path: directory + "/" + name)
                try file?.write("{\"ok\":true,\"result\":[\n")
                summary.files.append(name)
                inFile = 0
            }
            if inFile > 0 { try file?.write(",\n") }
            try file?.write(BotAPIEncoding.update(post, updateID: updateID))
            try truth.write(TruthEncoding.line(post))
            updateID += 1
            inFile += 1
            if post.isEdit { summary.edits += 1 } else { summary.posts += 1 }
        }
        if file == nil {
            file = try BufferedFile(path: directory + "/updates.json")
            try file?.write("{\"ok\":true,\"result\":[")
            summary.files.append("updates.json")
        }
        try finish()
        return summary
    }

    private static func writeJSONLines(
        _ configuration: CorpusConfiguration, directory: String, truth: BufferedFile
    ) throws
        -> Summary
    {
        var summary = Summary(posts: 0, edits: 0, files: ["reports.jsonl"])
        let file = try BufferedFile(path: directory + "/reports.jsonl")
        for post in CorpusGenerator(configuration) {
            try file.write(JSONLinesEncoding.line(post))
            try truth.write(TruthEncoding.line(post))
            if post.isEdit { summary.edits += 1 } else { summary.posts += 1 }
        }
        try file.close()
        return summary
    }

    private static func writeArchive(
        _ configuration: CorpusConfiguration,
        format: FeedFormat,
        directory: String,
        truth: BufferedFile
    ) throws -> Summary {
        var archive = ChannelArchive()
        for post in CorpusGenerator(configuration) { archive.add(post) }
        var summary = Summary(posts: 0, edits: 0, files: [])
        // Every configured channel gets a file, in configuration order, even one that posted nothing.
        for channel in configuration.channels {
            let posts = archive.posts(of: channel.username)
            let name = format == .rss ? channel.username + ".xml" : channel.username + "/result.json"
            let file = try BufferedFile(path: directory + "/" + name)
            if format == .rss {
                try file.write(RSSEncoding.feed(channel: channel, posts: posts))
            } else {
                try file.write(ExportEncoding.result(channel: channel, posts: posts))
            }
            try file.close()
            summary.files.append(name)
            for post in posts { try truth.write(TruthEncoding.line(post, edit: false)) }
            summary.posts += posts.count
        }
        return summary
    }
}
