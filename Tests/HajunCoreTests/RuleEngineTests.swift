import HajunCore
import Testing

@Suite struct RuleEngineTests {
    private func event(_ category: HajunCore.Category, severity: Severity, id: UInt64, of: UInt64? = nil, region: Region? = nil) -> Event {
        let place = region.map { PlaceMention(id: "p", name: "P", region: $0, kind: .town) }
        return Event(
            id: EventID(rawValue: id),
            seq: Int64(id),
            report: Report(feed: "f", chat: "c", messageID: Int64(id), postedAt: Timestamp(secondsSince1970: 0), text: "t"),
            receivedAt: Timestamp(secondsSince1970: 0),
            classification: Classification(category: category, severity: severity, language: .ru, location: place),
            dedup: DedupVerdict(status: of == nil ? .new : .exact, of: of.map { EventID(rawValue: $0) }),
            fingerprint: Fingerprint(exact: 0, simhash: 0)
        )
    }

    @Test func anyRuleFiresOncePerIncident() {
        let engine = RuleEngine(rules: [AlertRule(name: "launch", match: RuleMatch(categories: [.missileLaunch]), receiver: "r")])
        #expect(engine.evaluate(event(.missileLaunch, severity: .critical, id: 1)).map(\.name) == ["launch"])
        #expect(engine.evaluate(event(.missileLaunch, severity: .critical, id: 2, of: 1)).isEmpty)
        #expect(engine.evaluate(event(.aviation, severity: .high, id: 3)).isEmpty)
        #expect(engine.evaluate(event(.missileLaunch, severity: .critical, id: 4)).map(\.name) == ["launch"])
    }

    @Test func matchesSeverityFloorAndRegion() {
        let rule = AlertRule(name: "r", match: RuleMatch(minimumSeverity: .high, regions: [.homiel]), receiver: "x")
        let engine = RuleEngine(rules: [rule])
        #expect(engine.evaluate(event(.aviation, severity: .medium, id: 1, region: .homiel)).isEmpty)
        #expect(engine.evaluate(event(.aviation, severity: .high, id: 2, region: .brest)).isEmpty)
        #expect(engine.evaluate(event(.aviation, severity: .high, id: 3)).isEmpty)
        #expect(engine.evaluate(event(.aviation, severity: .critical, id: 4, region: .homiel)).count == 1)
    }
}
