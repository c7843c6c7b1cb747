/// Small numbers for the gazetteer's place ids and the equipment ids, so that a post's facts fit in a few
/// bytes. Ids are given in order of first use and saved with the dedup snapshot.
struct FactInterner {
    /// Interned equipment ids are offset by this in the facts index, apart from places.
    static let equipmentBase: UInt16 = 0x8000
    /// Ids per kind; ids past the limit intern as 0 ("unknown"), which no comparison matches.
    static let limit = 0x7FFF

    private(set) var placeIDs: [String] = []
    private(set) var equipmentIDs: [String] = []
    private var placeNumbers: [String: UInt16] = [:]
    private var equipmentNumbers: [String: UInt16] = [:]
    /// Gazetteer ids already mapped to their settlement's number (saves the suffix checks on every post).
    private var mentionNumbers: [String: UInt16] = [:]
    /// The numbers of ASCII ids seen before, by their bytes: every post names a few, and a `Dictionary` lookup
    /// hashes the whole `String` with SipHash each time.
    private var knownMentions = AsciiKeyTable()
    private var knownEquipment = AsciiKeyTable()

    init() {}

    init(places: [String], equipment: [String]) {
        for id in places { _ = place(id) }
        for id in equipment { _ = self.equipment(id) }
    }

    mutating func place(_ id: String) -> UInt16 {
        Self.intern(id, &placeIDs, &placeNumbers)
    }

    /// A place as a fact: the settlement it belongs to, so that "аэродром Мачулищи" (`machulishchy-airfield`)
    /// and "over Machulishchy" (`machulishchy`) agree; 0 for regions, which are too wide to tell sightings
    /// apart or together.
    mutating func place(_ mention: PlaceMention) -> UInt16 {
        guard mention.kind != .region else { return 0 }
        if let number = knownMentions.find(mention.id) { return number }
        if let number = mentionNumbers[mention.id] { return number }
        let number = place(Self.settlement(of: mention.id))
        if mentionNumbers.count < Self.limit {
            mentionNumbers[mention.id] = number
            knownMentions.insert(mention.id, number)
        }
        return number
    }

    static let facilitySuffixes = [
        "-airfield", "-station", "-range", "-airport", "-refinery", "-reserve", "-passenger",
    ]

    static func settlement(of id: String) -> String {
        for suffix in facilitySuffixes where id.hasSuffix(suffix) && id.count > suffix.count {
            return String(id.dropLast(suffix.count))
        }
        return id
    }

    mutating func equipment(_ id: String) -> UInt16 {
        if let number = knownEquipment.find(id) { return number }
        let number = Self.intern(id, &equipmentIDs, &equipmentNumbers)
        if number != 0 { knownEquipment.insert(id, number) }
        return number
    }

    private static func intern(_ id: String, _ ids: inout [String], _ numbers: inout [String: UInt16]) -> UInt16 {
        if let number = numbers[id] { return number }
        guard ids.count < limit else { return 0 }
        ids.append(id)
        let number = UInt16(ids.count)
        numbers[id] = number
        return number
    }
}
