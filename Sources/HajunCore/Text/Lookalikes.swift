/// Latin and Cyrillic letters that look alike, and the script a word is folded to.
///
/// Posts mix scripts on purpose (to dodge filters) and by accident (a Latin `C` typed on the wrong layout in
/// `Cу-34`, a Latin `i` in `Мiнск`). A mixed word is folded to one script: its look-alike letters are replaced
/// by their twins in that script, while letters with no twin (`и`, `ы`, `ў`, `d`, `s`) are never changed.
/// Belarusian `і` and `ў` stay themselves: `і` is only the twin of Latin `i`, never of Russian `и`.
enum Lookalikes {
    enum Script: UInt8 {
        case other, latin, cyrillic
    }

    @inline(__always)
    static func script(of scalar: UInt32) -> Script {
        if scalar < 0x80 {
            return (scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A ? .latin : .other
        }
        if scalar >= 0x400 && scalar <= 0x52F { return .cyrillic }
        if scalar >= 0xC0 && scalar <= 0x24F && scalar != 0xD7 && scalar != 0xF7 { return .latin }
        if scalar >= 0x1E00 && scalar <= 0x1EFF { return .latin }
        return .other
    }

    /// The lowercase Cyrillic twin of a Latin letter, as written (case matters: `B` looks like `В`, `b` like
    /// nothing), or nil.
    @inline(__always)
    static func cyrillicTwin(ofLatin scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x41, 0x61: return 0x430  // A a → а
        case 0x42: return 0x432  // B → в
        case 0x43, 0x63: return 0x441  // C c → с
        case 0x45, 0x65: return 0x435  // E e → е
        case 0x48: return 0x43D  // H → н
        case 0x49, 0x69: return 0x456  // I i → і
        case 0x4B, 0x6B: return 0x43A  // K k → к
        case 0x4D: return 0x43C  // M → м
        case 0x4F, 0x6F: return 0x43E  // O o → о
        case 0x50, 0x70: return 0x440  // P p → р
        case 0x54: return 0x442  // T → т
        case 0x58, 0x78: return 0x445  // X x → х
        case 0x59, 0x79: return 0x443  // Y y → у
        case 0xCB, 0xEB: return 0x435  // Ë ë → ё → е
        default: return nil
        }
    }

    /// The lowercase Latin twin of a Cyrillic letter, as written, or nil.
    @inline(__always)
    static func latinTwin(ofCyrillic scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x410, 0x430: return 0x61  // А а → a
        case 0x412: return 0x62  // В → b
        case 0x421, 0x441: return 0x63  // С с → c
        case 0x415, 0x435, 0x401, 0x451: return 0x65  // Е е Ё ё → e
        case 0x41D: return 0x68  // Н → h
        case 0x406, 0x456: return 0x69  // І і → i
        case 0x408, 0x458: return 0x6A  // Ј ј → j
        case 0x41A, 0x43A: return 0x6B  // К к → k
        case 0x41C: return 0x6D  // М → m
        case 0x41E, 0x43E: return 0x6F  // О о → o
        case 0x420, 0x440: return 0x70  // Р р → p
        case 0x405, 0x455: return 0x73  // Ѕ ѕ → s
        case 0x422: return 0x74  // Т → t
        case 0x425, 0x445: return 0x78  // Х х → x
        case 0x423, 0x443: return 0x79  // У у → y
        default: return nil
        }
    }

    /// `hasTwin` for an ASCII letter, by bit mask: the normalizer asks for every letter.
    @inline(__always)
    static func asciiHasTwin(_ byte: UInt8) -> Bool {
        byte >= 0x40 && byte < 0x80 && (0x0301_8a2a_0311_ab2e as UInt64) >> UInt64(byte - 0x40) & 1 == 1
    }

    /// `hasTwin` for a letter of U+0400–U+045F, by bit masks.
    @inline(__always)
    static func cyrillicHasTwin(_ scalar: UInt32) -> Bool {
        guard scalar >= 0x400 && scalar < 0x460 else { return false }
        let offset = UInt64(scalar - 0x400)
        return offset < 64
            ? (0x4421_002f_7425_0162 as UInt64) >> offset & 1 == 1 : (0x0162_002b as UInt64) >> (offset - 64) & 1 == 1
    }

    /// Whether a letter of `script` has a twin in the other script.
    @inline(__always)
    static func hasTwin(_ scalar: UInt32, _ script: Script) -> Bool {
        switch script {
        case .latin: return cyrillicTwin(ofLatin: scalar) != nil
        case .cyrillic: return latinTwin(ofCyrillic: scalar) != nil
        case .other: return false
        }
    }

    /// Letter counts of one word, by script and by whether the letter has a twin.
    struct WordCensus {
        var latin = 0
        var cyrillic = 0
        /// Letters that can only be Latin / only Cyrillic: the evidence for a mixed word's script.
        var distinctlyLatin = 0
        var distinctlyCyrillic = 0

        @inline(__always)
        mutating func count(_ scalar: UInt32, _ script: Script) {
            switch script {
            case .latin:
                latin += 1
                if !hasTwin(scalar, .latin) { distinctlyLatin += 1 }
            case .cyrillic:
                cyrillic += 1
                if !hasTwin(scalar, .cyrillic) { distinctlyCyrillic += 1 }
            case .other:
                break
            }
        }

        var isMixed: Bool { latin > 0 && cyrillic > 0 }

        /// The script a mixed word is folded to: the one its distinct letters belong to (the majority if it has
        /// both), else `dominant`, the script of the text around it.
        func target(dominant: () -> Script) -> Script {
            if distinctlyCyrillic > distinctlyLatin { return .cyrillic }
            if distinctlyLatin > distinctlyCyrillic { return .latin }
            if distinctlyLatin > 0 { return cyrillic >= latin ? .cyrillic : .latin }
            return dominant()
        }
    }
}
