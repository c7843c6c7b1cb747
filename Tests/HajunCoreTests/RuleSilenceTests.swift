import HajunCore
import Testing

@Suite struct RuleSilenceTests {
    @Test func configuredSilenceMutesMatchingEventsUntilItExpires() {
        var clock = RuleClock()
        let until = clock.now.adding(milliseconds: 3_600_000)
        let rule = AlertRule(
            name: "all", receiver: "r",
            silences: [Silence(match: RuleMatch(regions: [.homiel]), endsAt: until, comment: "exercise in Homiel")]
        )
        let engine = RuleEngine(rules: [rule])
        #expect(engine.evaluate(RuleTestEvents.event(1, at: clock.now, region: .homiel)).isEmpty)
        #expect(engine.evaluate(RuleTestEvents.event(2, at: clock.now, region: .brest)).count == 1)
        clock.advance(minutes: 60)
        #expect(engine.evaluate(RuleTestEvents.event(3, at: clock.now, region: .homiel)).count == 1, "expired")
    }

    @Test func runtimeSilencesCoverNamedRulesOrAll() {
        var clock = RuleClock()
        let engine = RuleEngine(rules: [AlertRule(name: "a", receiver: "r"), AlertRule(name: "b", receiver: "r")])
        engine.runtimeSilences = [Silence(rule: "a", endsAt: clock.now.adding(milliseconds: 60_000))]
        #expect(engine.evaluate(RuleTestEvents.event(1, at: clock.now)).map(\.name) == ["b"])
        engine.runtimeSilences = [
            Silence(startsAt: clock.now.adding(milliseconds: 10_000), endsAt: clock.now.adding(milliseconds: 60_000))
        ]
        #expect(engine.evaluate(RuleTestEvents.event(2, at: clock.now)).map(\.name) == ["a", "b"], "not started yet")
        clock.advance(seconds: 10)
        #expect(engine.evaluate(RuleTestEvents.event(3, at: clock.now)).isEmpty)
        #expect(engine.runtimeSilences.count == 1)
    }

    /// A condition that starts during a silence is announced when the silence ends if it still holds, and only an
    /// announced episode sends a resolved notice.
    @Test func silencedEpisodeIsAnnouncedAfterExpiryIfStillHolding() {
        var clock = RuleClock()
        let rule = AlertRule(
            name: "silent", condition: .flatline(below: 1, windowMilliseconds: 10 * 60_000), receiver: "r",
            silences: [Silence(endsAt: clock.now.adding(milliseconds: 20 * 60_000))]
        )
        let engine = RuleEngine(rules: [rule])
        _ = engine.tick(now: clock.now)
        clock.advance(minutes: 11)
        #expect(engine.tick(now: clock.now).isEmpty, "muted")
        clock.advance(minutes: 9)
        let announced = engine.tick(now: clock.now)
        #expect(announced.map(\.status) == [.firing])
        #expect(
            announced.first?.startsAt == clock.now.adding(milliseconds: -9 * 60_000),
            "the episode began under the silence")
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now))
        clock.advance(seconds: 1)
        #expect(engine.tick(now: clock.now).map(\.status) == [.resolved])

        // An episode that starts and ends inside a silence sends nothing at all.
        let quiet = RuleEngine(rules: [rule])
        var other = RuleClock()
        _ = quiet.tick(now: other.now)
        other.advance(minutes: 11)
        #expect(quiet.tick(now: other.now).isEmpty)
        _ = quiet.evaluate(RuleTestEvents.event(2, at: other.now))
        other.advance(seconds: 1)
        #expect(quiet.tick(now: other.now).isEmpty)
    }

    @Test func resolvedNoticesAreNeverMuted() {
        var clock = RuleClock()
        let rule = AlertRule(name: "burst", condition: .frequency(count: 2, windowMilliseconds: 60_000), receiver: "r")
        let engine = RuleEngine(rules: [rule])
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now))
        #expect(engine.evaluate(RuleTestEvents.event(2, at: clock.now)).count == 1)
        engine.runtimeSilences = [Silence(endsAt: clock.now.adding(milliseconds: 3_600_000))]
        clock.advance(seconds: 61)
        #expect(engine.tick(now: clock.now).map(\.status) == [.resolved])
    }

    @Test func silenceActivity() {
        let now = Timestamp(secondsSince1970: 100)
        let silence = Silence(startsAt: Timestamp(secondsSince1970: 50), endsAt: Timestamp(secondsSince1970: 150))
        #expect(silence.isActive(at: now))
        #expect(!silence.isActive(at: Timestamp(secondsSince1970: 150)))
        #expect(!silence.isActive(at: Timestamp(secondsSince1970: 49)))
    }
}
