/// The word endings the stem-aware matcher strips and allows, per language (after normalization, so `ё` is `е`).
///
/// A plain lexicon word is indexed under every stem that remains when one of its language's endings is cut
/// off (keeping at least `minimumStemLetters` letters); a post's word matches when it is one of those stems plus
/// one of the same language's endings. That covers the regular declension of nouns and adjectives and the
/// common past-tense and reflexive verb forms, without listing forms.
enum InflectionEndings {
    static let minimumStemLetters = 3

    /// Every ending, packed, with a bit per set that contains it (ru, be, uk, en, and the union of all, which
    /// equipment aliases use).
    static let table: SmallHashTable = {
        var entries: [(key: UInt64, value: UInt8)] = []
        for (index, list) in [russian, belarusian, ukrainian, english].enumerated() {
            for ending in list { entries.append((pack(ending), UInt8(1 << index) | (1 << 4))) }
        }
        return SmallHashTable(entries)
    }()

    /// Ending lists by set index, longest first, for deriving stems.
    static let lists: [[[UInt8]]] = {
        let lists = [russian, belarusian, ukrainian, english]
        var result = lists.map { $0.map { Array($0.utf8) }.sorted { $0.count > $1.count } }
        let union = Set(lists.joined())
        result.append(union.map { Array($0.utf8) }.sorted { $0.count > $1.count })
        return result
    }()

    static func setIndex(for language: Language) -> Int {
        switch language {
        case .ru: return 0
        case .be: return 1
        case .uk: return 2
        case .en: return 3
        case .undetermined: return 4
        }
    }

    /// Packs an ending of up to eight bytes into an integer (UTF-8 text has no zero bytes, so this is unambiguous).
    static func pack(_ ending: String) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in ending.utf8.enumerated() {
            precondition(index < 8, "inflection endings are at most 8 bytes")
            value |= UInt64(byte) << (8 * UInt64(index))
        }
        return value
    }

    /// Whether `bytes[start..<end]` is an allowed ending of set `set` in `table` (the empty ending always is).
    @inline(__always)
    static func allows(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, set: Int, table: SmallHashTable
    ) -> Bool {
        let length = end - start
        if length == 0 { return true }
        if length > 8 { return false }
        var value: UInt64 = 0
        for index in 0..<length {
            value |= UInt64(bytes[start + index]) << (8 * UInt64(index))
        }
        return table.value(for: value) & (1 << UInt8(set)) != 0
    }

    static let russian = [
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
        "ой", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ью", "ия", "ии", "ию", "ие", "ий",
        "ье", "ья", "ьи", "ьев", "ьем", "ьям", "ьях", "ьями", "ами", "ями", "иями", "иях", "иям", "ием", "ией",
        "ый", "ая", "ое", "ые", "ого", "его", "ому", "ему", "ым", "им", "ых", "их", "ыми", "ими", "ую", "юю",
        "яя", "ее",
        "л", "ла", "ло", "ли", "лся", "лась", "лись", "лось", "ся", "сь", "ет", "ют", "ут", "ит", "ят", "ат",
    ]

    static let belarusian = [
        "а", "я", "о", "е", "ы", "і", "у", "ю", "ь", "й", "ў",
        "ой", "ай", "ей", "ом", "ем", "ам", "ям", "ах", "ях", "оў", "аў", "яў", "еў", "амі", "ямі", "ы",
        "ая", "ае", "ую", "ыя", "ія", "ых", "іх", "ым", "ім", "ымі", "імі", "ага", "яга", "аму", "яму", "яй",
        "ые", "іі", "ію", "ія", "ей", "ю",
        "ў", "ла", "ло", "лі", "ся", "лася", "ліся", "лося", "ўся", "ць", "цца", "юць", "уць", "іць", "аць", "яць",
    ]

    static let ukrainian = [
        "а", "я", "о", "е", "и", "і", "ї", "у", "ю", "ь", "й", "є",
        "ом", "ем", "єм", "ам", "ям", "ах", "ях", "ів", "їв", "ей", "ою", "ею", "єю", "ами", "ями", "ові", "еві",
        "ій", "ої", "ий", "ого", "ому", "ім", "им", "их", "іх", "ими", "іми", "ую", "юю", "яя", "ого", "ього",
        "ія", "ії", "ію", "ієм", "іями", "іях",
        "в", "ла", "ло", "ли", "ся", "лася", "лися", "лося", "вся", "ть", "ють", "уть", "ить", "іть",
    ]

    static let english = ["s", "es", "'s", "ed", "d", "ing", "er", "ers"]
}
