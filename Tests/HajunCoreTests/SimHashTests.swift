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

    /// SimHash by its definition: every feature hashed and counted per bit in `Int`, without tally lanes or the
    /// word cache.
    func referenceSimHash(_ bytes: [UInt8]) -> UInt64 {
        var votes = [Int](repeating: 0, count: 64)
        var total = 0
        func add(_ feature: ArraySlice<UInt8>, _ seed: UInt64, _ weight: Int) {
            let hash = XXH3.hash64(Array(feature), seed: seed)
            for bit in 0..<64 where hash >> UInt64(bit) & 1 == 1 { votes[bit] += weight }
            total += weight
        }
        for word in bytes.split(separator: 0x20) {
            add(word, SimHash.wordSeed, 2)
            let starts = word.indices.filter { word[$0] & 0xC0 != 0x80 } + [word.endIndex]
            if starts.count <= 3 {
                add(word, SimHash.trigramSeed, 1)
            } else {
                for index in 0..<(starts.count - 3) {
                    add(word[starts[index]..<starts[index + 3]], SimHash.trigramSeed, 1)
                }
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] * 2 > total { result |= 1 << UInt64(bit) }
        return result
    }

    /// Words come from the cache once seen: texts sharing words, words one byte apart at the end of the cached
    /// length, words too long to cache, and a text long enough to flush the tally, each asked for twice.
    @Test func cachedWordVotesGiveTheDefinitionsHash() {
        let long = String(repeating: "колонна техники мозырь су-34 ", count: 2_000)
        let texts = [
            "колонна из 27 единиц техники в сторону мозыря", "колонна техники в сторону речицы", "я", "ab cd",
            "abcdefghijklmnopqrstuvwx abcdefghijklmnopqrstuvwy abcdefghijklmnopqrstuvwxy",
            "аэродромааэродромааэродром аэродромааэродромааэродромб", "з'ява 10-15 ў бок мазыра", long,
        ]
        for round in 0..<2 {
            for text in texts {
                let bytes = Array(text.utf8)
                let hash = SimHash.hash64(NormalizedText(bytes: bytes))
                #expect(hash == referenceSimHash(bytes), "round \(round): \(text.prefix(60))")
            }
        }
    }

    /// The cache's key tells apart words that differ in any byte or in length only.
    @Test func wordCacheKeysHoldTheWholeWord() {
        func key(_ word: String) -> WordVotesCache.Key {
            let bytes = Array(word.utf8)
            return bytes.withUnsafeBufferPointer { WordVotesCache.Key($0, start: 0, length: $0.count) }
        }
        #expect(key("мозыря") == key("мозыря"))
        #expect(key("мозыря") != key("мозырю"))
        #expect(key("abcdefghijklmnopqrstuvwx") != key("abcdefghijklmnopqrstuvwy"))
        #expect(key("abcdefghijklmnop") != key("abcdefghijklmnopq"))
        // Loaded eight bytes at a time from a longer buffer: the bytes after the word are not part of it.
        let text = Array("су-34 суббота".utf8)
        let first = text.withUnsafeBufferPointer { WordVotesCache.Key($0, start: 0, length: 7) }
        #expect(first == key("су-34"))
    }

    @Test func fingerprintIsXXH3OfTheNormalizedBytesAndTheirSimHash() {
        let text = Normalizer.normalize("Су-34 над Мачулищами")
        let fingerprint = Fingerprinter.fingerprint(text)
        #expect(fingerprint.exact == XXH3.hash64(Array("су-34 над мачулищами".utf8)))
        #expect(fingerprint.simhash == SimHash.hash64(text))
    }
}
