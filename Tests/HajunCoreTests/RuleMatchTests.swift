import HajunCore
import Testing

@Suite struct RuleMatchTests {
    private let now = Timestamp(secondsSince1970: 1_700_000_000)

    @Test func placeMatchesIdNameOrDirection() {
        let mazyr = RuleTestEvents.event(1, at: now, region: .homiel, place: "mazyr")
        #expect(RuleMatch(places: ["mazyr"]).matches(mazyr))
        #expect(RuleMatch(places: ["MAZYR"]).matches(mazyr), "case does not matter")
        #expect(!RuleMatch(places: ["pinsk"]).matches(mazyr))
        let heading = RuleTestEvents.event(
            2, at: now, direction: PlaceMention(id: "yelsk", name: "Yelsk", region: .homiel, kind: .town)
        )
        #expect(RuleMatch(places: ["Yelsk"]).matches(heading), "the direction counts as a named place")
    }

    @Test func equipmentTextFeedChatAndStatus() throws {
        let event = RuleTestEvents.event(
            1, at: now, feed: "bot", chat: "hajun", duplicateOf: 9, text: "На аэродром Мачулищи прилетели 2 Су-34",
            equipment: ["su-34"]
        )
        #expect(RuleMatch(equipment: ["su-34", "iskander"]).matches(event))
        #expect(!RuleMatch(equipment: ["iskander"]).matches(event))
        #expect(try RuleMatch(text: TextPattern("мачулищ")).matches(event), "case-insensitive, Cyrillic")
        #expect(try RuleMatch(text: TextPattern(#"\d+\s+су-\d+"#)).matches(event))
        #expect(try !RuleMatch(text: TextPattern("искандер")).matches(event))
        #expect(RuleMatch(feeds: ["bot"], chats: ["hajun"]).matches(event))
        #expect(!RuleMatch(chats: ["other"]).matches(event))
        #expect(RuleMatch(statuses: [.near]).matches(event))
        #expect(!RuleMatch(statuses: [.new]).matches(event))
    }

    @Test func everyConditionMustHold() throws {
        let match = RuleMatch(
            categories: [.aviation], minimumSeverity: .high, regions: [.minsk], text: try TextPattern("су"))
        #expect(
            match.matches(
                RuleTestEvents.event(1, at: now, category: .aviation, severity: .high, region: .minsk, text: "Су-34")))
        #expect(
            !match.matches(
                RuleTestEvents.event(2, at: now, category: .aviation, severity: .high, region: .minsk, text: "Ми-8")))
        #expect(
            !match.matches(
                RuleTestEvents.event(3, at: now, category: .aviation, severity: .high, region: .brest, text: "Су-34")))
        #expect(
            !match.matches(
                RuleTestEvents.event(4, at: now, category: .arrest, severity: .high, region: .minsk, text: "Су-34")))
        #expect(RuleMatch().isEmpty && !match.isEmpty)
    }

    @Test func invalidPatternIsAnError() {
        #expect(throws: TextPatternError.self) { try TextPattern("(unclosed") }
    }

    @Test func labelsAnswerWhatTheyCan() {
        let labels = [GroupLabel(name: "feed", value: "bot"), GroupLabel(name: "region", value: "homiel")]
        #expect(RuleMatch(feeds: ["bot"]).matches(labels: labels))
        #expect(RuleMatch(regions: [.homiel]).matches(labels: labels))
        #expect(!RuleMatch(regions: [.brest]).matches(labels: labels))
        #expect(
            !RuleMatch(categories: [.aviation]).matches(labels: labels),
            "a condition the labels cannot answer does not hold")
        #expect(RuleMatch().matches(labels: []))
    }
}
