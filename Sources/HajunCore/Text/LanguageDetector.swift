/// Tells which of Russian, Belarusian, Ukrainian and English a post is written in.
///
/// Cyrillic posts are told apart by the letters each alphabet has or lacks (`ў` only Belarusian; `ї`, `є`, `ґ`
/// only Ukrainian; `ъ` only Russian; `ы`, `э`, `ё` Russian and Belarusian; `и`, `щ` Russian and Ukrainian; `і`
/// Belarusian and Ukrainian), by frequent function words, and by the language of lexicon terms the classifier
/// matched (its `Evidence`), which settles short posts whose letters say little. A Latin `i` inside a
/// Cyrillic word counts as `і`, as people type it on Russian keyboards. Posts mostly in Latin letters are
/// English; posts with fewer than two letters are `und`.
public enum LanguageDetector {
    /// Extra votes from outside the letters, for example lexicon terms that belong to one language.
    public struct Evidence: Sendable, Hashable {
        public var russian = 0
        public var belarusian = 0
        public var ukrainian = 0
        public var english = 0

        public init() {}

        public mutating func add(_ language: Language) {
            switch language {
            case .ru: russian += 1
            case .be: belarusian += 1
            case .uk: ukrainian += 1
            case .en: english += 1
            case .undetermined: break
            }
        }
    }

    /// The language of `text` from its letters and function words alone.
    public static func detect(_ text: String) -> Language {
        var text = text
        return text.withUTF8 { detect($0, evidence: Evidence()) }
    }

    /// The language of UTF-8 `bytes` (normalized or not), with `evidence` from elsewhere.
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>, evidence: Evidence) -> Language {
        var counter = LetterCounter()
        counter.scan(bytes)
        let letters = counter.cyrillic + counter.latin
        if letters < 2 { return .undetermined }
        if counter.latin > counter.cyrillic {
            return .en
        }
        let shared = Double(counter.ruBe)
        var russian = 2 * Double(counter.ruOnly) + shared + Double(counter.ruUk)
        var belarusian = 3 * Double(counter.beOnly) + shared + Double(counter.beUk)
        var ukrainian = 3 * Double(counter.ukOnly) + Double(counter.ruUk) + Double(counter.beUk)
        russian += 2 * Double(counter.words.russian) + 1.5 * Double(evidence.russian)
        belarusian += 2 * Double(counter.words.belarusian) + 1.5 * Double(evidence.belarusian)
        ukrainian += 2 * Double(counter.words.ukrainian) + 1.5 * Double(evidence.ukrainian)
        if belarusian > russian && belarusian >= ukrainian { return .be }
        if ukrainian > russian && ukrainian > belarusian { return .uk }
        return .ru
    }

    /// Counts of the letters that tell the Cyrillic alphabets apart, and of function words.
    private struct LetterCounter {
        var cyrillic = 0
        var latin = 0
        var ruOnly = 0
        var beOnly = 0
        var ukOnly = 0
        var ruBe = 0
        var ruUk = 0
        var beUk = 0
        var words = Evidence()
        private let table = FunctionWords.table

        private var wordCyrillic = 0
        private var wordLatin = 0
        private var wordLatinI = 0
        private var wordHash: UInt64 = 0
        private var wordBytes = 0

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    if (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x41 && lead <= 0x5A) {
                        wordLatin += 1
                        if lead == 0x69 || lead == 0x49 { wordLatinI += 1 }
                        extendWord(lead)
                    } else if lead == 0x27 || lead == 0x2D || (lead >= 0x30 && lead <= 0x39) {
                        extendWord(lead)
                    } else {
                        endWord()
                    }
                    index += 1
                    continue
                }
                var length = 1
                if lead & 0xE0 == 0xC0 {
                    length = 2
                } else if lead & 0xF0 == 0xE0 {
                    length = 3
                } else if lead & 0xF8 == 0xF0 {
                    length = 4
                }
                if length == 2 && index + 1 < bytes.count {
                    let scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                    if scalar >= 0x400 && scalar <= 0x4FF {
                        countCyrillic(scalar)
                        extendWord(lowercased: scalar)
                    } else if scalar == 0x2BC || scalar == 0x2019 {
                        extendWord(0x27)
                    } else {
                        endWord()
                    }
                } else if length == 3 && index + 2 < bytes.count && lead == 0xE2 && bytes[index + 1] == 0x80
                    && bytes[index + 2] == 0x99
                {
                    extendWord(0x27)  // ’ as an apostrophe ("п’ять", "з’явіліся")
                } else {
                    endWord()
                }
                index += length
            }
            endWord()
        }

        private mutating func countCyrillic(_ scalar: UInt32) {
            wordCyrillic += 1
            switch scalar {
            case 0x44A, 0x42A: ruOnly += 1  // ъ
            case 0x44B, 0x42B, 0x44D, 0x42D, 0x451, 0x401: ruBe += 1  // ы э ё
            case 0x438, 0x418, 0x449, 0x429: ruUk += 1  // и щ
            case 0x456, 0x406: beUk += 1  // і
            case 0x45E, 0x40E: beOnly += 1  // ў
            case 0x457, 0x407, 0x454, 0x404, 0x491, 0x490: ukOnly += 1  // ї є ґ
            default: break
            }
        }

        /// Hashes a Cyrillic letter lowercased, with ё as е, as the function word table is written.
        private mutating func extendWord(lowercased scalar: UInt32) {
            var lower = scalar
            if lower >= 0x410 && lower <= 0x42F {
                lower += 0x20
            } else if lower >= 0x400 && lower <= 0x40F {
                lower += 0x50
            }
            if lower == 0x451 { lower = 0x435 }
            extendWord(UInt8(0xC0 | (lower >> 6)))
            extendWord(UInt8(0x80 | (lower & 0x3F)))
        }

        private mutating func extendWord(_ byte: UInt8) {
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            wordHash = (wordHash ^ UInt64(folded)) &* 0x0000_0100_0000_01b3
            wordBytes += 1
        }

        private mutating func endWord() {
            if wordCyrillic > 0 && wordLatin > 0 && wordLatin == wordLatinI {
                beUk += wordLatinI
                wordCyrillic += wordLatin
                wordLatin = 0
            }
            cyrillic += wordCyrillic
            latin += wordLatin
            if wordBytes > 0 && wordBytes <= 16 {
                switch table.value(for: wordHash == 0 ? 1 : wordHash) {
                case 1: words.russian += 1
                case 2: words.belarusian += 1
                case 3: words.ukrainian += 1
                default: break
                }
            }
            wordCyrillic = 0
            wordLatin = 0
            wordLatinI = 0
            wordBytes = 0
            wordHash = 0xcbf2_9ce4_8422_2325
        }

        init() {
            wordHash = 0xcbf2_9ce4_8422_2325
        }
    }
}
