import HajunCore
import Testing

@Suite struct RuleRealertTests {
    @Test func cooldownPerGroupKey() {
        let engine = RuleEngine(rules: [
            AlertRule(
                name: "aviation", receiver: "r", groupBy: [.region],
                realert: RealertPolicy(intervalMilliseconds: 10 * 60_000))
        ])
        var clock = RuleClock()
        #expect(engine.evaluate(RuleTestEvents.event(1, at: clock.now, region: .minsk)).count == 1)
        clock.advance(minutes: 1)
        #expect(engine.evaluate(RuleTestEvents.event(2, at: clock.now, region: .minsk)).isEmpty, "cooling down")
        #expect(engine.evaluate(RuleTestEvents.event(3, at: clock.now, region: .brest)).count == 1, "another group")
        clock.advance(minutes: 9)
        #expect(engine.evaluate(RuleTestEvents.event(4, at: clock.now, region: .minsk)).count == 1, "cooldown over")
        #expect(
            engine.evaluate(RuleTestEvents.event(2, at: clock.now, region: .minsk)).isEmpty,
            "a muted incident stays muted")
    }

    /// With back-off 2 from 1 minute, a group that keeps firing is notified at 0, 1, 3, 7, 15 minutes, capped at
    /// 8-minute gaps afterwards; a quiet spell starts again from 1 minute.
    @Test func exponentialBackOff() {
        let engine = RuleEngine(rules: [
            AlertRule(
                name: "noisy", receiver: "r",
                realert: RealertPolicy(intervalMilliseconds: 60_000, backoff: 2, maximumMilliseconds: 8 * 60_000)
            )
        ])
        var clock = RuleClock()
        let start = clock.now
        var firedAtSeconds: [Int64] = []
        for id in 1...(31 * 2) as ClosedRange<UInt64> {  // an incident every 30 s for 31 minutes
            if !engine.evaluate(RuleTestEvents.event(id, at: clock.now)).isEmpty {
                firedAtSeconds.append((clock.now.millisecondsSince1970 - start.millisecondsSince1970) / 1000)
            }
            clock.advance(seconds: 30)
        }
        #expect(firedAtSeconds == [0, 60, 180, 420, 900, 1380])
        clock.advance(minutes: 30)
        #expect(engine.evaluate(RuleTestEvents.event(1000, at: clock.now)).count == 1)
        clock.advance(seconds: 61)
        #expect(engine.evaluate(RuleTestEvents.event(1001, at: clock.now)).count == 1, "back to the 1-minute interval")
    }

    @Test func policyArithmetic() {
        let fixed = RealertPolicy(intervalMilliseconds: 1000)
        #expect(fixed.maximumMilliseconds == 64_000)
        #expect(RealertPolicy.none.intervalMilliseconds == 0)
        #expect(RealertPolicy(intervalMilliseconds: 1000, backoff: 0.5).backoff == 1, "back-off never shrinks")
    }
}
