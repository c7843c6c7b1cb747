import Testing

@testable import HajunCore

/// Term words are split over bytes when that cannot differ from splitting characters: the words must be those of
/// the character split, for simple terms and for terms with characters a space can join.
@Suite struct TermParserTests {
    @Test(arguments: [
        "колонна", "воздушная тревога", "  air\traid  ", "=мост", "задерж* на", "Су-34", "\t", "", "рух цягнікоў",
        "a \u{301}b", " \u{301} x", "café au lait", "ёлка і ўсё", "🚀 ракета", "a\r\n b", "ѳ ѵ",
    ])
    func wordsAreThoseOfACharacterSplit(_ text: String) {
        let characterSplit = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        #expect(TermParser.rawWords(of: text) == characterSplit)
    }
}
