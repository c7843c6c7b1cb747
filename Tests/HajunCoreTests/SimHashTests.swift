import Testing

@testable import HajunCore

@Suite struct SimHashTests {
    func simhash(_ text: String) -> UInt64 { SimHash.hash64(Normalizer.normalize(text)) }
    func distance(_ a: String, _ b: String) -> Int { SimHash.distance(simhash(a), simhash(b)) }

    @Test func emptyTextHashesToZeroAndEqualTextsAgree() {
        #expect(simhash("") == 0)
        #expect(simhash("🔥🔥🔥") == 0)
        #expect(simhash("Колонна из 27 единиц") == simhash("колонна  ИЗ 27 единиц!!!"))
    }

    @Test func isTheMajorityVoteOfItsWeightedFeatures() {
        // One word of one letter: features are the word (weight 2) and its only trigram, itself (weight 1).
        // The word's 2 of 3 always carry the vote, so the SimHash is the word's hash.
        let word = Array("я".utf8)
        #expect(SimHash.hash64(NormalizedText(bytes: word)) == XXH3.hash64(word, seed: SimHash.wordSeed))
        // Two words of weight 2 and two trigrams of weight 1 each: a bit needs more than half of 6.
        let text = Array("ab cd".utf8)
        let features: [(UInt64, Int32)] = [
            (XXH3.hash64(Array("ab".utf8), seed: SimHash.wordSeed), 2),
            (XXH3.hash64(Array("ab".utf8), seed: SimHash.trigramSeed), 1),
            (XXH3.hash64(Array("cd".utf8), seed: SimHash.wordSeed), 2),
            (XXH3.hash64(Array("cd".utf8), seed: SimHash.trigramSeed), 1),
        ]
        var expected: UInt64 = 0
        for bit in 0..<64 {
            let votes = features.reduce(Int32(0)) { $0 + ($1.0 >> UInt64(bit) & 1 == 1 ? $1.1 : 0) }
            if votes * 2 > 6 { expected |= 1 << UInt64(bit) }
        }
        #expect(SimHash.hash64(NormalizedText(bytes: text)) == expected)
    }

    @Test func trigramsAreCutAtScalarBoundaries() {
        // "мозырь": 6 Cyrillic letters, 2 bytes each; trigrams мoз озы зыр ырь.
        let word = Array("мозырь".utf8)
        var tally = SimHash.Tally()
        word.withUnsafeBufferPointer { SimHash.addWord($0, 0, $0.count, to: &tally) }
        var manual = SimHash.Tally()
        manual.add(XXH3.hash64(word, seed: SimHash.wordSeed), SimHash.wordWeight)
        for trigram in ["моз", "озы", "зыр", "ырь"] {
            manual.add(XXH3.hash64(Array(trigram.utf8), seed: SimHash.trigramSeed), SimHash.trigramWeight)
        }
        #expect(tally.hash == manual.hash)
        #expect(tally.total == 2 + 4)
    }

    @Test func smallEditsMoveFewBitsAndDifferentTextsMany() {
        let original = "Колонна из 27 единиц техники движется по трассе М5 в сторону Мозыря, в составе КамАЗы и БТРы"
        let typo = "Колонна из 27 единиц техники движется по трасе М5 в сторону Мозыря, в составе КамАЗы и БТРы"
        let extraWord =
            "Колонна из 27 единиц военной техники движется по трассе М5 в сторону Мозыря, в составе КамАЗы и БТРы"
        let unrelated = "В Барановичах задержали двух человек за подписку на экстремистский канал, их судили"
        #expect(distance(original, typo) <= 8)
        #expect(distance(original, extraWord) <= 10)
        #expect(distance(original, unrelated) >= 16)
    }

    @Test func unrelatedTextsAreAboutHalfTheBitsApart() {
        let texts = [
            "колонна техники в сторону мозыря", "су-34 взлетели с аэродрома барановичи", "задержан активист в гродно",
            "пуск ракеты с территории беларуси", "повреждение релейного шкафа на железной дороге",
            "учения резервистов под борисовом", "convoy of trucks near homiel", "air raid alert in kyiv region",
        ]
        var total = 0
        var pairs = 0
        for i in texts.indices {
            for j in texts.indices where j > i {
                total += distance(texts[i], texts[j])
                pairs += 1
            }
        }
        let mean = Double(total) / Double(pairs)
        #expect(mean > 24 && mean < 40, "mean distance \(mean)")
    }

    @Test func fingerprintIsXXH3OfTheNormalizedBytesAndTheirSimHash() {
        let text = Normalizer.normalize("Су-34 над Мачулищами")
        let fingerprint = Fingerprinter.fingerprint(text)
        #expect(fingerprint.exact == XXH3.hash64(Array("су-34 над мачулищами".utf8)))
        #expect(fingerprint.simhash == SimHash.hash64(text))
    }
}
