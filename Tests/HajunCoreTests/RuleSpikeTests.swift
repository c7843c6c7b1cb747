import HajunCore
import Testing

@Suite struct RuleSpikeTests {
    /// 3× the rate of the previous hour within 10 minutes, at least 4 incidents.
    private let rule = AlertRule(
        name: "surge",
        condition: .spike(
            factor: 3, windowMilliseconds: 10 * 60_000, referenceMilliseconds: 60 * 60_000, minimumCount: 4),
        receiver: "r"
    )

    /// One incident every 10 minutes for 70 minutes (the rule watches from the first one).
    private func baseline(_ engine: RuleEngine, _ clock: inout RuleClock, from id: UInt64) -> UInt64 {
        var id = id
        for _ in 0..<7 {
            #expect(engine.evaluate(RuleTestEvents.event(id, at: clock.now)).isEmpty)
            id += 1
            clock.advance(minutes: 10)
        }
        return id
    }

    @Test func firesWhenTheRateIsKTimesTheReference() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        var id = baseline(engine, &clock, from: 1)
        // The reference hour holds 6 incidents: 1 per 10 minutes. Now 4 within 10 minutes: 4 ≥ 3 × 1.
        var fired: [Alert] = []
        for _ in 0..<4 {
            clock.advance(minutes: 2)
            fired += engine.evaluateAlerts(RuleTestEvents.event(id, at: clock.now))
            id += 1
        }
        #expect(fired.count == 1)
        #expect(fired.first?.count == 4)
        #expect(fired.first?.kind == .spike)
        // The burst leaves the window: resolved.
        clock.advance(minutes: 10)
        let resolved = engine.tick(now: clock.now)
        #expect(resolved.map(\.status) == [.resolved])
    }

    @Test func steadyRateIsNotASpike() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        var id: UInt64 = 1
        for _ in 0..<40 {
            // Two incidents every 5 minutes: 4 per window, 24 per reference hour, a steady rate.
            #expect(engine.evaluate(RuleTestEvents.event(id, at: clock.now)).isEmpty)
            #expect(engine.evaluate(RuleTestEvents.event(id + 1, at: clock.now)).isEmpty)
            id += 2
            clock.advance(minutes: 5)
        }
    }

    @Test func needsAWholeReferenceWindowOfWatching() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        for id in 1...6 as ClosedRange<UInt64> {
            #expect(engine.evaluate(RuleTestEvents.event(id, at: clock.now)).isEmpty, "no history yet: not a spike")
            clock.advance(seconds: 30)
        }
    }
}
