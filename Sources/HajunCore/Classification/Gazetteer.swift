/// The places the classifier recognises. Built by code in the core; the daemon loads it from
/// `config/gazetteer.yaml`.
public struct Gazetteer: Sendable, Hashable {
    public var entries: [GazetteerEntry]
    /// Prepositions that may stand before a place ("в", "под", "у", "каля", "near"): entries marked
    /// `needsPreposition` match only after one of these.
    public var prepositions: [LexiconTerm]

    public init(entries: [GazetteerEntry], prepositions: [LexiconTerm] = []) {
        self.entries = entries
        self.prepositions = prepositions
    }

    public static let empty = Gazetteer(entries: [])

    /// The entry with `id`, if any.
    public func entry(id: String) -> GazetteerEntry? {
        entries.first { $0.id == id }
    }
}
