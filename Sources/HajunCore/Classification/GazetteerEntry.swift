/// One place of the gazetteer: a settlement, airfield, station, border crossing or region.
public struct GazetteerEntry: Sendable, Hashable {
    /// A stable id, for example `mazyr` or `machulishchy-airfield`.
    public var id: String
    /// The display name (English transliteration), for example `Mazyr`.
    public var name: String
    public var kind: PlaceKind
    public var region: Region
    /// The names people write, per language, in their dictionary form; matched stem-aware with that language's
    /// endings ("Мозырь" also matches "под Мозырем"). Latin transliterations belong under `.en`.
    /// Forms that the endings cannot derive (a vowel that drops out, as in "Лунинец"/"Лунинца") are listed too.
    public var names: [Language: [String]]
    /// For names that are also common words ("Ветка", "Мосты"): match only right after a preposition
    /// ("в Ветке", "под Мостами") or a direction marker.
    public var needsPreposition: Bool

    public init(
        id: String,
        name: String,
        kind: PlaceKind,
        region: Region,
        names: [Language: [String]],
        needsPreposition: Bool = false
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.region = region
        self.names = names
        self.needsPreposition = needsPreposition
    }

    /// The entry as it appears in an event.
    public var mention: PlaceMention {
        PlaceMention(id: id, name: name, region: region, kind: kind)
    }
}
