import HajunCore
import Testing

@Suite struct RuleCorroboratedTests {
    @Test func firesOnceWhenTheIncidentReachesNSources() {
        let engine = RuleEngine(rules: [
            AlertRule(
                name: "confirmed", condition: .corroborated(sources: 3), match: RuleMatch(categories: [.aviation]),
                receiver: "r")
        ])
        let clock = RuleClock()
        #expect(engine.evaluate(RuleTestEvents.event(1, at: clock.now, category: .aviation, sources: 1)).isEmpty)
        #expect(
            engine.evaluate(RuleTestEvents.event(2, at: clock.now, category: .aviation, duplicateOf: 1, sources: 2))
                .isEmpty)
        let alerts = engine.evaluateAlerts(
            RuleTestEvents.event(3, at: clock.now, category: .aviation, duplicateOf: 1, sources: 3))
        #expect(alerts.count == 1)
        #expect(alerts.first?.count == 3)
        #expect(alerts.first?.kind == .corroborated)
        #expect(alerts.first?.summary.contains("confirmed by 3 sources") == true)
        #expect(
            engine.evaluate(RuleTestEvents.event(4, at: clock.now, category: .aviation, duplicateOf: 1, sources: 4))
                .isEmpty)
        #expect(
            engine.evaluate(RuleTestEvents.event(5, at: clock.now, category: .aviation, sources: 3)).count == 1,
            "another incident")
        #expect(
            engine.evaluate(RuleTestEvents.event(6, at: clock.now, category: .arrest, sources: 5)).isEmpty,
            "not matching")
    }
}
