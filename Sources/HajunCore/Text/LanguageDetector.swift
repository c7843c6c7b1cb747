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
        return decide(
            cyrillic: counter.cyrillic, latin: counter.latin, letters: counter.letters, words: counter.words, evidence)
    }

    /// The language from letters and function words tallied word by word, with `evidence` from elsewhere: the
    /// same answer as `detect(_:evidence:)` over the text the tally saw, when the tally `isExact`.
    static func detect(_ tally: LanguageWordTally, evidence: Evidence) -> Language {
        decide(cyrillic: tally.cyrillic, latin: tally.latin, letters: tally.letters, words: tally.words, evidence)
    }

    /// The language from the counts of letters (all Cyrillic, all Latin, Cyrillic by `LetterClass`) and of
    /// function words by language.
    private static func decide(
        cyrillic: Int, latin: Int, letters counts: InlineArray<8, Int>, words: Evidence, _ evidence: Evidence
    ) -> Language {
        let letters = cyrillic + latin
        if letters < 2 { return .undetermined }
        if latin > cyrillic {
            return .en
        }
        let ruOnly = Double(counts[LetterClass.ruOnly])
        let beOnly = Double(counts[LetterClass.beOnly])
        let ukOnly = Double(counts[LetterClass.ukOnly])
        let ruUk = Double(counts[LetterClass.ruUk])
        let beUk = Double(counts[LetterClass.beUk])
        let shared = Double(counts[LetterClass.ruBe])
        var russian = 2 * ruOnly + shared + ruUk
        var belarusian = 3 * beOnly + shared + beUk
        var ukrainian = 3 * ukOnly + ruUk + beUk
        russian += 2 * Double(words.russian) + 1.5 * Double(evidence.russian)
        belarusian += 2 * Double(words.belarusian) + 1.5 * Double(evidence.belarusian)
        ukrainian += 2 * Double(words.ukrainian) + 1.5 * Double(evidence.ukrainian)
        if belarusian > russian && belarusian >= ukrainian { return .be }
        if ukrainian > russian && ukrainian > belarusian { return .uk }
        return .ru
    }

    /// Which alphabets a Cyrillic letter belongs to, as an index into `LetterCounter.letters`.
    enum LetterClass {
        static let other = 0
        static let ruOnly = 1  // ъ
        static let ruBe = 2  // ы э ё
        static let ruUk = 3  // и щ
        static let beUk = 4  // і
        static let beOnly = 5  // ў
        static let ukOnly = 6  // ї є ґ
    }

    /// For each scalar U+0400…U+04FF: its `LetterClass` (low byte) and its lowercase UTF-8 bytes, with ё as е, as
    /// the function words are written (second and third bytes).
    static let cyrillicLetters: [UInt32] = (0x400...0x4FF).map { (scalar: UInt32) -> UInt32 in
        let letterClass: Int
        switch scalar {
        case 0x44A, 0x42A: letterClass = LetterClass.ruOnly
        case 0x44B, 0x42B, 0x44D, 0x42D, 0x451, 0x401: letterClass = LetterClass.ruBe
        case 0x438, 0x418, 0x449, 0x429: letterClass = LetterClass.ruUk
        case 0x456, 0x406: letterClass = LetterClass.beUk
        case 0x45E, 0x40E: letterClass = LetterClass.beOnly
        case 0x457, 0x407, 0x454, 0x404, 0x491, 0x490: letterClass = LetterClass.ukOnly
        default: letterClass = LetterClass.other
        }
        var lower = scalar
        if lower >= 0x410 && lower <= 0x42F {
            lower += 0x20
        } else if lower >= 0x400 && lower <= 0x40F {
            lower += 0x50
        }
        if lower == 0x451 { lower = 0x435 }
        let first = 0xC0 | (lower >> 6)
        let second = 0x80 | (lower & 0x3F)
        return UInt32(letterClass) | (first << 8) | (second << 16)
    }

    /// Counts of the letters that tell the Cyrillic alphabets apart, and of function words.
    private struct LetterCounter {
        var cyrillic = 0
        var latin = 0
        /// Cyrillic letters by `LetterClass`.
        var letters = InlineArray<8, Int>(repeating: 0)
        var words = Evidence()

        /// The word being read. A local of `scan`, so that it lives in registers.
        private struct Word {
            var cyrillic = 0
            var latin = 0
            var latinI = 0
            /// The last 16 bytes (lowercased), shifted in from the right: the whole word when it is no longer than
            /// 16 bytes, as long as any function word (`FunctionWordTable` packs them the same way).
            var low: UInt64 = 0
            var high: UInt64 = 0
            var bytes = 0

            @inline(__always)
            mutating func extend(_ byte: UInt8) {
                high = (high << 8) | (low >> 56)
                low = (low << 8) | UInt64(byte)
                bytes &+= 1
            }

            /// Two bytes at once (a Cyrillic letter): `pair` is the first byte shifted left by 8, then the second.
            @inline(__always)
            mutating func extend(pair: UInt64) {
                high = (high << 16) | (low >> 48)
                low = (low << 16) | pair
                bytes &+= 2
            }
        }

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            let cyrillicLetters = LanguageDetector.cyrillicLetters
            let functionWords = FunctionWordTable.shared
            var word = Word()
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    if (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x41 && lead <= 0x5A) {
                        word.latin &+= 1
                        if lead == 0x69 || lead == 0x49 { word.latinI &+= 1 }
                        word.extend(lead | 0x20)
                    } else if lead == 0x27 || lead == 0x2D || (lead >= 0x30 && lead <= 0x39) {
                        word.extend(lead)
                    } else if word.bytes > 0 {
                        end(&word, functionWords)
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
                        let letter = cyrillicLetters[Int(scalar) - 0x400]
                        word.cyrillic &+= 1
                        if letter & 0xFF != 0 { letters[Int(letter & 0xFF)] &+= 1 }
                        word.extend(pair: UInt64((letter >> 8) & 0xFF) << 8 | UInt64((letter >> 16) & 0xFF))
                    } else if scalar == 0x2BC {
                        word.extend(0x27)
                    } else if word.bytes > 0 {
                        end(&word, functionWords)
                    }
                } else if length == 3 && index + 2 < bytes.count && lead == 0xE2 && bytes[index + 1] == 0x80
                    && bytes[index + 2] == 0x99
                {
                    word.extend(0x27)  // ’ as an apostrophe ("п’ять", "з’явіліся")
                } else if word.bytes > 0 {
                    end(&word, functionWords)
                }
                index += length
            }
            if word.bytes > 0 { end(&word, functionWords) }
        }

        /// Counts a finished word (of at least one byte) and starts the next.
        @inline(__always)
        private mutating func end(_ word: inout Word, _ functionWords: FunctionWordTable) {
            if word.cyrillic > 0 && word.latin > 0 && word.latin == word.latinI {
                letters[LetterClass.beUk] += word.latinI
                word.cyrillic += word.latin
                word.latin = 0
            }
            cyrillic += word.cyrillic
            latin += word.latin
            if word.bytes <= 16 {
                switch functionWords.language(low: word.low, high: word.high) {
                case 1: words.russian += 1
                case 2: words.belarusian += 1
                case 3: words.ukrainian += 1
                default: break
                }
            }
            word = Word()
        }
    }

    /// `FunctionWords` keyed by their bytes packed into two integers (words of at most 16 bytes), so a word is
    /// looked up with two multiplications instead of hashing it byte by byte. Values: 1 ru, 2 be, 3 uk; words
    /// listed for more than one language are dropped, they are no evidence.
    struct FunctionWordTable {
        static let shared = FunctionWordTable()

        private let lows: [UInt64]
        private let highs: [UInt64]
        private let values: [UInt8]
        private let shift: UInt64

        private init() {
            var languages: [[UInt8]: UInt8] = [:]
            var shared: Set<[UInt8]> = []
            let lists = [
                (FunctionWords.russian, UInt8(1)), (FunctionWords.belarusian, 2), (FunctionWords.ukrainian, 3),
            ]
            for (words, code) in lists {
                for word in Set(words) {
                    let bytes = Array(word.utf8)
                    if let existing = languages[bytes], existing != code { shared.insert(bytes) }
                    languages[bytes] = code
                }
            }
            for bytes in shared { languages[bytes] = nil }
            var bits: UInt64 = 4
            while (1 << bits) < languages.count * 3 { bits += 1 }
            let capacity = 1 << Int(bits)
            var lows = [UInt64](repeating: 0, count: capacity)
            var highs = [UInt64](repeating: 0, count: capacity)
            var values = [UInt8](repeating: 0, count: capacity)
            for (bytes, code) in languages where !bytes.isEmpty && bytes.count <= 16 {
                // Packed as `LetterCounter.Word` shifts bytes in.
                var low: UInt64 = 0
                var high: UInt64 = 0
                for byte in bytes {
                    high = (high << 8) | (low >> 56)
                    low = (low << 8) | UInt64(byte)
                }
                var slot = FunctionWordTable.slot(low: low, high: high, shift: 64 - bits)
                while values[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                lows[slot] = low
                highs[slot] = high
                values[slot] = code
            }
            self.lows = lows
            self.highs = highs
            self.values = values
            self.shift = 64 - bits
        }

        @inline(__always)
        private static func slot(low: UInt64, high: UInt64, shift: UInt64) -> Int {
            Int(truncatingIfNeeded: ((low ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        /// The language code of the word packed as `low`, `high` (non-empty), 0 when it is no function word.
        @inline(__always)
        func language(low: UInt64, high: UInt64) -> UInt8 {
            let mask = values.count - 1
            var slot = FunctionWordTable.slot(low: low, high: high, shift: shift)
            while true {
                let value = values[slot]
                if value == 0 { return 0 }
                if lows[slot] == low && highs[slot] == high { return value }
                slot = (slot + 1) & mask
            }
        }
    }
}
