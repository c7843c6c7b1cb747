/// Turns a term as a user writes it (`колонна`, `задерж*`, `=мост`, `воздушная тревога`) into the word specs
/// the index matches, normalizing it exactly as posts are normalized so both sides fold the same way.
enum TermParser {
    /// The words of `text`, or an empty list when nothing matchable remains after normalization.
    static func words(of text: String, endingSet: Int) -> [TermIndex.WordSpec] {
        var result: [TermIndex.WordSpec] = []
        for rawWord in rawWords(of: text) {
            var word = rawWord
            var mode = TermIndex.Mode.inflected
            if word.hasPrefix("=") {
                mode = .exact
                word = word.dropFirst()
            } else if word.hasSuffix("*") {
                mode = .prefix
                word = word.dropLast()
            }
            let pieces = Normalizer.normalize(String(word)).bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D })
                .map(Array.init)
            for (pieceIndex, piece) in pieces.enumerated() {
                var pieceMode = mode
                if mode == .prefix && pieceIndex < pieces.count - 1 { pieceMode = .exact }
                if mode == .inflected && letterCount(piece) < InflectionEndings.minimumStemLetters {
                    pieceMode = .exact
                }
                let stems = pieceMode == .inflected ? inflectionStems(of: piece, endingSet: endingSet) : [piece]
                result.append(TermIndex.WordSpec(stems: stems, mode: pieceMode, endingSet: endingSet))
            }
        }
        return result
    }

    /// The words of `text` between spaces and tabs, as splitting its characters finds them; split over its bytes
    /// when nothing in it can join a space into a larger character (ASCII and the Cyrillic letters U+0400-U+047F
    /// only, nearly every term), since splitting characters is most of the work of start-up's thousands of terms.
    static func rawWords(of text: String) -> [Substring] {
        let simple = text.utf8.allSatisfy { $0 < 0x80 || $0 & 0xC0 == 0x80 || $0 == 0xD0 || $0 == 0xD1 }
        guard simple else { return text.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
        return text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { Substring($0) }
    }

    /// The word itself and every stem left by cutting one known ending, keeping at least the minimum letters.
    static func inflectionStems(of word: [UInt8], endingSet: Int) -> [[UInt8]] {
        var stems = [word]
        for ending in InflectionEndings.lists[endingSet] where ending.count < word.count {
            guard word.suffix(ending.count).elementsEqual(ending) else { continue }
            let stem = Array(word.dropLast(ending.count))
            if letterCount(stem) >= InflectionEndings.minimumStemLetters && !stems.contains(stem) {
                stems.append(stem)
            }
        }
        return stems
    }

    static func letterCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
