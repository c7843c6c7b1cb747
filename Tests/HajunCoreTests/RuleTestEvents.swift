import HajunCore

/// A clock the rule tests move by hand: rules read time only from events and `tick(now:)`, so no test sleeps.
struct RuleClock {
    var now = Timestamp(secondsSince1970: 1_700_000_000)

    mutating func advance(seconds: Int64) {
        now = now.adding(milliseconds: seconds * 1000)
    }

    mutating func advance(minutes: Int64) {
        advance(seconds: minutes * 60)
    }
}

/// Events as the pipeline would hand them to the rule engine, with only the fields a test cares about.
enum RuleTestEvents {
    static func event(
        _ id: UInt64,
        at time: Timestamp,
        postedAt: Timestamp? = nil,
        category: HajunCore.Category = .troopMovement,
        severity: Severity = .medium,
        region: Region? = nil,
        place: String = "p",
        feed: String = "f",
        chat: String = "c",
        duplicateOf: UInt64? = nil,
        sources: Int = 1,
        text: String = "t",
        equipment: [String] = [],
        direction: PlaceMention? = nil
    ) -> Event {
        let location = region.map { PlaceMention(id: place, name: place.capitalized, region: $0, kind: .town) }
        return Event(
            id: EventID(rawValue: id),
            seq: Int64(id),
            report: Report(feed: feed, chat: chat, messageID: Int64(id), postedAt: postedAt ?? time, text: text),
            receivedAt: time,
            classification: Classification(
                category: category,
                severity: severity,
                language: .ru,
                location: location,
                entities: Entities(places: location.map { [$0] } ?? [], equipment: equipment, direction: direction)
            ),
            dedup: DedupVerdict(
                status: duplicateOf == nil ? .new : .near,
                of: duplicateOf.map { EventID(rawValue: $0) },
                sources: sources
            ),
            fingerprint: Fingerprint(exact: id, simhash: id)
        )
    }
}
