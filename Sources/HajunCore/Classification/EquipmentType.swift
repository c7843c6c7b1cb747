/// A kind of aircraft, missile system or vehicle, with the names people write for it in any script.
public struct EquipmentType: Sendable, Hashable {
    /// The canonical id reported in `Entities.equipment`, for example `su-34`.
    public var id: String
    /// Spellings in any script and language (`Су-34`, `Su-34`, `су34`, `су 34`); stem-aware like lexicon terms,
    /// with the endings of every language (`искандеры`, `камазов`).
    public var aliases: [String]
    /// The category that naming this equipment votes for, if any, with `weight`.
    public var category: Category?
    public var weight: Double

    public init(id: String, aliases: [String], category: Category? = nil, weight: Double = 1) {
        self.id = id
        self.aliases = aliases
        self.category = category
        self.weight = weight
    }
}
