/// The incident category of an event: exactly one per event (event schema v1).
public enum Category: String, Sendable, CaseIterable, Hashable, Codable {
    case troopMovement = "troop_movement"
    case aviation
    case missileLaunch = "missile_launch"
    case railSabotage = "rail_sabotage"
    case cyberAttack = "cyber_attack"
    case arrest
    case mobilization
    case exercise
    case protest
    case other
}

/// How much an event matters to a duty officer, lowest first.
public enum Severity: String, Sendable, CaseIterable, Hashable, Comparable, Codable {
    case info, low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The seven regions of Belarus as event schema v1 spells them.
public enum Region: String, Sendable, CaseIterable, Hashable, Codable {
    case brest, homiel, hrodna, mahiliou, minsk
    case minskCity = "minsk-city"
    case vitsebsk
}

/// The language of a post.
public enum Language: String, Sendable, CaseIterable, Hashable, Codable {
    case ru, be, uk, en
    case undetermined = "und"
}

/// How the dedup stage judged an event.
public enum DedupStatus: String, Sendable, CaseIterable, Hashable, Codable {
    /// The first event of an incident.
    case new
    /// The same post, a forward of a seen post, or the same normalized text.
    case exact
    /// A re-wording or re-report of a seen incident.
    case near
    /// The same post (chat and message id) with changed text.
    case edit
}
