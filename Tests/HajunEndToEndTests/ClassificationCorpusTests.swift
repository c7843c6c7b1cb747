import Foundation
import HajunTestSupport
import Testing

/// The labelled corpus through `hajund replay`, the way users meet the classifier: category accuracy, macro-F1,
/// a confusion matrix, region accuracy (where the post names a place) and language accuracy.
///
/// `corpus.jsonl` (451 posts) is the corpus the bundled lexicon was tuned against; `heldout.jsonl` (100 posts) was
/// written after that tuning, without looking at the lexicon, and has not been tuned against: keep it that way, so
/// it keeps telling how the lexicon does on posts it has not seen.
@Suite struct ClassificationCorpusTests {
    static let corpus = "Tests/Fixtures/classification/corpus.jsonl"
    static let heldOut = "Tests/Fixtures/classification/heldout.jsonl"
    static let categories = [
        "troop_movement", "aviation", "missile_launch", "rail_sabotage", "cyber_attack", "arrest", "mobilization",
        "exercise", "protest", "other",
    ]

    struct Label {
        var category: String
        var region: String?
        var language: String
    }

    struct Key: Hashable {
        var chat: String
        var messageID: Int
    }

    static func object(_ line: Substring) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    static func labels(_ file: String = corpus) throws -> [Key: Label] {
        let text = try String(contentsOfFile: PackageRoot.path(file), encoding: .utf8)
        var labels: [Key: Label] = [:]
        for line in text.split(separator: "\n") {
            let post = try #require(object(line))
            let key = Key(
                chat: try #require(post["chat"] as? String), messageID: try #require(post["message_id"] as? Int))
            labels[key] = Label(
                category: try #require(post["label_category"] as? String), region: post["label_region"] as? String,
                language: try #require(post["label_lang"] as? String))
        }
        return labels
    }

    @Test func theCorpusIsBigAndBalancedEnough() throws {
        let labels = try Self.labels()
        #expect(labels.count >= 400)
        for category in Self.categories {
            #expect(labels.values.filter { $0.category == category }.count >= 25, "\(category)")
        }
        for language in ["ru", "be", "uk", "en"] {
            #expect(labels.values.contains { $0.language == language }, "\(language)")
        }
    }

    @Test(arguments: [corpus, heldOut])
    func replayClassifiesTheCorpus(file: String) throws {
        let labels = try Self.labels(file)
        let result = try Hajund.run(["replay", "--format", "jsonl", file], currentDirectory: PackageRoot.path)
        #expect(result.status == 0, "\(result.stderr)")
        let events = result.lines.compactMap { Self.object(Substring($0)) }
        #expect(events.count == labels.count, "one event per post")

        var confusion: [String: [String: Int]] = [:]
        var correct = 0
        var regionTotal = 0
        var regionCorrect = 0
        var languageCorrect = 0
        var mistakes: [String] = []
        for event in events {
            let source = try #require(event["source"] as? [String: Any])
            let key = Key(
                chat: try #require(source["chat"] as? String), messageID: try #require(source["message_id"] as? Int))
            let label = try #require(labels[key], "event for an unknown post \(key)")
            let category = event["category"] as? String ?? "?"
            confusion[label.category, default: [:]][category, default: 0] += 1
            if category == label.category {
                correct += 1
            } else {
                mistakes.append("\(label.category) -> \(category): \(event["text"] as? String ?? "")")
            }
            if let region = label.region {
                regionTotal += 1
                if ((event["location"] as? [String: Any])?["region"] as? String) == region { regionCorrect += 1 }
            }
            if event["lang"] as? String == label.language { languageCorrect += 1 }
        }

        let total = Double(events.count)
        let accuracy = Double(correct) / total
        var f1s: [Double] = []
        for category in Self.categories {
            let truePositives = Double(confusion[category]?[category] ?? 0)
            let predicted = Double(confusion.values.reduce(0) { $0 + ($1[category] ?? 0) })
            let actual = Double(confusion[category]?.values.reduce(0, +) ?? 0)
            let precision = predicted == 0 ? 0 : truePositives / predicted
            let recall = actual == 0 ? 0 : truePositives / actual
            f1s.append(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall))
        }
        let macroF1 = f1s.reduce(0, +) / Double(f1s.count)
        let regionAccuracy = Double(regionCorrect) / Double(max(regionTotal, 1))
        let languageAccuracy = Double(languageCorrect) / total

        var report = "\(file): \(events.count) posts\n"
        report += "category accuracy \(format(accuracy)), macro-F1 \(format(macroF1)), "
        report += "region accuracy \(format(regionAccuracy)) (\(regionTotal) posts name a place), "
        report += "language accuracy \(format(languageAccuracy))\n"
        report += "confusion (rows: label, columns: decided)\n" + Self.matrix(confusion)
        report += mistakes.map { "  ✗ \($0)\n" }.joined()
        print(report)

        #expect(accuracy >= 0.92, "category accuracy \(accuracy)")
        #expect(macroF1 >= 0.90, "macro-F1 \(macroF1)")
        #expect(regionAccuracy >= 0.90, "region accuracy \(regionAccuracy)")
        #expect(languageAccuracy >= 0.95, "language accuracy \(languageAccuracy)")
    }

    static func matrix(_ confusion: [String: [String: Int]]) -> String {
        let short = categories.map { String($0.prefix(5)) }
        var out = "".padding(toLength: 16, withPad: " ", startingAt: 0) + short.map { pad($0, 6) }.joined() + "\n"
        for row in categories {
            out += row.padding(toLength: 16, withPad: " ", startingAt: 0)
            out += categories.map { pad(String(confusion[row]?[$0] ?? 0), 6) }.joined() + "\n"
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
