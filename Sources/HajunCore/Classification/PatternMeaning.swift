/// What a term index pattern stands for (`TermIndex.Payload`) and the language it is evidence of, in 16 bytes:
/// `PostAnalysis` reads one for every match, from a table small enough to stay in cache.
struct PatternMeaning {
    enum Kind: UInt8 {
        case term, equipment, place, countNoun, directionMarker, preposition, number
    }

    /// A term's weight (as bits), or a number word's value.
    private var bits: UInt64
    /// A term's label, an equipment type or a gazetteer entry.
    let reference: Int32
    /// A term's category.
    let category: Int16
    let kind: Kind
    let language: Language?

    init(_ payload: TermIndex.Payload, language: Language?) {
        self.language = language
        var bits: UInt64 = 0
        var reference = 0
        var category = 0
        switch payload {
        case let .term(termCategory, weight, label):
            (kind, category, reference, bits) = (.term, termCategory, label, weight.bitPattern)
        case let .equipment(type): (kind, reference) = (.equipment, type)
        case let .place(entry): (kind, reference) = (.place, entry)
        case .countNoun: kind = .countNoun
        case .directionMarker: kind = .directionMarker
        case .preposition: kind = .preposition
        case let .number(value): (kind, bits) = (.number, UInt64(bitPattern: Int64(value)))
        }
        self.bits = bits
        self.reference = Int32(reference)
        self.category = Int16(category)
    }

    /// A term's weight.
    var weight: Double { Double(bitPattern: bits) }
    /// A number word's value.
    var value: Int { Int(Int64(bitPattern: bits)) }
}
