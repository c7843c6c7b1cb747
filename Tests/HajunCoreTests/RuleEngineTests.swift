import HajunCore
import Testing

@Suite struct RuleEngineTests {
    private func event(
        _ category: HajunCore.Category, severity: Severity, id: UInt64, of: UInt64? = nil, region: Region? = nil
    ) -> Event {
        RuleTestEvents.event(
            id, at: Timestamp(secondsSince1970: 0), category: category, severity: severity, region: region,
            duplicateOf: of)
    }

    @Test func anyRuleFiresOncePerIncident() {
        let engine = RuleEngine(rules: [
            AlertRule(name: "launch", match: RuleMatch(categories: [.missileLaunch]), receiver: "r")
        ])
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

    @Test func everyRuleThatMatchesFiresInConfigurationOrder() {
        let engine = RuleEngine(rules: [
            AlertRule(name: "all", receiver: "a"),
            AlertRule(name: "launch", match: RuleMatch(categories: [.missileLaunch]), receiver: "b"),
            AlertRule(name: "critical", match: RuleMatch(minimumSeverity: .critical), receiver: "c"),
        ])
        #expect(
            engine.evaluate(event(.missileLaunch, severity: .critical, id: 1)).map(\.name) == [
                "all", "launch", "critical",
            ])
        #expect(engine.evaluate(event(.aviation, severity: .low, id: 2)).map(\.name) == ["all"])
    }

    /// After a crash the same event (same id) may be processed again: it fires again with the same alert id, so the
    /// outbox can drop the copy, and a duplicate of it still does not fire.
    @Test func reEvaluatingAnEventGivesTheSameAlert() {
        let engine = RuleEngine(rules: [AlertRule(name: "all", receiver: "r")])
        let first = engine.evaluateAlerts(event(.aviation, severity: .high, id: 7))
        let again = engine.evaluateAlerts(event(.aviation, severity: .high, id: 7))
        #expect(first.count == 1)
        #expect(again.map(\.id) == first.map(\.id))
        #expect(engine.evaluateAlerts(event(.aviation, severity: .high, id: 8, of: 7)).isEmpty)
    }

    @Test func alertIDsAreStableForRuleAndEvent() {
        let rule = AlertRule(name: "all", receiver: "r")
        let a = Alert(
            rule: rule, event: event(.aviation, severity: .high, id: 42), firedAt: Timestamp(secondsSince1970: 1))
        let b = Alert(
            rule: rule, event: event(.arrest, severity: .low, id: 42), firedAt: Timestamp(secondsSince1970: 9))
        let other = Alert(
            rule: AlertRule(name: "other", receiver: "r"), event: event(.aviation, severity: .high, id: 42),
            firedAt: a.firedAt)
        #expect(a.id == b.id)
        #expect(a.id != other.id)
        #expect(a.id == Alert.id(rule: "all", event: EventID(rawValue: 42)))
        #expect(a.id.utf8.count == 16)
    }

    @Test func recordsFullNoticesForTheAlertCenter() {
        let rule = AlertRule(
            name: "burst", condition: .frequency(count: 2, windowMilliseconds: 600_000), receiver: "r",
            groupBy: [.region])
        let engine = RuleEngine(rules: [rule], recordsAlerts: true)
        let t = Timestamp(secondsSince1970: 1_000)
        _ = engine.evaluate(RuleTestEvents.event(1, at: t, region: .homiel))
        let fired = engine.evaluate(RuleTestEvents.event(2, at: t.adding(milliseconds: 1000), region: .homiel))
        #expect(fired.map(\.name) == ["burst"])
        let recorded = engine.takeRecordedAlerts()
        let id = Alert.id(rule: "burst", event: EventID(rawValue: 2))
        #expect(recorded[id]?.count == 2)
        #expect(recorded[id]?.group == [GroupLabel(name: "region", value: "homiel")])
        #expect(engine.takeRecordedAlerts().isEmpty)
    }

    @Test func encodesANoticeAsOneJSONLine() {
        let rule = AlertRule(name: "launch \"x\"", receiver: "hook", groupBy: [.region])
        let alert = Alert(
            rule: rule,
            event: RuleTestEvents.event(5, at: Timestamp(secondsSince1970: 60), region: .brest, text: "Пуск\nракет"),
            firedAt: Timestamp(secondsSince1970: 61))
        let line = String(decoding: alert.encodedLine(), as: UTF8.self)
        #expect(!line.contains("\n"))
        #expect(
            line.hasPrefix(
                #"{"alert_id":"\#(alert.id)","rule":"launch \"x\"","kind":"any","status":"firing","receiver":"hook","#))
        #expect(line.contains(#""fired_at":"1970-01-01T00:01:01Z","starts_at":"1970-01-01T00:01:00Z","ends_at":null"#))
        #expect(line.contains(#""group":{"region":"brest"},"count":1,"threshold":1,"#))
        #expect(line.contains(#""event":{"id":"0000000000000005""#))
        #expect(line.contains(#"Пуск ракет"#), "the summary flattens lines: \(line)")
    }
}
