/// One entry of a term list: a word or phrase in one language, with the weight it adds to its category.
///
/// The text is written as a user would write it; each word may carry a marker (see `docs/classification.md`):
/// - `колонна` (plain): stem-aware, so `колонны`, `колонной`, `колоннами` match too;
/// - `задерж*` (trailing `*`): any word that starts with `задерж`;
/// - `=мост` (leading `=`): this exact word only.
/// Words shorter than three letters always match exactly. A phrase matches its words in order.
public struct LexiconTerm: Sendable, Hashable {
    public var text: String
    public var language: Language
    public var weight: Double

    public init(_ text: String, language: Language, weight: Double = 1) {
        self.text = text
        self.language = language
        self.weight = weight
    }
}
