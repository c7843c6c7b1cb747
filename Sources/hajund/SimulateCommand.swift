import ArgumentParser
import Dispatch
import Foundation
import HajunCore
import HajunSimulator

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate Telegram-style channel traffic: write a corpus to files, or serve it over HTTP.",
        discussion: """
            --write DIR writes a corpus in one feed format plus its ground truth (truth.jsonl); the same seed gives \
            byte-identical files. --serve runs a loopback server with the Telegram Bot API \
            (/bot<token>/getUpdates) and RSS feeds (/rss/<channel>) until SIGINT or SIGTERM. See docs/simulator.md.
            """
    )

    @Option(help: ArgumentHelp("Write a corpus into this directory.", valueName: "dir"))
    var write: String?

    @Flag(help: "Serve the channels over HTTP on 127.0.0.1 until interrupted.")
    var serve = false

    @Option(help: "Feed format to write: telegram-bot-api, telegram-export, rss or jsonl.")
    var format: FeedFormat?

    @Option(help: "Number of posts (edits come on top). Default: 1000 for --write; endless for --serve.")
    var posts: Int?

    @Option(help: "Seed of the generator: the same seed gives the same corpus.")
    var seed: UInt64 = 1

    @Option(
        parsing: .upToNextOption,
        help:
            "Channel usernames, space- or comma-separated (default: hajun_demo hajun_mirror homiel_watch belarus_watch_en)."
    )
    var channels: [String] = []

    @Option(help: "Start of the simulated clock for --write, RFC 3339 (default: 2022-02-24T00:00:00Z).")
    var start: String?

    @Option(help: "Average posts per simulated day.")
    var postsPerDay: Double = 1000

    @Flag(help: "No missile-launch waves, busy airfields or convoy surges.")
    var noBursts = false

    @Flag(help: "Open with a missile-launch wave and a busy airfield (alert rules fire at once).")
    var openingAlarm = false

    @Option(help: "With --format telegram-bot-api: split into files of this many updates.")
    var updatesPerFile: Int?

    @Option(help: "TCP port for --serve on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8081

    @Option(help: "Bot token the server accepts (default: the simulator's documented demo token).")
    var token: String = SimulatorServer.defaultToken

    @Option(
        help:
            "Publishing rate for --serve: max, realtime, N (posts per second), N/min, N/h or N/day. Default: max with --posts, else 0.2/s."
    )
    var rate: String?

    @Option(help: "Posts published at once when --serve starts with a paced rate.")
    var initialBurst: Int = 25

    @Option(
        help:
            "Fault rule for --serve, FAULT@TRIGGER[@SCOPE], e.g. 503@every:10, 429:3@requests:5-7@getUpdates, slow:2000@p:0.1. Repeatable."
    )
    var fault: [String] = []

    func validate() throws {
        guard (write != nil) != serve else { throw ValidationError("give exactly one of --write DIR and --serve") }
        if write != nil && format == nil { throw ValidationError("--write needs --format") }
        if write != nil, format == .auto { throw ValidationError("--format auto cannot be written; name a format") }
        if let posts, posts < 0 { throw ValidationError("--posts cannot be negative") }
        if let updatesPerFile, updatesPerFile < 1 { throw ValidationError("--updates-per-file must be at least 1") }
        if let start, Timestamp(parsing: start) == nil {
            throw ValidationError("--start '\(start)' is not an RFC 3339 time")
        }
        if let rate, SimulatorRate(parsing: rate) == nil { throw ValidationError("--rate '\(rate)' is not a rate") }
        if postsPerDay <= 0 { throw ValidationError("--posts-per-day must be positive") }
        for rule in fault where FaultRule(parsing: rule) == nil {
            throw ValidationError("--fault '\(rule)' is not FAULT@TRIGGER[@SCOPE]")
        }
    }

    private var simulatedChannels: [SimulatedChannel] {
        let names = channels.flatMap {
            $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        .filter { !$0.isEmpty }
        .map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        return names.isEmpty ? SimulatedChannel.defaults : SimulatedChannel.named(names)
    }

    func run() async throws {
        if let directory = write {
            try writeCorpus(to: directory)
        } else {
            try await serveUntilSignalled()
        }
    }

    private func writeCorpus(to directory: String) throws {
        let corpus = CorpusConfiguration(
            seed: seed,
            channels: simulatedChannels,
            start: start.flatMap { Timestamp(parsing: $0) } ?? CorpusConfiguration.defaultStart,
            postsPerDay: postsPerDay,
            bursts: !noBursts,
            maximumPosts: posts ?? 1000,
            openingAlarm: openingAlarm
        )
        let summary: CorpusWriter.Summary
        do {
            summary = try CorpusWriter.write(corpus, format: format!, to: directory, updatesPerFile: updatesPerFile)
        } catch {
            Diagnostics.fail("simulate: \(error)")
            throw ExitCode(1)
        }
        let files =
            summary.files.count > 6
            ? summary.files.prefix(3).joined(separator: ", ") + ", … (\(summary.files.count) files)"
            : summary.files.joined(separator: ", ")
        print("wrote \(summary.posts) posts and \(summary.edits) edits to \(directory): \(files)")
    }

    private func serveUntilSignalled() async throws {
        let rate = self.rate.flatMap(SimulatorRate.init(parsing:)) ?? (posts != nil ? .unlimited : .postsPerSecond(0.2))
        let configuration = SimulatorServer.Configuration(
            port: port,
            token: token,
            seed: seed,
            channels: simulatedChannels,
            posts: posts,
            rate: rate,
            initialBurst: initialBurst,
            postsPerDay: postsPerDay,
            bursts: !noBursts,
            openingAlarm: openingAlarm,
            faults: fault.compactMap(FaultRule.init(parsing:))
        )
        let server: SimulatorServer
        do {
            server = try await SimulatorServer.start(configuration)
        } catch {
            Diagnostics.fail("simulate: cannot serve: \(error)")
            throw ExitCode(1)
        }
        let names = configuration.channels.map(\.username).joined(separator: ", ")
        // The token is never printed: it may be a real one.
        let banner = """
            hajund simulate: listening on 127.0.0.1:\(server.port)
              Bot API: \(server.baseURL)/bot<token>/getUpdates (token: --token, default in docs/simulator.md)
              RSS:     \(server.baseURL)/rss/<channel>   channels: \(names)
              rate: \(rate), posts: \(posts.map(String.init) ?? "endless"), seed: \(seed)

            """
        FileHandle.standardOutput.write(Data(banner.utf8))
        let (stopSignals, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            return source
        }
        for await _ in stopSignals { break }
        sources.forEach { $0.cancel() }
        await server.stop()
        FileHandle.standardOutput.write(
            Data("hajund simulate: stopped after \(await server.publishedPostCount()) posts\n".utf8))
    }
}
