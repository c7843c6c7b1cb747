import HajunCore
import HajunTestSupport
import Testing

/// The classifier tallies letters word by word (and remembers each word's tally) instead of scanning the text for
/// language detection: its language must be the scan's, whatever the words, their hyphens and their characters.
/// A classifier without terms gathers no lexicon evidence, so its language is the scan's alone.
@Suite struct LanguageWordTallyTests {
    static let classifier = Classifier(lexicon: Lexicon(categories: []), gazetteer: Gazetteer(entries: []))

    static func tallied(_ text: String) -> Language {
        classifier.classify(text: text, normalized: NormalizedText(bytes: Array(text.utf8))).language
    }

    static func scanned(_ text: String) -> Language {
        Array(text.utf8).withUnsafeBufferPointer { LanguageDetector.detect($0, evidence: .init()) }
    }

    @Test(arguments: [
        // Function words alone, and next to hyphens (then they are part of a longer word and count nothing).
        "што гэта", "што-небудзь гэта", "гэта -што было", "было- што", "ці ці ці было", "--што", "што--",
        // A Latin i in a Cyrillic word counts as і, also across hyphens; not when the hyphenated word is all Latin.
        "мiнск", "мiнск-гомель", "i-мінск", "ii-ii", "мiнск -гомель", "мiнск - i", "minsk-мінск",
        // Words longer than a remembered word (32 bytes) and than a function word (16 bytes).
        "ўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўўў ы", "abcdefghijklmnopqrstuvwxyzabcdefghijiii ы",
        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii мммммммммммммммммммммммммммммммм",
        "калiнкавiчыкалiнкавiчыкалiнкавiчы", "гэтагэтагэта", "толькітолькі",
        // Characters the tally does not model: the classifier falls back to the scan.
        "café над мостом", "東京 што", "што, гэта", "тэст ʼ што", "п’ять що", "што\u{7F}гэта", "ў\tі",
        "Што Гэта", "ЩО ЦЕ", "", " ", "-", "12 34", "a", "ы",
    ])
    func talliedLanguageIsTheScannedLanguage(_ text: String) {
        #expect(LanguageWordTallyTests.tallied(text) == LanguageWordTallyTests.scanned(text), "\(text)")
    }

    /// Random texts of pieces that stress word joins, the Latin-i rule, the memo (words repeat) and the fallback.
    @Test func randomTextsAgree() {
        let pieces = [
            "што", "гэта", "що", "це", "что", "это", "і", "ў", "i", "ы", "ъ", "є", "ї", "ґ", "щ", "и", "э", "ё", "а",
            "a", "b", "1", "'", "-", "--", " ", " ", " ", "\n", "é", "…", "мiнск", "су-34", "ўўўўўўўўўўўўўўўў",
            "iiiiiiiiiiiiiiii", "абвгдежзийклмно", "Ї", "Q",
        ]
        var random = SeededRandom(state: 2022)
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &random) { text += pieces.randomElement(using: &random)! }
            if LanguageWordTallyTests.tallied(text) != LanguageWordTallyTests.scanned(text) {
                disagreements.append(text)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    /// The labelled corpus file's lines (posts inside JSON), normalized as the classifier sees posts and as they
    /// are, punctuation and all.
    @Test func corpusPostsAgree() throws {
        let corpus = try String(
            contentsOfFile: PackageRoot.path + "/Tests/Fixtures/classification/corpus.jsonl", encoding: .utf8)
        var checked = 0
        for line in corpus.split(separator: "\n") {
            let text = String(line)
            let normalized = Normalizer.normalize(text).string
            #expect(LanguageWordTallyTests.tallied(normalized) == LanguageWordTallyTests.scanned(normalized))
            #expect(LanguageWordTallyTests.tallied(text) == LanguageWordTallyTests.scanned(text))
            checked += 1
        }
        #expect(checked > 400)
    }
}
