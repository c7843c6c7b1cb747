import Testing

@testable import HajunCore

struct TextCharactersTests {
    /// `TextCharacters.kind(of:)` takes some whole blocks (punctuation, symbols, emoji) as separators without
    /// asking for the general category: over every Unicode scalar, none it calls a separator may be one the
    /// category makes a letter, digit or mark, whatever block a shortcut covers.
    @Test func noLetterDigitOrMarkIsTakenAsASeparator() {
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), TextCharacters.kind(of: value) == .separator else { continue }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
                .nonspacingMark, .spacingMark, .enclosingMark:
                wrong.append(String(value, radix: 16, uppercase: true))
            default:
                continue
            }
        }
        #expect(wrong.isEmpty, "letters, digits or marks taken as separators: U+\(wrong.joined(separator: ", U+"))")
    }

    /// The blocks taken whole still hold the dashes, apostrophes and invisible marks the normalizer treats on
    /// their own.
    @Test func specialScalarsInsideTheBlocksKeepTheirKind() {
        #expect(TextCharacters.kind(of: 0x2013) == .hyphen)
        #expect(TextCharacters.kind(of: 0x2019) == .apostrophe)
        #expect(TextCharacters.kind(of: 0x200B) == .ignorable)
        #expect(TextCharacters.kind(of: 0x2060) == .ignorable)
        #expect(TextCharacters.kind(of: 0x2014) == .separator)
        #expect(TextCharacters.kind(of: 0x1F534) == .separator)
    }

    /// The table of basic Cyrillic letters the normalizer's inner loop reads agrees with Unicode: lowercase (`ё` as
    /// `е`), case, and the twins `Lookalikes` lists.
    @Test func cyrillicLetterTableAgreesWithUnicode() {
        for value in UInt32(0x400)...0x47F {
            let scalar = Unicode.Scalar(value)!
            let bytes = Array(String(scalar).utf8)
            let entry = TextCharacters.cyrillicLetters[TextCharacters.cyrillicIndex(lead: bytes[0], second: bytes[1])]
            let name = "U+" + String(value, radix: 16, uppercase: true)
            guard value <= 0x45F else {
                #expect(entry == 0, "\(name)")
                continue
            }
            let lower = scalar.properties.lowercaseMapping == "ё" ? "е" : scalar.properties.lowercaseMapping
            let written = [UInt8(truncatingIfNeeded: entry), UInt8(truncatingIfNeeded: entry >> 8)]
            #expect(String(decoding: written, as: UTF8.self) == lower, "\(name)")
            #expect((entry & TextCharacters.cyrillicUpper != 0) == scalar.properties.isUppercase, "\(name)")
            let twin = Lookalikes.latinTwin(ofCyrillic: value) != nil
            #expect((entry & TextCharacters.cyrillicTwin != 0) == twin, "\(name)")
        }
    }
}
