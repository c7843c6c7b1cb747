import HajunCore

/// Draws incidents: a category in Hajun's proportions, then a place, equipment and a count that fit it.
struct IncidentFactory {
    /// Category weights, roughly as Hajun's 2022 stream was made up.
    static let categoryWeights: [(Category, Double)] = [
        (.troopMovement, 30), (.aviation, 22), (.missileLaunch, 8), (.railSabotage, 5), (.cyberAttack, 3),
        (.arrest, 8), (.mobilization, 5), (.exercise, 9), (.protest, 2), (.other, 8),
    ]

    static func randomCategory(_ random: inout SeededRandom) -> Category {
        categoryWeights[random.weightedIndex(categoryWeights.map(\.1))].0
    }

    /// An incident of `category`; `place` and `equipment` fix what a burst shares.
    static func make(
        id: String,
        category: Category,
        time: Timestamp,
        place fixedPlace: Place? = nil,
        equipment fixedEquipment: Equipment? = nil,
        _ random: inout SeededRandom
    ) -> Incident {
        let places = SimulatedPlaces.self
        let gear = SimulatedEquipment.self
        var place: Place?
        var destination: Place?
        var equipment: Equipment?
        var count: Int
        switch category {
        case .troopMovement:
            place = random.pick(places.all)
            destination = random.pick(places.all.filter { $0.id != place?.id })
            equipment = random.pick(gear.groundVehicles)
            count = random.between(3, 60)
        case .aviation:
            if random.chance(0.9) {
                place = random.pick(places.airfields)
                equipment = random.pick(gear.aircraft)
            } else {
                equipment = random.pick(gear.all.filter { ["a-50", "il-76", "mig-31k"].contains($0.id) })
            }
            // Only one or two A-50 early-warning aircraft ever flew from Belarus at a time.
            count = equipment?.id == "a-50" ? random.between(1, 2) : random.between(1, 8)
        case .missileLaunch:
            place = random.chance(0.85) ? random.pick(places.launchSites) : nil
            equipment = gear.all.first { $0.id == "iskander" }
            count = random.between(1, 12)
        case .railSabotage:
            place = random.chance(0.9) ? random.pick(places.railNodes) : nil
            count = random.between(1, 9)
        case .cyberAttack:
            place = random.chance(0.3) ? random.pick(places.cities) : nil
            count = random.between(100, 5000)
        case .arrest:
            place = random.chance(0.9) ? random.pick(places.all) : nil
            count = random.between(1, 12)
        case .mobilization:
            place = random.chance(0.75) ? random.pick(places.cities) : nil
            count = random.between(5, 120)
        case .exercise:
            place = random.chance(0.9) ? random.pick(places.garrisons + places.airfields) : nil
            equipment = random.pick(gear.groundVehicles)
            count = random.between(5, 80)
        case .protest:
            place = random.chance(0.85) ? random.pick(places.cities) : nil
            count = random.between(5, 300)
        case .other:
            // Unplaced chatter is what channel notices are; incidents of `other` always have a place.
            place = random.pick(places.all)
            count = random.between(1, 10)
        }
        if let fixedPlace { place = fixedPlace }
        if let fixedEquipment { equipment = fixedEquipment }
        if category == .troopMovement, destination?.id == place?.id {
            destination = places.all.first { $0.id != place?.id }
        }
        return Incident(
            id: id,
            category: category,
            place: place,
            destination: destination,
            equipment: equipment,
            count: count,
            time: time,
            story: random.below(1 << 20)
        )
    }
}
