import Foundation
import HajunTestSupport
import Testing

/// Users edit the lexicon, not the code: a term added to a copy of the bundled lexicon changes a post's category
/// in `hajund replay --config` with no rebuild, and `hajund check-config` names a malformed lexicon's file, line
/// and key.
@Suite struct LexiconReloadTests {
    static let post = "Над Мозырем видели беспилотники"

    static func setUp(lexicon: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("hajund-lexicon")
        try directory.write(
            "hajund.yaml",
            """
            version: 1
            log:
              path: events.jsonl
            receivers: []
            classifier:
              lexicon: lexicon.yaml
              gazetteer: \(PackageRoot.path("config/gazetteer.yaml"))
            """)
        try directory.write("lexicon.yaml", lexicon)
        let report = #"{"chat": "hajun_by", "message_id": 1, "date": "2022-03-01T07:05:09Z", "text": "\#(post)"}"#
        try directory.write("post.jsonl", report + "\n")
        return directory
    }

    static func replay(_ directory: TemporaryDirectory) throws -> [String: Any] {
        let result = try Hajund.run([
            "replay", "--config", directory.file("hajund.yaml"), "--format", "jsonl", directory.file("post.jsonl"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.lines.first)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func anAddedTermChangesTheCategoryWithoutARebuild() throws {
        let bundled = try String(contentsOfFile: PackageRoot.path("config/lexicon.yaml"), encoding: .utf8)
        let before = try Self.replay(try Self.setUp(lexicon: bundled))
        #expect(before["category"] as? String == "other", "the bundled lexicon does not know drones")

        // The same file with one more aviation term group, as a user would add it.
        let aviation = try #require(bundled.range(of: "\n  aviation:\n"))
        let terms = try #require(bundled.range(of: "    terms:\n", range: aviation.upperBound..<bundled.endIndex))
        var edited = bundled
        edited.insert(contentsOf: "      - weight: 3\n        ru: [беспилотник]\n", at: terms.upperBound)
        let after = try Self.replay(try Self.setUp(lexicon: edited))
        #expect(after["category"] as? String == "aviation")
        let classification = try #require(after["classification"] as? [String: Any])
        #expect((classification["terms"] as? [String])?.contains("ru:беспилотник") == true, "\(classification)")
        #expect((after["location"] as? [String: Any])?["name"] as? String == "Mazyr")
    }

    @Test func checkConfigNamesTheFileLineAndKeyOfAMalformedLexicon() throws {
        let directory = try Self.setUp(
            lexicon:
                "version: 1\ncategories:\n  aviation:\n    severity: high\n    terms:\n      - weight: 2\n        ru: самолёт: 2\n"
        )
        let result = try Hajund.run(["check-config", directory.file("hajund.yaml")])
        #expect(result.status != 0)
        #expect(result.stderr.contains(directory.file("lexicon.yaml") + ":7"), "\(result.stderr)")

        let wrongType = try Self.setUp(
            lexicon:
                "version: 1\ncategories:\n  aviation:\n    severity: high\n    terms:\n      - weight: 2\n        ru: {самолёт: 2}\n"
        )
        let second = try Hajund.run(["check-config", wrongType.file("hajund.yaml")])
        #expect(second.status != 0)
        #expect(
            second.stderr.contains(
                wrongType.file("lexicon.yaml") + ":7: categories.aviation.terms[0].ru: expected a list"),
            "\(second.stderr)")
    }
}
