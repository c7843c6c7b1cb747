import Testing

@testable import HajunCore

struct TextCharactersTests {
    /// `TextCharacters.kind(of:)` takes whole blocks as separators without asking for the general category: no
    /// scalar in them may be one the category would make a letter, digit or mark.
    @Test(arguments: [0x2000...0x206F, 0x2190...0x27BF, 0x1F000...0x1FAFF] as [ClosedRange<UInt32>])
    func blocksTakenAsSeparatorsHoldNoLetterDigitOrMark(block: ClosedRange<UInt32>) {
        var wrong: [String] = []
        for value in block {
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

    /// The same blocks still hold the dashes, apostrophes and invisible marks the normalizer treats on their own.
    @Test func specialScalarsInsideTheBlocksKeepTheirKind() {
        #expect(TextCharacters.kind(of: 0x2013) == .hyphen)
        #expect(TextCharacters.kind(of: 0x2019) == .apostrophe)
        #expect(TextCharacters.kind(of: 0x200B) == .ignorable)
        #expect(TextCharacters.kind(of: 0x2060) == .ignorable)
        #expect(TextCharacters.kind(of: 0x2014) == .separator)
        #expect(TextCharacters.kind(of: 0x1F534) == .separator)
    }
}
