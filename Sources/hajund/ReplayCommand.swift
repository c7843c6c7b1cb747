import ArgumentParser
import Foundation
import HajunCore
import HajunDaemon

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the full pipeline over files and print one event per post as JSON Lines.",
        discussion: """
            Writes no state, no log and delivers no alerts; the alerts that would fire are listed in each event. \
            Problems in the input are reported on stderr with the file and position; the other posts go on, and \
            the exit status is 1 when there was any problem.
            """
    )

    @Option(help: "Configuration file (default: the built-in configuration, lexicon and gazetteer).")
    var config: String?

    @Option(help: "Input format: auto, telegram-bot-api, telegram-export, rss or jsonl.")
    var format: FeedFormat = .auto

    @Argument(help: "Feed files to replay, in order.")
    var files: [String]

    /// For `bench/perf`: runs each stage over batches of posts and prints the thread CPU time of each stage to
    /// stderr at the end. The events written are the same.
    @Flag(help: .hidden)
    var profile = false

    func run() throws {
        let configuration = try ConfigLoading.load(config)
        let classifier: Classifier
        do {
            classifier = try ClassifierLoader.load(configuration.classifier)
        } catch {
            Diagnostics.fail("\(error)")
            throw ExitCode(2)
        }
        let pipeline = Pipeline(
            classifier: classifier,
            dedup: DedupIndex(configuration: configuration.dedup),
            rules: RuleEngine(rules: configuration.rules)
        )
        let output = BufferedOutput()
        let stages = profile ? StagedReplay(pipeline: pipeline, output: output) : nil
        var seq: Int64 = 0
        var problems = 0
        let receivedAt = Timestamp.now
        let input = ReplayInput()
        for file in files {
            let feed = (file as NSString).lastPathComponent
            do {
                try input.read(file, maxBytes: 1 << 30)
            } catch {
                Diagnostics.fail("feed '\(feed)': \(file): \(error.message)")
                problems += 1
                continue
            }
            stages?.profile.charge(.read)
            // Each post goes through the pipeline as soon as it is parsed: a large file never holds all its
            // reports (or, for Bot API responses, a tape of all its values) at once.
            let parsed = FeedParser.parse(
                input.bytes, format: format, feed: feed, origin: file, limits: configuration.limits.feed
            ) { report in
                seq += 1
                if let stages {
                    stages.add(consume report, seq: seq, receivedAt: receivedAt)
                } else {
                    output.appendEvent(pipeline.processEvent(consume report, seq: seq, receivedAt: receivedAt))
                }
            }
            stages?.finishBatch()
            for problem in parsed.problems {
                Diagnostics.fail("\(problem)")
                problems += 1
            }
        }
        output.flush()
        if let stages {
            stages.profile.charge(.write)
            FileHandle.standardError.write(Data((stages.summary() + "\n").utf8))
        }
        if problems > 0 { throw ExitCode(1) }
    }
}

extension FeedFormat: ExpressibleByArgument {}
