/// Character classes, case mapping and UTF-8 coding for the normalizer, with table-free fast paths for ASCII,
/// Latin-1 and Cyrillic (nearly every character of a post) and Unicode properties for the rest.
enum TextCharacters {
    enum Kind {
        /// Part of a word.
        case letter, digit
        /// Kept between letters or digits inside a word as ASCII `-` / `'`, else a separator.
        case hyphen, apostrophe
        /// A combining mark that NFC may compose with the letter before it.
        case composingMark
        /// Dropped without splitting the word (zero-width characters, soft hyphen, variation selectors, marks).
        case ignorable
        /// Ends a word: punctuation, symbols, emoji, white space.
        case separator
    }

    @inline(__always)
    static func kind(of s: UInt32) -> Kind {
        if s < 0x80 {
            if (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A { return .letter }
            if s >= 0x30 && s <= 0x39 { return .digit }
            if s == 0x2D { return .hyphen }
            if s == 0x27 { return .apostrophe }
            return .separator
        }
        if s >= 0x400 && s <= 0x52F {
            if s >= 0x483 && s <= 0x489 { return .ignorable }  // Cyrillic titlo and other combining marks
            return s == 0x482 ? .separator : .letter
        }
        switch s {
        case 0x300...0x36F: return .composingMark
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63, 0xFF0D: return .hyphen
        case 0x2019, 0x02BC: return .apostrophe
        case 0xAD, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0xFE00...0xFE0F, 0x20D0...0x20FF, 0x1AB0...0x1AFF,
            0x1DC0...0x1DFF, 0xFE20...0xFE2F, 0xE0000...0xE007F:
            return .ignorable
        // Blocks that hold no letter, digit or mark (general punctuation, arrows to dingbats, emoji): the
        // channel's 🔴, ⚡️ and «—» would otherwise each cost a Unicode property lookup.
        case 0x2000...0x206F, 0x2190...0x27BF, 0x1F000...0x1FAFF: return .separator
        // Latin-1 punctuation and symbols (« » ° §) but its three letters ª µ º, and №: common in Cyrillic text.
        case 0x80...0xBF where s != 0xAA && s != 0xB5 && s != 0xBA: return .separator
        case 0x2116: return .separator
        default: break
        }
        guard let value = Unicode.Scalar(s) else { return .separator }
        switch value.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber:
            return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .ignorable
        default:
            return .separator
        }
    }

    /// . ! ? … and their full-width forms: the next word starts a sentence, so its capital says nothing.
    @inline(__always)
    static func endsSentence(_ s: UInt32) -> Bool {
        s == 0x2E || s == 0x21 || s == 0x3F || s == 0x2026 || s == 0xFF01 || s == 0xFF1F || s == 0x3002
    }

    @inline(__always)
    static func isSpace(_ s: UInt32) -> Bool {
        s == 0x20 || s == 0x09 || s == 0x0B || s == 0x0C || s == 0xA0 || (s >= 0x2000 && s <= 0x200A) || s == 0x202F
            || s == 0x205F || s == 0x3000 || s == 0x1680
    }

    @inline(__always)
    static func isLineBreak(_ s: UInt32) -> Bool {
        s == 0x0A || s == 0x0D || s == 0x85 || s == 0x2028 || s == 0x2029
    }

    @inline(__always)
    static func isUppercase(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x41 && s <= 0x5A }
        if s >= 0x400 && s <= 0x42F { return true }
        if s >= 0x430 && s <= 0x45F { return false }
        return Unicode.Scalar(s)?.properties.isUppercase ?? false
    }

    @inline(__always)
    static func isLowercase(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x61 && s <= 0x7A }
        if s >= 0x430 && s <= 0x45F { return true }
        if s >= 0x400 && s <= 0x42F { return false }
        return Unicode.Scalar(s)?.properties.isLowercase ?? false
    }

    /// Lowercase of ASCII, Latin-1 and Cyrillic letters without table lookups; nil for other scripts.
    @inline(__always)
    static func simpleLowercase(_ s: UInt32) -> UInt32? {
        switch s {
        case 0x41...0x5A: return s + 0x20
        case 0x00...0x7F: return s
        case 0xC0...0xDE where s != 0xD7: return s + 0x20
        case 0xDF...0xFF: return s
        case 0x400...0x40F: return s + 0x50
        case 0x410...0x42F: return s + 0x20
        case 0x430...0x45F: return s
        case 0x460...0x481, 0x48A...0x4BF, 0x4D0...0x52F: return s | 1
        case 0x4C0: return 0x4CF
        case 0x4C1...0x4CE: return s & 1 == 1 ? s + 1 : s
        case 0x4CF: return s
        default: return nil
        }
    }

    /// The lowercase scalars of `s` (letters and digits only: marks a mapping adds, as for `İ`, are dropped),
    /// with `ё` folded to `е`.
    @inline(__always)
    static func forEachLowercase(_ s: UInt32, _ body: (UInt32) -> Void) {
        if let lower = simpleLowercase(s) {
            body(lower == 0x451 ? 0x435 : lower)
            return
        }
        guard let value = Unicode.Scalar(s) else { return }
        if !value.properties.changesWhenLowercased {
            body(s)
            return
        }
        for lower in value.properties.lowercaseMapping.unicodeScalars {
            let kind = kind(of: lower.value)
            if kind == .letter || kind == .digit { body(lower.value) }
        }
    }

    /// The two-byte letters U+0400…U+045F (lead byte D0 or D1) by `cyrillicIndex`: their lowercase form (with `ё`
    /// folded to `е`) as two UTF-8 bytes in the low 16 bits (first byte lowest), `cyrillicUpper` if the letter is
    /// uppercase, `cyrillicTwin` if it has a Latin twin. Entries for D1 A0…BF (U+0460 on) are 0: not in the block.
    static let cyrillicLetters: [UInt32] = (0..<128).map { index in
        let scalar = UInt32(0x400 + index)
        guard scalar <= 0x45F, let lower = simpleLowercase(scalar) else { return 0 }
        let folded = lower == 0x451 ? 0x435 : lower
        let bytes = (0xC0 | (folded >> 6)) | ((0x80 | (folded & 0x3F)) << 8)
        return bytes | (isUppercase(scalar) ? cyrillicUpper : 0)
            | (Lookalikes.cyrillicHasTwin(scalar) ? cyrillicTwin : 0)
    }
    static let cyrillicUpper: UInt32 = 1 << 16
    static let cyrillicTwin: UInt32 = 1 << 17

    /// Where the letter with lead byte `lead` (D0 or D1) and second byte `second` is in `cyrillicLetters`.
    @inline(__always)
    static func cyrillicIndex(lead: UInt8, second: UInt8) -> Int {
        Int(lead & 1) << 6 | Int(second & 0x3F)
    }

    /// Decodes the scalar at `index` of valid UTF-8 (a `String`'s bytes): its value and length.
    @inline(__always)
    static func decode(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let b0 = UInt32(input[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(input[index + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (
                ((b0 & 0x0F) << 12) | ((UInt32(input[index + 1]) & 0x3F) << 6) | (UInt32(input[index + 2]) & 0x3F), 3
            )
        }
        let value =
            ((b0 & 0x07) << 18) | ((UInt32(input[index + 1]) & 0x3F) << 12) | ((UInt32(input[index + 2]) & 0x3F) << 6)
            | (UInt32(input[index + 3]) & 0x3F)
        return (value, 4)
    }

    /// Writes `scalar` as UTF-8 at `out + count`; returns the new count. The caller ensures 4 bytes of room.
    @inline(__always)
    static func encode(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>, at count: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            out[count] = UInt8(scalar)
            return count + 1
        case 0x80..<0x800:
            out[count] = UInt8(0xC0 | (scalar >> 6))
            out[count + 1] = UInt8(0x80 | (scalar & 0x3F))
            return count + 2
        case 0x800..<0x10000:
            out[count] = UInt8(0xE0 | (scalar >> 12))
            out[count + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[count + 2] = UInt8(0x80 | (scalar & 0x3F))
            return count + 3
        default:
            out[count] = UInt8(0xF0 | (scalar >> 18))
            out[count + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[count + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[count + 3] = UInt8(0x80 | (scalar & 0x3F))
            return count + 4
        }
    }
}
