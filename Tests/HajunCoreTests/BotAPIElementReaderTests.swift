import Foundation
import Testing

@testable import HajunCore

/// A getUpdates response written as Telegram writes it is read one update at a time (small tapes, reports handed
/// on as they are read); these tests hold that path to the general one: the same reports, problems and positions
/// for the same bytes, broken or not.
@Suite("Bot API parser, update by update")
struct BotAPIElementReaderTests {
    private static let post1 =
        #"{"update_id":10,"channel_post":{"message_id":1,"chat":{"id":-1001,"username":"hajun_test","type":"channel"},"date":1645675200,"text":"Колонна техники в Мозыре"}}"#
    private static let post2 =
        #"{"update_id":11,"edited_channel_post":{"message_id":1,"chat":{"id":-1001,"username":"hajun_test","type":"channel"},"date":1645675200,"edit_date":1645675500,"text":"Колонна \u0442ехники: UPD"}}"#
    private static let sticker =
        #"{"update_id":12,"channel_post":{"message_id":2,"chat":{"id":-1001,"username":"hajun_test","type":"channel"},"date":1645675300,"sticker":{}}}"#
    private static let noID =
        #"{"update_id":13,"channel_post":{"chat":{"id":-1001,"username":"hajun_test","type":"channel"},"date":1645675300,"text":"без id"}}"#
    private static let post3 =
        #"{"update_id":14,"channel_post":{"message_id":3,"chat":{"id":-1002,"username":"homiel_watch","type":"channel"},"date":1645675400,"caption":"Су-34 над Барановичами"}}"#

    private struct Outcome: Equatable {
        var reports: [Report]
        var problems: [FeedProblem]
        var lastUpdateID: Int64?
    }

    private func parse(_ text: String, elementByElement: Bool) -> Outcome {
        var context = FeedParseContext(
            bytes: Array(text.utf8), feed: "bot", origin: "test.json", limits: .default)
        let last = BotAPIParser.parse(&context, elementByElement: elementByElement)
        return Outcome(reports: context.reports, problems: context.problems, lastUpdateID: last)
    }

    /// Parses `text` both ways, expects the same outcome, and returns it.
    @discardableResult
    private func bothWays(_ text: String, streamed: Bool = true) -> Outcome {
        #expect((BotAPIParser.streamableResult(Array(text.utf8)) != nil) == streamed)
        let general = parse(text, elementByElement: false)
        let elements = parse(text, elementByElement: true)
        #expect(elements == general)
        return elements
    }

    private func response(_ updates: [String], separator: String = ",\n") -> String {
        #"{"ok":true,"result":["# + "\n" + updates.joined(separator: separator) + "\n]}\n"
    }

    @Test func wellFormedResponseGivesTheSameReportsAndPositions() {
        let outcome = bothWays(response([Self.post1, Self.post2, "42", Self.sticker, Self.noID, Self.post3]))
        #expect(outcome.reports.map(\.messageID) == [1, 1, 3])
        #expect(outcome.reports[1].text == "Колонна техники: UPD")
        #expect(outcome.reports[2].position.line == 7)
        #expect(outcome.lastUpdateID == 14)
        // The number that is not an update, and the post without a message id.
        #expect(outcome.problems.count == 2)
        #expect(outcome.problems[0].message.contains("update #3 is a number, not an object"))
        #expect(outcome.problems[1].message.contains("has no integer \"message_id\""))
    }

    @Test func everythingOnOneLineAsTelegramSendsIt() {
        let outcome = bothWays(response([Self.post1, Self.post2, Self.post3], separator: ","))
        #expect(outcome.reports.count == 3)
        #expect(outcome.problems.isEmpty)
    }

    @Test func emptyResult() {
        let outcome = bothWays(#"{"ok":true,"result":[  ]}"#)
        #expect(outcome.reports.isEmpty)
        #expect(outcome.problems.isEmpty)
    }

    @Test func syntaxErrorInsideAnUpdateKeepsTheUpdatesBeforeIt() {
        let broken = Self.post2.replacingOccurrences(of: #"\u0442"#, with: #"\q"#)
        let outcome = bothWays(response([Self.post1, broken, Self.post3]))
        #expect(outcome.reports.map(\.messageID) == [1])
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems[0].message.contains("invalid escape"))
        #expect(outcome.problems[0].position.line == 3)
    }

    @Test func missingCommaBetweenUpdates() {
        let outcome = bothWays(response([Self.post1, Self.post3], separator: "\n"))
        #expect(outcome.reports.map(\.messageID) == [1])
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems[0].message.contains("expected ',' or ']' after an array element"))
    }

    @Test func trailingCommaBeforeTheEnd() {
        let outcome = bothWays(#"{"ok":true,"result":["# + Self.post1 + ",]}")
        #expect(outcome.reports.count == 1)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems[0].message.contains("expected a JSON value"))
    }

    @Test func keysAfterTheResultAreValid() {
        let outcome = bothWays(#"{"ok":true,"result":["# + Self.post1 + #"],"extra":[1,2]}"#)
        #expect(outcome.reports.count == 1)
        #expect(outcome.problems.isEmpty)
    }

    @Test func garbageAfterTheResult() {
        let outcome = bothWays(#"{"ok":true,"result":["# + Self.post1 + "],]}")
        #expect(outcome.reports.count == 1)
        #expect(outcome.problems.count == 1)
    }

    @Test func responseCutOffInsideTheLastUpdate() {
        // Ends in `]}` by accident: the array of the last update, not the response.
        let outcome = bothWays(#"{"ok":true,"result":["# + Self.post1 + #",{"update_id":15,"x":[]}"#)
        #expect(outcome.reports.count == 1)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems[0].message.contains("unexpected end of input"))
    }

    @Test func truncatedResponseTakesTheGeneralPath() {
        let text = String(response([Self.post1, Self.post3]).dropLast(30))
        let outcome = bothWays(text, streamed: false)
        #expect(outcome.reports.count == 1)
        #expect(outcome.problems.count == 1)
    }

    @Test func nestingLimitCountsTheResponseLevels() {
        // The response object, the result array and the update take three of the 256 levels.
        let deep = String(repeating: "[", count: 253) + String(repeating: "]", count: 253)
        let tooDeep = String(repeating: "[", count: 254) + String(repeating: "]", count: 254)
        let fits = bothWays(response([Self.post1, #"{"update_id":16,"x":"# + deep + "}"]))
        #expect(fits.problems.isEmpty)
        let refused = bothWays(response([Self.post1, #"{"update_id":16,"x":"# + tooDeep + "}", Self.post3]))
        #expect(refused.reports.count == 1)
        #expect(refused.problems.count == 1)
        #expect(refused.problems[0].message.contains("nesting deeper than"))
    }

    @Test func reportsHandedOnAsReadMatchTheCollectedOnes() {
        let bytes = Array(response([Self.post1, Self.post2, Self.sticker, Self.post3]).utf8)
        let collected = FeedParser.parse(bytes, format: .auto, feed: "bot", origin: "test.json")
        final class Sink { var reports: [Report] = [] }
        let sink = Sink()
        let handedOn = FeedParser.parse(bytes, format: .auto, feed: "bot", origin: "test.json") {
            sink.reports.append($0)
        }
        #expect(handedOn.reports.isEmpty)
        #expect(sink.reports == collected.reports)
        #expect(sink.reports.count == 3)
        #expect(handedOn.problems == collected.problems)
        #expect(handedOn.lastUpdateID == 14)
    }
}
