import HajunCore
import Testing

@Suite struct RuleSnapshotTests {
    private let rules = [
        AlertRule(name: "all", receiver: "r"),
        AlertRule(
            name: "burst", condition: .frequency(count: 3, windowMilliseconds: 600_000), receiver: "r",
            groupBy: [.region]),
        AlertRule(name: "confirmed", condition: .corroborated(sources: 2), receiver: "r"),
    ]

    @Test func aRestoredEngineNeitherReFiresNorForgets() throws {
        var clock = RuleClock()
        let engine = RuleEngine(rules: rules)
        #expect(engine.evaluate(RuleTestEvents.event(1, at: clock.now, region: .homiel)).map(\.name) == ["all"])
        clock.advance(minutes: 1)
        #expect(
            engine.evaluate(RuleTestEvents.event(2, at: clock.now, region: .homiel, sources: 2)).map(\.name) == [
                "all", "confirmed",
            ])
        let saved = engine.snapshot()

        let restored = RuleEngine(rules: rules)
        try restored.restore(saved.bytes, resumingAt: clock.now)
        clock.advance(minutes: 1)
        #expect(
            restored.evaluate(RuleTestEvents.event(3, at: clock.now, region: .homiel, duplicateOf: 2, sources: 3))
                .isEmpty)
        #expect(
            restored.evaluate(RuleTestEvents.event(4, at: clock.now, region: .homiel, duplicateOf: 1, sources: 2)).map(
                \.name)
                == ["confirmed"],
            "incident 1 now has 2 sources; it already fired for 'all'"
        )
        let third = restored.evaluate(RuleTestEvents.event(5, at: clock.now, region: .homiel))
        #expect(third.map(\.name) == ["all", "burst"], "the frequency window survived: third incident in Homiel")
        #expect(restored.snapshot().bytes != saved.bytes)
    }

    @Test func generationMovesOnlyWhenStateChanges() {
        let engine = RuleEngine(rules: rules)
        let clock = RuleClock()
        let before = engine.generation
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now))
        let after = engine.generation
        #expect(after > before)
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now))
        _ = engine.tick(now: clock.now)
        #expect(engine.generation == after, "re-evaluating an event and an idle tick change nothing")
        #expect(engine.snapshot().generation == after)
    }

    @Test func damagedSnapshotsAreRefused() {
        let engine = RuleEngine(rules: rules)
        _ = engine.evaluate(RuleTestEvents.event(1, at: RuleClock().now))
        var bytes = engine.snapshot().bytes
        bytes[bytes.count / 2] ^= 0xFF
        #expect(throws: RuleSnapshotError.self) {
            try RuleEngine(rules: rules).restore(bytes, resumingAt: RuleClock().now)
        }
        #expect(throws: RuleSnapshotError.self) {
            try RuleEngine(rules: rules).restore(Array(bytes.prefix(10)), resumingAt: RuleClock().now)
        }
        #expect(throws: RuleSnapshotError.self) {
            try RuleEngine(rules: rules).restore(Array("nonsense, not a snapshot".utf8), resumingAt: RuleClock().now)
        }
    }

    @Test func changedRulesKeepWhatStillFits() throws {
        var clock = RuleClock()
        let engine = RuleEngine(rules: rules)
        _ = engine.evaluate(RuleTestEvents.event(1, at: clock.now, region: .homiel))
        _ = engine.evaluate(RuleTestEvents.event(2, at: clock.now, region: .homiel))
        let saved = engine.snapshot().bytes
        // "burst" now groups by category: its counts no longer apply; "all" still remembers incident 1.
        var changed = rules
        changed[1].groupBy = [.category]
        let restored = RuleEngine(rules: changed + [AlertRule(name: "new", receiver: "r")])
        try restored.restore(saved, resumingAt: clock.now)
        clock.advance(seconds: 1)
        #expect(
            restored.evaluate(RuleTestEvents.event(3, at: clock.now, region: .homiel, duplicateOf: 1)).map(\.name) == [
                "new"
            ],
            "'all' remembers incident 1; a rule added since starts with no memory"
        )
        #expect(
            restored.evaluate(RuleTestEvents.event(4, at: clock.now, region: .homiel)).map(\.name) == ["all", "new"])
    }
}
