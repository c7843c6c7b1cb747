import HajunCore

/// Plans bursts: a wave of missile-launch warnings, an airfield suddenly busy, a convoy surge through a region.
enum BurstPlanner {
    /// One incident of a burst.
    struct Member {
        var time: Timestamp
        var category: Category
        var place: Place
        var equipment: Equipment?
        /// Extra follow-up reports: bursts are reported more than ordinary incidents.
        var extraReports: Int
    }

    /// Mean time between bursts.
    static let meanInterval = 1.3 * 86_400.0

    /// The kinds of burst, in the order of their weights.
    enum Kind: Int {
        case missileWave
        case busyAirfield
        case convoySurge
    }

    static func plan(at start: Timestamp, _ random: inout SeededRandom) -> [Member] {
        plan(Kind(rawValue: random.weightedIndex([0.4, 0.35, 0.25]))!, at: start, &random)
    }

    static func plan(_ kind: Kind, at start: Timestamp, _ random: inout SeededRandom) -> [Member] {
        var members: [Member] = []
        switch kind {
        case .missileWave:
            let site = random.pick(SimulatedPlaces.launchSites)
            let span = random.between(20, 60) * 60
            for _ in 0..<random.between(6, 18) {
                let place = random.chance(0.8) ? site : random.pick(SimulatedPlaces.launchSites)
                members.append(
                    Member(time: offset(start, span, &random), category: .missileLaunch, place: place, extraReports: 3))
            }
        case .busyAirfield:
            let airfield = random.pick(SimulatedPlaces.airfields)
            let aircraft: Equipment? = random.chance(0.6) ? random.pick(SimulatedEquipment.aircraft) : nil
            let span = random.between(60, 180) * 60
            for _ in 0..<random.between(5, 12) {
                members.append(
                    Member(
                        time: offset(start, span, &random), category: .aviation, place: airfield,
                        equipment: aircraft, extraReports: 2
                    )
                )
            }
        case .convoySurge:
            let region = random.pick(SimulatedPlaces.all).region
            let places = SimulatedPlaces.all.filter { $0.region == region }
            let span = random.between(120, 240) * 60
            for _ in 0..<random.between(6, 14) {
                members.append(
                    Member(
                        time: offset(start, span, &random), category: .troopMovement, place: random.pick(places),
                        extraReports: 1)
                )
            }
        }
        return separated(members.sorted { $0.time < $1.time })
    }

    /// Launches or takeoffs at one place minutes apart are one sighting to whoever reports them ("пуски
    /// продолжаются"): a member within `minimumSeparation` of an earlier one at the same place is left out.
    static func separated(_ members: [Member]) -> [Member] {
        var kept: [Member] = []
        for member in members {
            let tooClose = kept.contains {
                $0.place == member.place && $0.category != .troopMovement
                    && member.time.millisecondsSince1970 - $0.time.millisecondsSince1970 < minimumSeparation * 1000
            }
            if !tooClose { kept.append(member) }
        }
        return kept
    }

    /// Seconds.
    static let minimumSeparation: Int64 = 12 * 60

    private static func offset(_ start: Timestamp, _ spanSeconds: Int, _ random: inout SeededRandom) -> Timestamp {
        start.adding(milliseconds: Int64(random.below(spanSeconds)) * 1000)
    }
}
