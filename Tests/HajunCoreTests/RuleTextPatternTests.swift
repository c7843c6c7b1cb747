import Foundation
import Testing

@testable import HajunCore

/// Text patterns skip Swift's `Regex` where they can; these tests hold the shortcut to the `Regex`'s own answers.
@Suite struct RuleTextPatternTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Patterns as duty desks write them, and ones built to trip the analysis (quantifiers, groups, classes, anchors,
    /// escapes that read further, option groups, empty alternatives).
    static let patterns = [
        "пуск|launch", "колонн|convoy", "эшелон|эшалон|train", "борт|aircraft", "задержа|затрыма|detain",
        "повестк|summons", "учени|вучэнн|exercise", "пуск|ракет|Iskander", "ИСКАНДЕР", "Су-34", "su\\-34", "мачулищ",
        "ГОМЕЛ", "гомель|Гомель|ГОМЕЛЬ", "ё", "Ё", "ў|і", "Ў", "й", "ß", "ss", "i", "I", "k", "straße", "é", "É",
        "🔴", "❗", "…", "— ", "a.b", "", "a|", "|", "п.ск", "ракет\\w*", "\\d+\\s+су-\\d+", "(?:пуск|launch) ракет",
        "Мачулищ(и|ы)", "[а-я]+ск", "колонн[аы]", "colou?r", "ab+c", "x{2}", "военн(ых|ые)? камаз", "\\bмин",
        "^пуск", "пуск$", "(?i)ПУСК", "(?-i)пуск", "\\x41", "\\u{0419}", "\\Qa.b\\E", "\\p{Lu}{2}", "(?x) п у с к",
        "С[уУ]-3[45]", "[a\\]]", "борт\\.", "1\\d:\\d\\d", "^\\d", "вертол[её]т", "ракет|\\d{2}:\\d{2}",
        "Ми-8 и Ка-52", "ё+лка", "⚠", "⚠\u{FE0F}", "❗", "ск❗", "🔴 ",
    ]

    @Test func agreesWithRegexOnLabelledCorporaAndGeneratedPosts() throws {
        let texts = try Self.corpusTexts() + Self.generatedTexts(from: Self.corpusTexts(), count: 400)
        let simple = texts.filter { FoldedText($0).isSimple }.count
        #expect(simple * 2 > texts.count, "most posts take the byte search (\(simple) of \(texts.count))")
        var disagreements: [String] = []
        for source in Self.patterns {
            let pattern = try TextPattern(source)
            for text in texts where pattern.matches(text) != pattern.matchesRegex(text) {
                disagreements.append("\(source) on \(text.debugDescription)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test func commonPatternsSkipTheRegex() {
        #expect(
            TextPatternPlan("пуск|ракет|Iskander")
                == .literals([
                    Array("пуск".utf8), Array("ракет".utf8),
                    Array("iskander".utf8),
                ]))
        #expect(TextPatternPlan("su\\-34") == .literals([Array("su-34".utf8)]))
        #expect(TextPatternPlan("ракет\\w*") == .required(Array("ракет".utf8)))
        #expect(TextPatternPlan("\\d+\\s+су-\\d+") == .required(Array("су-".utf8)))
        #expect(TextPatternPlan("колонн[аы] танков") == .required(Array(" танков".utf8)))
        #expect(TextPatternPlan("colou?r") == .required(Array("colo".utf8)), "u? is optional")
        #expect(TextPatternPlan("(?x) п у с к") == .regex, "options change what follows")
        #expect(TextPatternPlan("\\x41") == .regex, "escapes that read further")
        #expect(TextPatternPlan("ракет|\\d{2}") == .regex, "a top-level alternation of a non-literal")
    }

    @Test func textsWithScalarsByteSearchCannotJudgeGoToTheRegex() throws {
        let decomposed = "Пуск и\u{306} ракет"  // й as и + combining breve
        #expect(!FoldedText(decomposed).isSimple)
        let pattern = try TextPattern("й")
        #expect(pattern.matches(decomposed) == pattern.matchesRegex(decomposed))
        #expect(pattern.matches(decomposed), "canonically equivalent to the precomposed й")
        #expect(!FoldedText("line\r\nnext").isSimple)
        #expect(!FoldedText("İstanbul").isSimple, "İ lowercases to two scalars")
        let selected = FoldedText("⚠\u{FE0F} Пуск\u{FE0F}")
        #expect(selected.isSimple && selected.hasVariationSelector)
        #expect(!selected.contains(Array("⚠".utf8)), "⚠ and U+FE0F are one cluster, which ⚠ does not equal")
        #expect(!selected.contains(Array("пуск".utf8)) && selected.contains(Array("пус".utf8)))
        #expect(TextPatternPlan("⚠\u{FE0F}") == .regex, "patterns with U+FE0F go to the Regex")
        #expect(FoldedText("🔴 Пуск ракет — Мазыр, ЎЁІ").bytes == Array("🔴 пуск ракет — мазыр, ўёі".utf8))
    }

    /// Every scalar byte search accepts must stand alone as a grapheme cluster next to any other accepted one, be
    /// NFC-stable (so no two are canonically equivalent), and fold to its own `lowercased()`; a one-character
    /// pattern of it must agree with the `Regex` on its case variants.
    @Test func everySimpleScalarIsJudgedLikeTheRegex() throws {
        var checked = 0
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let folded = FoldedText(text)
            guard folded.isSimple, value != 0xFE0F else { continue }
            checked += 1
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
            #expect(("a" + text + "a").count == 3 && ("🚀" + text + "я").count == 3, "U+\(String(value, radix: 16))")
            #expect(folded.bytes == Array(text.lowercased().utf8), "U+\(String(value, radix: 16))")
            guard value >= 0x20, value != 0x7F else { continue }
            let source = "\\^$.|?*+()[]{}".unicodeScalars.contains(scalar) ? "\\" + text : text
            let pattern = try TextPattern(source)
            for variant in [text, text.uppercased(), text.lowercased(), "x" + text.uppercased() + "y"] {
                #expect(
                    pattern.matches(variant) == pattern.matchesRegex(variant),
                    "U+\(String(value, radix: 16)) on \(variant.debugDescription)")
            }
        }
        #expect(checked > 2500)
    }

    private static func corpusTexts() throws -> [String] {
        var texts: [String] = []
        for name in ["classification/corpus.jsonl", "classification/heldout.jsonl", "dedup/corpus.jsonl"] {
            let data = try Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/\(name)"))
            for line in data.split(separator: UInt8(ascii: "\n")) {
                let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
                if let text = object?["text"] as? String { texts.append(text) }
            }
        }
        return texts
    }

    /// Posts spliced from corpus words in random case, with scalars that trouble byte search mixed in.
    private static func generatedTexts(from corpus: [String], count: Int) -> [String] {
        var generator = SplitMix64(seed: 2022)
        let words = corpus.flatMap { $0.split(separator: " ").map(String.init) }
        let oddities = [
            "\u{301}", "и\u{306}", "е\u{308}", "İ", "ß", "ẞ", "⚠️", "\r\n", "Σ", "ς", "K", "\u{200D}", "👨‍👩‍👧", "🇧🇾",
            "Ｐ", "ǅ", "\u{0483}", "ﬁ", "Ω", "🔴", "❗", "\n", "\t", "\u{FE0F}", "❗\u{FE0F}", "\u{FE0F}\u{FE0F}",
            "\u{FE0E}",
        ]
        return (0..<count).map { _ in
            var parts: [String] = []
            for _ in 0..<(3 + Int(generator.next() % 12)) {
                var word = words[Int(generator.next() % UInt64(words.count))]
                switch generator.next() % 4 {
                case 0: word = word.uppercased()
                case 1: word = word.lowercased()
                default: break
                }
                parts.append(word)
                if generator.next() % 6 == 0 { parts.append(oddities[Int(generator.next() % UInt64(oddities.count))]) }
            }
            return parts.joined(separator: generator.next() % 5 == 0 ? "" : " ")
        }
    }
}

/// A small deterministic generator, so a failure can be reproduced.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
