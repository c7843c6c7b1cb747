import Foundation
import HajunCore
import HajunTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `hajund simulate --serve` as a child process, and `hajund run` polling it like a real Bot API: every generated
/// post must land in the log exactly once; dedup and classification quality against the truth are printed.
@Suite("Simulator end to end", .serialized)
struct SimulatorEndToEndTests {
    static let posts = 3000

    @Test("hajund run takes every simulated post exactly once; quality against the truth is printed")
    func daemonAgainstSimulator() async throws {
        let simulator = try SimulatorProcess.start(["--posts", String(Self.posts), "--seed", "2024"])
        defer { simulator.stop() }
        let truth = try await simulator.truth()
        let posts = truth.filter { $0["edit"]?.boolValue == false }
        #expect(posts.count == Self.posts)

        let directory = try TemporaryDirectory("hajund-sim-e2e")
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - name: simulator
                url: \(simulator.getUpdatesURL)
                format: telegram-bot-api
                interval: 200ms
            log:
              path: var/log/events.jsonl
            state:
              directory: var/state
            """
        )
        let logPath = directory.path + "/var/log/events.jsonl"
        let daemon = try SimulatorChildProcess(Hajund.path, ["run", "--config", config], directory: directory.path)
        let started = Date()
        var events: [JSONValue] = []
        while Date().timeIntervalSince(started) < 150 {
            events = SimulatorEndToEndTests.readEvents(logPath)
            if events.count >= truth.count || !daemon.isRunning { break }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        // A little longer, to catch any duplicate the daemon might still write.
        try await Task.sleep(nanoseconds: 700_000_000)
        let result = await daemon.terminate()
        events = SimulatorEndToEndTests.readEvents(logPath)
        let seconds = Date().timeIntervalSince(started)
        #expect(result.status == 0, "hajund run exited with \(result.status): \(result.stderr.suffix(2000))")
        #expect(!result.stderr.contains(SimulatorProcess.token), "the bot token must never be printed")

        // Exactly once, by chat and message id (edits aside).
        var taken: [String: Int] = [:]
        var editsLogged = 0
        for event in events {
            guard let chat = event["source"]?["chat"]?.stringValue, let id = event["source"]?["message_id"]?.int64Value
            else {
                Issue.record("event without chat and message id: \(event.jsonText.prefix(200))")
                continue
            }
            if event["edited_at"]?.isNull == false {
                editsLogged += 1
            } else {
                taken["\(chat)/\(id)", default: 0] += 1
            }
        }
        let expected = Set(posts.map { "\($0["chat"]!.stringValue!)/\($0["message_id"]!.int64Value!)" })
        let missing = expected.subtracting(taken.keys)
        let twice = taken.filter { $0.value > 1 }
        let unknown = Set(taken.keys).subtracting(expected)
        #expect(missing.isEmpty, "\(missing.count) posts never logged, e.g. \(missing.sorted().prefix(5))")
        #expect(twice.isEmpty, "\(twice.count) posts logged more than once, e.g. \(twice.keys.sorted().prefix(5))")
        #expect(unknown.isEmpty, "\(unknown.count) logged posts were never generated")

        // The simulator stops cleanly on SIGTERM.
        let served = simulator.stop()
        #expect(served.status == 0, "hajund simulate --serve exited with \(served.status): \(served.stderr)")
        #expect(served.stdout.contains("stopped after \(Self.posts) posts"))

        let quality = SimulatorQualityReport(truth: posts, events: events)
        print(
            """
            simulator end-to-end: \(posts.count) posts + \(truth.count - posts.count) edits generated, \
            \(events.count) events logged (\(editsLogged) edits) in \(String(format: "%.1f", seconds)) s
            \(quality.summary)
            """
        )
        // Floors below what this seed gives (precision 96 %, recall 91 %), so that a regression in the dedup
        // rules or in the simulator's truth shows.
        #expect(quality.pairPrecision >= 0.93, "dedup pairwise precision \(quality.pairPrecision) on simulated posts")
        #expect(quality.pairRecall >= 0.85, "dedup pairwise recall \(quality.pairRecall) on simulated posts")
    }

    @Test("hajund simulate --write: the same seed gives byte-identical files, another seed other files")
    func writeIsDeterministic() throws {
        let directory = try TemporaryDirectory("hajund-sim-write")
        for format in ["telegram-bot-api", "telegram-export", "rss", "jsonl"] {
            var outputs: [[String: Data]] = []
            for (name, seed) in [("a", "1"), ("b", "1"), ("c", "2")] {
                let target = directory.path + "/\(format)-\(name)"
                let result = try Hajund.run(
                    ["simulate", "--write", target, "--format", format, "--posts", "400", "--seed", seed]
                )
                #expect(result.status == 0, "simulate --write failed: \(result.stderr)")
                #expect(result.stdout.contains("wrote 400 posts"))
                outputs.append(try SimulatorEndToEndTests.files(in: target))
            }
            #expect(outputs[0].keys.contains("truth.jsonl"))
            #expect(outputs[0].count >= 2)
            #expect(outputs[0] == outputs[1], "\(format): two runs with seed 1 differ")
            #expect(outputs[0] != outputs[2], "\(format): seeds 1 and 2 gave the same files")
        }
        let refused = try Hajund.run(["simulate", "--write", directory.path + "/x"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--format"))
    }

    /// Every regular file below `directory` by relative path.
    static func files(in directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    static func readEvents(_ path: String) -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        // Only complete lines: the daemon may be writing the last one.
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .compactMap { try? JSONValue(parsing: String($0)) }
    }
}

/// Dedup and classification quality of logged events against the simulator's truth.
struct SimulatorQualityReport {
    var pairPrecision: Double
    var pairRecall: Double
    var categoryAccuracy: Double
    var regionAccuracy: Double
    var languageAccuracy: Double
    var matched: Int
    var confusions: [(String, Int)]

    init(truth: [JSONValue], events: [JSONValue]) {
        var truthByKey: [String: JSONValue] = [:]
        for line in truth { truthByKey["\(line["chat"]!.stringValue!)/\(line["message_id"]!.int64Value!)"] = line }
        var cells: [String: Int] = [:]
        var predicted: [String: Int] = [:]
        var actual: [String: Int] = [:]
        var category = 0
        var region = 0
        var language = 0
        var matched = 0
        var confusions: [String: Int] = [:]
        for event in events where event["edited_at"]?.isNull != false {
            guard let chat = event["source"]?["chat"]?.stringValue, let id = event["source"]?["message_id"]?.int64Value,
                let line = truthByKey["\(chat)/\(id)"], let eventID = event["id"]?.stringValue
            else { continue }
            matched += 1
            let cluster = event["dedup"]?["of"]?.stringValue ?? eventID
            let incident = line["incident"]!.stringValue!
            cells[cluster + "|" + incident, default: 0] += 1
            predicted[cluster, default: 0] += 1
            actual[incident, default: 0] += 1
            let expectedCategory = line["category"]?.stringValue ?? ""
            let loggedCategory = event["category"]?.stringValue ?? ""
            if expectedCategory == loggedCategory {
                category += 1
            } else {
                confusions["\(expectedCategory)→\(loggedCategory)", default: 0] += 1
            }
            let loggedRegion = event["location"]?["region"]?.stringValue
            if loggedRegion == line["region"]?.stringValue { region += 1 }
            if event["lang"]?.stringValue == line["lang"]?.stringValue { language += 1 }
        }
        func pairs(_ counts: [String: Int]) -> Double { counts.values.reduce(0) { $0 + Double($1 * ($1 - 1) / 2) } }
        let together = pairs(cells)
        pairPrecision = pairs(predicted) > 0 ? together / pairs(predicted) : 1
        pairRecall = pairs(actual) > 0 ? together / pairs(actual) : 1
        let total = Double(max(matched, 1))
        categoryAccuracy = Double(category) / total
        regionAccuracy = Double(region) / total
        languageAccuracy = Double(language) / total
        self.matched = matched
        self.confusions = confusions.sorted { $0.value > $1.value }.prefix(8).map { ($0.key, $0.value) }
    }

    var summary: String {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        return """
            quality over \(matched) posts: dedup pairwise precision \(percent(pairPrecision)), recall \(percent(pairRecall)); \
            category accuracy \(percent(categoryAccuracy)), region accuracy \(percent(regionAccuracy)), \
            language accuracy \(percent(languageAccuracy))
            most frequent category confusions: \(confusions.map { "\($0.0) ×\($0.1)" }.joined(separator: ", "))
            """
    }
}

/// `hajund simulate --serve --port 0` as a child process: started, asked for its port, stopped with SIGTERM.
final class SimulatorProcess: @unchecked Sendable {
    static let token = "5000000001:AAHajunSimulatorDemoTokenNotASecret0"

    let process: SimulatorChildProcess
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var getUpdatesURL: String { baseURL + "/bot" + SimulatorProcess.token + "/getUpdates" }

    private init(process: SimulatorChildProcess, port: Int) {
        self.process = process
        self.port = port
    }

    static func start(_ arguments: [String]) throws -> SimulatorProcess {
        let process = try SimulatorChildProcess(
            Hajund.path, ["simulate", "--serve", "--port", "0"] + arguments, directory: nil)
        guard let line = process.waitForOutputLine(containing: "listening on 127.0.0.1:", timeout: 60),
            let port = Int(line.split(separator: ":").last ?? "")
        else {
            let result = process.terminateNow()
            throw SimulatorTestFailure(message: "hajund simulate did not start: \(result.stderr)")
        }
        return SimulatorProcess(process: process, port: port)
    }

    /// The truth of every published post (`/simulator/truth`).
    func truth() async throws -> [JSONValue] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: baseURL + "/simulator/truth")!)
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONValue(parsing: String($0))
        }
    }

    /// SIGTERM, and how it ended.
    @discardableResult
    func stop() -> SimulatorChildProcess.Outcome {
        process.terminateNow()
    }
}

struct SimulatorTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A child process that runs while the test goes on: output collected in files, stopped with SIGTERM.
final class SimulatorChildProcess: @unchecked Sendable {
    private let process = Process()
    private let stdoutPath: String
    private let stderrPath: String

    init(_ executable: String, _ arguments: [String], directory: String?) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("hajund-child-\(UUID().uuidString)")
            .path
        stdoutPath = base + ".out"
        stderrPath = base + ".err"
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits until a line of stdout contains `marker`; nil on timeout or exit.
    func waitForOutputLine(containing marker: String, timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
            if !process.isRunning { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// How the child ended.
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private var outcome: Outcome?
    private let lock = NSLock()

    /// SIGTERM, then the exit status and output (waiting on a dispatch thread, off the cooperative pool).
    func terminate() async -> Outcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.terminateNow()) }
        }
    }

    @discardableResult
    func terminateNow() -> Outcome {
        lock.lock()
        defer { lock.unlock() }
        if let outcome { return outcome }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let result = Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        try? FileManager.default.removeItem(atPath: stdoutPath)
        try? FileManager.default.removeItem(atPath: stderrPath)
        outcome = result
        return result
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
