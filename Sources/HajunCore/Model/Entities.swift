/// The facts a post states: where, what, how many, which way. Produced by the classifier's entity extraction
/// and used by the dedup conflict check and by alert rules.
public struct Entities: Sendable, Hashable {
    /// Places named in the post, in order of appearance, resolved through the gazetteer.
    public var places: [PlaceMention]
    /// Canonical equipment ids (`su-34`, `iskander`, `t-72`, …), in order of appearance, without repeats.
    public var equipment: [String]
    /// Counts of vehicles, aircraft or people stated in the post ("колонна из 27 единиц" gives 27).
    public var counts: [Int]
    /// Where the movement is heading ("в сторону Мозыря"), when stated.
    public var direction: PlaceMention?

    public init(
        places: [PlaceMention] = [], equipment: [String] = [], counts: [Int] = [], direction: PlaceMention? = nil
    ) {
        self.places = places
        self.equipment = equipment
        self.counts = counts
        self.direction = direction
    }

    public static let empty = Entities()
}

/// A gazetteer place found in a post.
public struct PlaceMention: Sendable, Hashable {
    /// The gazetteer entry's stable id (for example `mazyr`, `machulishchy-airfield`).
    public var id: String
    /// The entry's display name (English transliteration).
    public var name: String
    public var region: Region
    public var kind: PlaceKind

    public init(id: String, name: String, region: Region, kind: PlaceKind) {
        self.id = id
        self.name = name
        self.region = region
        self.kind = kind
    }
}

/// What a gazetteer entry is.
public enum PlaceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case city, town, village, airfield, station, region, other
}
