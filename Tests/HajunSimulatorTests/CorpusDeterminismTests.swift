import Foundation
import HajunCore
import HajunSimulator
import HajunTestSupport
import Testing

@Suite("Simulator corpus determinism")
struct CorpusDeterminismTests {
    static let formats: [FeedFormat] = [.telegramBotAPI, .telegramExport, .rss, .jsonl]

    @Test("the same seed writes byte-identical files, another seed different ones", arguments: formats)
    func sameSeedSameBytes(format: FeedFormat) async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            let first = try CorpusWriter.write(
                CorpusConfiguration(seed: 7, maximumPosts: 1500), format: format, to: directory.path + "/a")
            let second = try CorpusWriter.write(
                CorpusConfiguration(seed: 7, maximumPosts: 1500), format: format, to: directory.path + "/b")
            let other = try CorpusWriter.write(
                CorpusConfiguration(seed: 8, maximumPosts: 1500), format: format, to: directory.path + "/c")
            #expect(first == second)
            #expect(first.posts == 1500)
            #expect(first.files.last == "truth.jsonl")
            for file in first.files {
                let a = try Data(contentsOf: URL(fileURLWithPath: (directory.path + "/a/" + file)))
                let b = try Data(contentsOf: URL(fileURLWithPath: (directory.path + "/b/" + file)))
                #expect(a == b, "\(file) differs between two runs with the same seed")
                #expect(a.count > 100)
            }
            let a = try Data(contentsOf: URL(fileURLWithPath: (directory.path + "/a/" + first.files[0])))
            let c = try Data(contentsOf: URL(fileURLWithPath: (directory.path + "/c/" + other.files[0])))
            #expect(a != c, "seeds 7 and 8 gave the same \(first.files[0])")
        }
    }

    @Test("the generator's stream is the same for a seed, and no partial files are left")
    func generatorStream() async throws {
        try await OffPool.run {
            let a = Array(CorpusGenerator(CorpusConfiguration(seed: 42, maximumPosts: 800)))
            let b = Array(CorpusGenerator(CorpusConfiguration(seed: 42, maximumPosts: 800)))
            let c = Array(CorpusGenerator(CorpusConfiguration(seed: 43, maximumPosts: 800)))
            #expect(a == b)
            #expect(a != c)
            #expect(a.filter { !$0.isEdit }.count == 800)

            let directory = try TemporaryDirectory("hajund-sim")
            _ = try CorpusWriter.write(
                CorpusConfiguration(seed: 1, maximumPosts: 50), format: .jsonl, to: directory.path)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(names.sorted() == ["reports.jsonl", "truth.jsonl"])
        }
    }

    @Test("a Bot API corpus splits into files of a given number of updates with consecutive update ids")
    func splitBotAPI() async throws {
        try await OffPool.run {
            let directory = try TemporaryDirectory("hajund-sim")
            let summary = try CorpusWriter.write(
                CorpusConfiguration(seed: 3, maximumPosts: 250), format: .telegramBotAPI, to: directory.path,
                updatesPerFile: 100
            )
            let deliveries = summary.posts + summary.edits
            #expect(summary.files.count == (deliveries + 99) / 100 + 1)
            #expect(summary.files.first == "updates-000001.json")
            var ids: [Int64] = []
            for file in summary.files.dropLast() {
                let json = try JSONValue(
                    parsing: Array(try Data(contentsOf: URL(fileURLWithPath: (directory.path + "/" + file)))))
                guard case .array(let updates)? = json["result"] else {
                    Issue.record("\(file) has no result array")
                    continue
                }
                #expect(updates.count <= 100)
                ids += updates.compactMap { $0["update_id"]?.int64Value }
            }
            #expect(ids.count == deliveries)
            #expect(ids == Array(ids[0]..<(ids[0] + Int64(ids.count))))
            #expect(ids[0] == CorpusWriter.firstUpdateID(seed: 3))
        }
    }
}
