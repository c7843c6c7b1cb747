import HajunCore
import Testing

@Suite struct RuleFrequencyTests {
    private let rule = AlertRule(
        name: "convoys",
        condition: .frequency(count: 3, windowMilliseconds: 10 * 60_000),
        match: RuleMatch(categories: [.troopMovement]),
        receiver: "hook",
        groupBy: [.region]
    )

    @Test func firesAtTheNthIncidentWithinTheWindowPerGroup() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        #expect(engine.evaluate(RuleTestEvents.event(1, at: clock.now, region: .homiel)).isEmpty)
        clock.advance(minutes: 1)
        #expect(engine.evaluate(RuleTestEvents.event(2, at: clock.now, region: .brest)).isEmpty, "another group")
        #expect(engine.evaluate(RuleTestEvents.event(3, at: clock.now, region: .homiel)).isEmpty)
        #expect(
            engine.evaluate(RuleTestEvents.event(4, at: clock.now, region: .homiel, duplicateOf: 3)).isEmpty,
            "a repost is not an incident")
        #expect(
            engine.evaluate(RuleTestEvents.event(5, at: clock.now, category: .arrest, region: .homiel)).isEmpty,
            "not matching")
        clock.advance(minutes: 2)
        let alerts = engine.evaluateAlerts(RuleTestEvents.event(6, at: clock.now, region: .homiel))
        #expect(alerts.count == 1)
        #expect(alerts.first?.status == .firing)
        #expect(alerts.first?.count == 3)
        #expect(alerts.first?.threshold == 3)
        #expect(alerts.first?.group == [GroupLabel(name: "region", value: "homiel")])
        #expect(alerts.first?.summary.contains("3 incidents within 10m") == true)
        clock.advance(minutes: 1)
        #expect(
            engine.evaluate(RuleTestEvents.event(7, at: clock.now, region: .homiel)).isEmpty, "fires once per episode")
    }

    @Test func incidentsSlideOutOfTheWindow() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        for id in 1...6 as ClosedRange<UInt64> {
            #expect(engine.evaluate(RuleTestEvents.event(id, at: clock.now, region: .minsk)).isEmpty)
            clock.advance(minutes: 6)
        }
    }

    @Test func postsOlderThanTheWindowDoNotCount() {
        let engine = RuleEngine(rules: [rule])
        let clock = RuleClock()
        let old = clock.now.adding(milliseconds: -3_600_000)
        for id in 1...3 as ClosedRange<UInt64> {
            #expect(engine.evaluate(RuleTestEvents.event(id, at: clock.now, postedAt: old, region: .minsk)).isEmpty)
        }
    }

    @Test func resolvesWhenTheCountDropsBelowN() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        let start = clock.now
        for id in 1...3 as ClosedRange<UInt64> {
            _ = engine.evaluate(RuleTestEvents.event(id, at: clock.now, region: .homiel))
            clock.advance(minutes: 1)
        }
        #expect(engine.tick(now: clock.now).isEmpty, "still holding")
        clock.advance(minutes: 7)  // 10 min after the first incident: it leaves the window
        let resolved = engine.tick(now: clock.now)
        #expect(resolved.count == 1)
        #expect(resolved.first?.status == .resolved)
        #expect(resolved.first?.event == nil)
        #expect(resolved.first?.count == 2)
        #expect(resolved.first?.startsAt == start.adding(milliseconds: 120_000))
        #expect(resolved.first?.endsAt == clock.now)
        #expect(resolved.first?.summary.hasPrefix("convoys resolved") == true)
        clock.advance(minutes: 1)
        #expect(engine.tick(now: clock.now).isEmpty, "resolved once")
        // A new episode fires again, with its own id.
        for id in 10...12 as ClosedRange<UInt64> {
            _ = engine.evaluate(RuleTestEvents.event(id, at: clock.now, region: .homiel))
        }
        #expect(engine.takeRecordedAlerts().isEmpty, "recording is off by default")
    }

    @Test func remindsWhileHoldingWhenRealertIsSet() {
        var reminding = rule
        reminding.realert = RealertPolicy(intervalMilliseconds: 5 * 60_000)
        let engine = RuleEngine(rules: [reminding])
        var clock = RuleClock()
        var ids: Set<String> = []
        for id in 1...3 as ClosedRange<UInt64> {
            ids.formUnion(engine.evaluateAlerts(RuleTestEvents.event(id, at: clock.now, region: .homiel)).map(\.id))
        }
        #expect(ids.count == 1)
        var reminders: [Alert] = []
        for minute in 1...9 {
            clock.advance(minutes: 1)
            _ = engine.evaluate(RuleTestEvents.event(UInt64(100 + minute), at: clock.now, region: .homiel))
            reminders += engine.tick(now: clock.now)
        }
        #expect(reminders.map(\.status) == [.firing], "one reminder 5 minutes after the first notice")
        #expect(reminders.first?.event == nil)
        #expect(!ids.contains(reminders.first!.id))
        #expect(reminders.first?.count ?? 0 >= 3)
    }
}
