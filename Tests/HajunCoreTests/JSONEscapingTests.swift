import Testing

@testable import HajunCore

@Suite("JSON escaping")
struct JSONEscapingTests {
    private func escaped(_ string: String) -> String {
        var output: [UInt8] = []
        JSONEscaping.append(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func writesAQuotedLiteral() {
        #expect(escaped("plain") == #""plain""#)
        #expect(escaped("") == #""""#)
        #expect(escaped(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(escaped("a\nb\rc\td\u{8}e\u{c}f") == #""a\nb\rc\td\be\ff""#)
        #expect(escaped("\u{0}\u{1f}\u{7f}") == "\"\\u0000\\u001f\u{7f}\"")
    }

    @Test func passesUnicodeThroughAsUTF8() {
        let text = "Мачулішчы: МиГ-31К 🛩 / Zi̇abrauka"
        #expect(escaped(text) == "\"" + text + "\"")
        #expect(Array(escaped(text).utf8) == [0x22] + Array(text.utf8) + [0x22])
    }

    @Test func appendsWithoutQuotesOnRequest() {
        var output = Array("x".utf8)
        JSONEscaping.appendContents("a\"b", to: &output)
        #expect(String(decoding: output, as: UTF8.self) == #"xa\"b"#)
        #expect(JSONEscaping.quoted("q\\") == #""q\\""#)
    }

    @Test func everyStringSurvivesARoundTripThroughTheParser() throws {
        var samples = ["", "\"", "\\", "\u{2028}", "🇧🇾 флаг", "tab\there"]
        samples.append(String((0..<32).map { Character(UnicodeScalar($0)!) }))
        samples.append(String(repeating: "Баранавічы \"x\"\n", count: 200))
        for sample in samples {
            let literal = Array(escaped(sample).utf8)
            let parsed = try JSONDocument.parse(literal).root.string
            #expect(parsed == sample)
        }
    }
}
