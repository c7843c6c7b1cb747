import HajunCore
import Testing

/// `Pipeline.processEvent` (what `hajund replay` runs) against `Pipeline.process` (what the daemon runs): the
/// same events, alert names included, and the rules that `process` returns are those the events name.
@Suite struct PipelineTests {
    private static let rules = [
        AlertRule(name: "launch", match: RuleMatch(categories: [.missileLaunch]), receiver: "r"),
        AlertRule(name: "convoys", match: RuleMatch(categories: [.troopMovement]), receiver: "r"),
        AlertRule(name: "everything", receiver: "r"),
    ]

    private static func pipeline() -> Pipeline {
        Pipeline(
            classifier: ClassifierTests.classifier, dedup: DedupIndex(), rules: RuleEngine(rules: PipelineTests.rules))
    }

    private static let texts = [
        "Колонна из 27 единиц техники в сторону Мозыря",
        "Воздушная тревога в Гомеле",
        "Колонна из 27 единиц техники в сторону Мозыря",  // the same sighting again: a duplicate fires nothing
        "Convoy of three KamAZ towards Mazyr",
        "Погода в Гомеле солнечная",
    ]

    private static func reports() -> [Report] {
        texts.enumerated().map { index, text in
            Report(
                feed: "test", chat: "channel\(index % 2)", messageID: Int64(index + 1),
                postedAt: Timestamp(secondsSince1970: 1_700_000_000 + Int64(index) * 60), text: text)
        }
    }

    @Test func processEventGivesTheEventsProcessGives() {
        let daemon = PipelineTests.pipeline()
        let replay = PipelineTests.pipeline()
        let receivedAt = Timestamp(secondsSince1970: 1_700_000_600)
        var namesFired: [[String]] = []
        for (index, report) in PipelineTests.reports().enumerated() {
            let seq = Int64(index + 1)
            let (event, fired) = daemon.process(report, seq: seq, receivedAt: receivedAt)
            let replayed = replay.processEvent(report, seq: seq, receivedAt: receivedAt)
            #expect(replayed == event, "post \(seq)")
            #expect(fired.map(\.name) == event.alerts, "post \(seq)")
            namesFired.append(event.alerts)
        }
        #expect(
            namesFired == [
                ["convoys", "everything"], ["launch", "everything"], [], ["convoys", "everything"], ["everything"],
            ])
    }

    @Test func firedRulesAreThePositionsOfTheRulesEvaluateReturns() {
        let byPosition = RuleEngine(rules: PipelineTests.rules)
        let byRule = RuleEngine(rules: PipelineTests.rules)
        let pipeline = PipelineTests.pipeline()
        let receivedAt = Timestamp(secondsSince1970: 1_700_000_600)
        for (index, report) in PipelineTests.reports().enumerated() {
            let event = pipeline.processEvent(report, seq: Int64(index + 1), receivedAt: receivedAt)
            let positions = byPosition.firedRules(event)
            #expect(positions.map { PipelineTests.rules[$0] } == byRule.evaluate(event), "post \(index + 1)")
        }
    }
}
