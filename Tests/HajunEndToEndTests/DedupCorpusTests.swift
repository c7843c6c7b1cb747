import Foundation
import HajunTestSupport
import Testing

/// The labelled dedup corpus (Tests/Fixtures/dedup, written for hajund) through `hajund replay`, the way users
/// meet dedup: pairwise precision and recall of "same incident", and no hard negative merged.
@Suite struct DedupCorpusTests {
    static let corpus = "Tests/Fixtures/dedup/corpus.jsonl"
    static let minimumPrecision = 0.98
    static let minimumRecall = 0.95

    struct Post {
        var line: Int
        var chat: String
        var messageID: Int
        var text: String
        var incident: String
        var hardNegativeOf: String?
    }

    struct Judged {
        var id: String
        var status: String
        var of: String?
        var sources: Int
        /// The incident hajund put the post in: its first event.
        var root: String { of ?? id }
    }

    static func object(_ line: Substring) throws -> [String: Any] {
        try #require(
            (try JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any], "not a JSON object: \(line)")
    }

    static func posts() throws -> [Post] {
        let text = try String(contentsOfFile: PackageRoot.path(corpus), encoding: .utf8)
        return try text.split(separator: "\n").enumerated().map { index, line in
            let post = try object(line)
            return Post(
                line: index + 1, chat: try #require(post["chat"] as? String),
                messageID: try #require(post["message_id"] as? Int), text: try #require(post["text"] as? String),
                incident: try #require(post["incident"] as? String), hardNegativeOf: post["hard_negative_of"] as? String
            )
        }
    }

    static func replay() throws -> [Judged] {
        let result = try Hajund.run(["replay", "--format", "jsonl", PackageRoot.path(corpus)])
        #expect(result.status == 0, "replay failed: \(result.stderr)")
        return try result.lines.map { line in
            let event = try object(Substring(line))
            let dedup = try #require(event["dedup"] as? [String: Any])
            let fingerprint = try #require(event["fingerprint"] as? [String: Any])
            #expect((fingerprint["exact"] as? String)?.count == 16 && (fingerprint["simhash"] as? String)?.count == 16)
            return Judged(
                id: try #require(event["id"] as? String), status: try #require(dedup["status"] as? String),
                of: dedup["of"] as? String, sources: try #require(dedup["sources"] as? Int))
        }
    }

    @Test func corpusIsLargeVariedAndWellFormed() throws {
        let posts = try Self.posts()
        #expect(posts.count >= 400)
        #expect(posts.filter { $0.hardNegativeOf != nil }.count >= 40)
        let incidents = Set(posts.map(\.incident))
        for post in posts {
            if let target = post.hardNegativeOf { #expect(incidents.contains(target), "line \(post.line)") }
        }
        // Russian, Belarusian and English, and the variants the corpus exists for.
        #expect(posts.contains { $0.text.contains("ў") })
        #expect(posts.contains { $0.text.range(of: "[a-z]{4} [a-z]{4}", options: .regularExpression) != nil })
        #expect(posts.contains { $0.text.contains("ё") })
    }

    @Test func pairwisePrecisionAndRecallThroughReplay() throws {
        let posts = try Self.posts()
        let judged = try Self.replay()
        try #require(judged.count == posts.count, "one event per post: \(judged.count) events for \(posts.count) posts")

        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var wrongMerges: [String] = []
        var missedPairs: [String: Int] = [:]
        for i in posts.indices {
            for j in posts.indices where j > i {
                let same = posts[i].incident == posts[j].incident
                let merged = judged[i].root == judged[j].root
                switch (same, merged) {
                case (true, true): truePositives += 1
                case (false, true):
                    falsePositives += 1
                    wrongMerges.append(
                        "line \(posts[i].line) [\(posts[i].incident)] + line \(posts[j].line) [\(posts[j].incident)]")
                case (true, false):
                    falseNegatives += 1
                    missedPairs["line \(posts[j].line) [\(posts[j].incident)] \(judged[j].status)", default: 0] += 1
                case (false, false): break
                }
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        let statuses = Dictionary(grouping: judged, by: \.status).mapValues(\.count)
        print(
            "dedup corpus: \(posts.count) posts, \(Set(posts.map(\.incident)).count) incidents, "
                + "\(truePositives + falseNegatives) same-incident pairs; "
                + String(format: "pairwise precision %.4f, recall %.4f", precision, recall)
                + "; verdicts \(statuses.sorted { $0.key < $1.key })")
        for merge in wrongMerges.prefix(20) { print("  wrongly merged: \(merge)") }
        for (post, count) in missedPairs.sorted(by: { $0.key < $1.key }).prefix(40) {
            print("  not joined to its incident: \(post) (\(count) pairs)")
        }
        #expect(precision >= Self.minimumPrecision, "precision \(precision)")
        #expect(recall >= Self.minimumRecall, "recall \(recall)")
    }

    @Test func noHardNegativeIsMerged() throws {
        let posts = try Self.posts()
        let judged = try Self.replay()
        try #require(judged.count == posts.count)
        let roots = Dictionary(grouping: posts.indices, by: { posts[$0].incident }).mapValues {
            Set($0.map { judged[$0].root })
        }
        var merged: [String] = []
        for index in posts.indices {
            guard let target = posts[index].hardNegativeOf else { continue }
            if roots[target, default: []].contains(judged[index].root) {
                merged.append("line \(posts[index].line) (\(posts[index].incident)) merged into \(target)")
            }
        }
        #expect(merged.isEmpty, "\(merged.joined(separator: "; "))")
    }

    @Test func duplicatesFromOtherChannelsCountAsSources() throws {
        let posts = try Self.posts()
        let judged = try Self.replay()
        try #require(judged.count == posts.count)
        // The Su-34 take-off was reported by seven channels (one of them twice, one a forward): the incident's
        // last event counts every distinct channel that reported it first-hand.
        let su34 = posts.indices.filter { posts[$0].incident == "su34-machulishchy" }
        let channels = Set(su34.map { posts[$0].chat })
        #expect(judged[su34.last!].sources == channels.count)
        #expect(judged[su34.first!].status == "new" && judged[su34.first!].sources == 1)
        // A forward is no new source: the forwarded channel already counted.
        let luninets = posts.indices.filter { posts[$0].incident == "tanks-train-luninets" }
        let position = try #require(luninets.firstIndex { posts[$0].chat == "belarus_osint" })
        let (forward, before) = (luninets[position], luninets[position - 1])
        #expect(judged[forward].status == "exact")
        #expect(judged[forward].sources == judged[before].sources)
    }
}
