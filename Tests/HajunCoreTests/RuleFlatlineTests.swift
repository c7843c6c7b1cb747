import HajunCore
import Testing

@Suite struct RuleFlatlineTests {
    /// Fewer than 1 event in 30 minutes from either listed feed.
    private let rule = AlertRule(
        name: "silent-feed",
        condition: .flatline(below: 1, windowMilliseconds: 30 * 60_000),
        match: RuleMatch(feeds: ["bot", "rss"]),
        receiver: "r",
        groupBy: [.feed]
    )

    @Test func firesForASilentFeedAndResolvesWhenItPostsAgain() {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        #expect(engine.tick(now: clock.now).isEmpty, "watching starts: a whole window must pass first")
        clock.advance(minutes: 20)
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now, feed: "bot"))
        clock.advance(minutes: 10)
        // 30 minutes watched: rss never posted, bot posted 10 minutes ago.
        let fired = engine.tick(now: clock.now)
        #expect(fired.count == 1)
        #expect(fired.first?.group == [GroupLabel(name: "feed", value: "rss")])
        #expect(fired.first?.event == nil)
        #expect(fired.first?.status == .firing)
        #expect(fired.first?.count == 0)
        #expect(fired.first?.summary.contains("0 events within 30m (expected at least 1)") == true)
        clock.advance(minutes: 5)
        #expect(engine.tick(now: clock.now).isEmpty, "fires once")
        _ = engine.evaluate(RuleTestEvents.event(2, at: clock.now, feed: "rss"))
        clock.advance(seconds: 1)
        let resolved = engine.tick(now: clock.now)
        #expect(resolved.map(\.status) == [.resolved])
        #expect(resolved.first?.id != fired.first?.id)
        #expect(resolved.first?.startsAt == fired.first?.startsAt)
        // bot's last post was at minute 20: silent since minute 50.
        clock.advance(minutes: 15)
        let bot = engine.tick(now: clock.now)
        #expect(bot.map(\.group) == [[GroupLabel(name: "feed", value: "bot")]])
    }

    @Test func ungroupedFlatlineCountsAllMatchingEvents() {
        let launches = AlertRule(
            name: "quiet", condition: .flatline(below: 2, windowMilliseconds: 60_000),
            match: RuleMatch(categories: [.aviation]), receiver: "r"
        )
        let engine = RuleEngine(rules: [launches])
        var clock = RuleClock()
        _ = engine.tick(now: clock.now)
        clock.advance(seconds: 1)
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now, category: .aviation))
        _ = engine.evaluate(RuleTestEvents.event(2, at: clock.now, category: .arrest))
        clock.advance(seconds: 58)
        _ = engine.evaluate(RuleTestEvents.event(3, at: clock.now, category: .aviation))
        clock.advance(seconds: 1)
        #expect(engine.tick(now: clock.now).isEmpty, "2 events within the last minute")
        clock.advance(seconds: 1)
        #expect(engine.tick(now: clock.now).map(\.status) == [.firing], "the first one left the window: 1 < 2")
    }

    @Test func aRestartGivesIdleFeedsAWholeWindowAgain() throws {
        let engine = RuleEngine(rules: [rule])
        var clock = RuleClock()
        _ = engine.tick(now: clock.now)
        clock.advance(minutes: 31)
        #expect(engine.tick(now: clock.now).count == 2, "both feeds silent")
        let saved = engine.snapshot().bytes
        clock.advance(minutes: 60)  // hajund was down for an hour
        let restarted = RuleEngine(rules: [rule])
        try restarted.restore(saved, resumingAt: clock.now)
        #expect(restarted.tick(now: clock.now).isEmpty, "the episodes are still open: nothing fires twice")
        _ = restarted.evaluate(RuleTestEvents.event(1, at: clock.now, feed: "bot"))
        _ = restarted.evaluate(RuleTestEvents.event(2, at: clock.now, feed: "rss"))
        clock.advance(seconds: 1)
        #expect(restarted.tick(now: clock.now).map(\.status) == [.resolved, .resolved])
        clock.advance(minutes: 29)
        #expect(restarted.tick(now: clock.now).isEmpty)
    }
}
