import HajunTestSupport
import Testing

@testable import HajunCore

@Suite struct NormalizerTests {
    func normalized(_ text: String) -> String { Normalizer.normalize(text).string }

    @Test func lowercasesAndJoinsWordsWithSingleSpaces() {
        #expect(normalized("  Колонна   ТЕХНИКИ\n\nв сторону\tМОЗЫРЯ  ") == "колонна техники в сторону мозыря")
        #expect(normalized("Convoy OF 27 Vehicles") == "convoy of 27 vehicles")
        #expect(normalized("ЎЗДЫМ Іванаў Ґанок Єва Її") == "ўздым іванаў ґанок єва її")
        #expect(normalized("ÀÉÎ Ölçü") == "àéî ölçü")
        #expect(normalized("ΣΟΦΊΑ") == "σοφία")
        #expect(normalized("") == "")
        #expect(Normalizer.normalize("!!! ... ???").isEmpty)
    }

    @Test func foldsYoToYe() {
        #expect(normalized("Ещё ЁЛКИ, ёж") == "еще елки еж")
        #expect(normalized("Ещё") == normalized("Еще"))
    }

    @Test func keepsBelarusianLettersDistinct() {
        #expect(normalized("Мінск") == "мінск")
        #expect(normalized("Мінск") != normalized("Минск"))
        #expect(normalized("Гомель") != normalized("Гомэль"))
        #expect(normalized("ўсход") == "ўсход")
        #expect(normalized("ўсход") != normalized("усход"))
    }

    @Test func composesToNFCAndDropsStressMarks() {
        // и + combining breve, е + combining diaeresis, у + combining breve, e + combining acute.
        #expect(normalized("Бои\u{0306}цы") == "бойцы")
        #expect(normalized("Бои\u{0306}цы") == normalized("Бойцы"))
        #expect(normalized("е\u{0308}лка") == "елка")
        #expect(normalized("у\u{0306}здым") == "ўздым")
        #expect(normalized("cafe\u{0301}") == normalized("café"))
        #expect(normalized("коло\u{0301}нна") == "колонна")
    }

    @Test func removesURLsMentionsAndHashtags() {
        #expect(normalized("Колонна https://t.me/hajun/123 на трассе") == "колонна на трассе")
        #expect(normalized("Смотри www.example.com/x?y=1, колонна") == "смотри колонна")
        #expect(normalized("t.me/belaruski_hajun колонна") == "колонна")
        #expect(normalized("Источник: nashaniva.by/articles/1. Колонна") == "источник колонна")
        #expect(normalized("Колонна (@hajun_bot) #Мозырь #гаюн") == "колонна")
        #expect(normalized("Пишите @hajunbot, колонна") == "пишите колонна")
        #expect(normalized("Колонна via @belaruski_hajun") == "колонна")
        #expect(normalized("Колонна via https://t.me/x") == "колонна")
        // Not URLs: a decimal number, a sentence without a space after the dot, an email-like word.
        #expect(normalized("1.5 км") == "1 5 км")
        #expect(normalized("конец.Потом") == "конец потом")
        #expect(normalized("moving via Minsk") == "moving via minsk")
    }

    /// Chunks that start with a letter or digit are told apart from URLs by their first run of host bytes.
    @Test func quickURLCheckLetsOnlyNonURLsThrough() {
        func cannotBeURL(_ chunk: String) -> Bool {
            Array(chunk.utf8).withUnsafeBufferPointer { RemovableChunks.cannotBeURL(at: 0, in: $0) }
        }
        #expect(cannotBeURL("convoy"))
        #expect(cannotBeURL("su-34"))
        #expect(cannotBeURL("27"))
        #expect(cannotBeURL("moving/mazyr"))
        #expect(!cannotBeURL("http://x.by"))
        #expect(!cannotBeURL("tg://resolve"))
        #expect(!cannotBeURL("www.example.com"))
        #expect(!cannotBeURL("nashaniva.by/articles"))
        #expect(!cannotBeURL("1.5"))
        #expect(!cannotBeURL("«t.me/x»"))
        #expect(normalized("Колонна tg://resolve?domain=hajun") == "колонна")
        #expect(normalized("Convoy at 13:15 near Mazyr") == "convoy at 13 15 near mazyr")
    }

    @Test func removesEmojiAndPunctuation() {
        #expect(normalized("🔥🔥 Колонна!!! 🚛🚛🚛 27 единиц…") == "колонна 27 единиц")
        #expect(normalized("❗️Внимание❗️ 🇧🇾 — колонна") == "внимание колонна")
        #expect(normalized("Колонна,,,,техники....в сторону??!") == "колонна техники в сторону")
        #expect(normalized("👨‍👩‍👧 семья") == "семья")
    }

    @Test func keepsInnerHyphensApostrophesAndNumbers() {
        #expect(normalized("Су-34, МиГ-31К и Ту-22М3") == "су-34 миг-31к и ту-22м3")
        #expect(normalized("10–15 единиц, «Искандер-М»") == "10-15 единиц искандер-м")
        #expect(normalized("з'ява, сям’я, сямʼя") == "з'ява сям'я сям'я")
        #expect(normalized("-колонна- -- 27") == "колонна 27")
        #expect(normalized("в 14:30 и 1 000 человек") == "в 14 30 и 1 000 человек")
    }

    @Test func dropsInvisibleCharactersWithoutSplittingWords() {
        #expect(normalized("Мо\u{200B}зырь") == "мозырь")
        #expect(normalized("Мо\u{00AD}зырь") == "мозырь")
        #expect(normalized("ко\u{200D}лонна\u{FE0F}") == "колонна")
    }

    @Test func foldsLatinLookalikesInsideCyrillicWords() {
        // Latin C, a, o, p, e, x, y, K, M, H, T, B inside Russian words.
        #expect(normalized("Cу-34") == "су-34")
        #expect(normalized("KOЛOHHA") == "колонна")
        #expect(normalized("Mинск") == "минск")
        #expect(normalized("Мiнск") == "мінск")
        #expect(normalized("тexника") == "техника")
        #expect(normalized("MиГ-31К") == "миг-31к")
        #expect(normalized("в сторону Мoзыря") == normalized("в сторону Мозыря"))
        // An all-look-alike mixed word follows the text around it.
        #expect(normalized("Самолёт Cу на аэродроме") == "самолет су на аэродроме")
    }

    @Test func foldsCyrillicLookalikesInsideLatinWords() {
        // Cyrillic с, о, а, е, р in English words.
        #expect(normalized("сonvoy") == "convoy")
        #expect(normalized("Airfiеld Mасhulishchy") == "airfield machulishchy")
        #expect(normalized("An aircraft Сo seen") == "an aircraft co seen")
    }

    /// The shortcut's promise, over 200,000 chunks glued from URL parts and words: a chunk it lets through is no
    /// URL by `isURL` however far it reaches.
    @Test func quickURLCheckNeverLetsAURLThrough() {
        let pieces = [
            "http", "https", "://", ":", "//", "www", ".", "t", "me", "/", "tg", "telegram", "by", "com", "ru", "org",
            "mazyr", "su", "-", "34", "27", "Www", "HTTP", "?", ")", ",", "x", "0",
        ].map { Array($0.utf8) }
        var random = SeededRandom(state: 2022)
        var letThrough = 0
        for _ in 0..<200_000 {
            var chunk: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) { chunk += pieces.randomElement(using: &random)! }
            chunk.withUnsafeBufferPointer { bytes in
                guard RemovableChunks.cannotBeURL(at: 0, in: bytes) else { return }
                letThrough += 1
                for end in 1...bytes.count where RemovableChunks.isURL(0..<end, in: bytes) {
                    Issue.record("\(String(decoding: bytes, as: UTF8.self)) is let through, but 0..<\(end) is a URL")
                }
            }
        }
        #expect(letThrough > 10_000, "the shortcut should let most words through: \(letThrough)")
    }

    @Test func refoldsMixedWordsKeepingOneInnerJoiner() {
        #expect(normalized("Cу--34' над Мiнском") == "су-34 над мінском")
        #expect(normalized("Cу-'34-") == "су-34")
    }

    @Test func leavesSingleScriptWordsAlone() {
        #expect(normalized("Рос") == "рос")
        #expect(normalized("pec") == "pec")
        #expect(normalized("Колонна MAN и Volvo") == "колонна man и volvo")  // N, V, L, l, v have no twins
        #expect(normalized("Su-34 took off, a convoy") == "su-34 took off a convoy")
    }

    @Test func foldsLookalikeWordsOfTheOtherScript() {
        // Codes typed in Latin in a Russian post (P23, M5, A-50, C-400 written with Latin letters).
        #expect(
            normalized("Колонна стоит на трассе P23 под Слуцком")
                == normalized("Колонна стоит на трассе Р23 под Слуцком"))
        #expect(normalized("Колонна идет по М5, т.е. по трассе M5") == "колонна идет по м5 т е по трассе м5")
        #expect(normalized("Самолет ДРЛО A-50 и комплекс C-400") == "самолет дрло а-50 и комплекс с-400")
        #expect(normalized("OK, колонна") == "ок колонна")
        // And the other way: Cyrillic look-alikes in an English post.
        #expect(normalized("An А-50 over the city") == "an a-50 over the city")
        // Nothing to go by: no letter without a twin.
        #expect(normalized("OK") == "ok")
    }

    @Test func lookalikeMasksAgreeWithTheTwinTables() {
        for byte in UInt8(0x20)..<UInt8(0x80) where (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
            #expect(Lookalikes.asciiHasTwin(byte) == (Lookalikes.cyrillicTwin(ofLatin: UInt32(byte)) != nil), "\(byte)")
        }
        for scalar in UInt32(0x400)..<UInt32(0x460) {
            #expect(
                Lookalikes.cyrillicHasTwin(scalar) == (Lookalikes.latinTwin(ofCyrillic: scalar) != nil), "\(scalar)")
        }
    }

    @Test func dropsChannelSignatures() {
        #expect(normalized("Колонна у Мозыря\nПрислал подписчик") == "колонна у мозыря")
        #expect(normalized("Прислал подписчик: колонна у Мозыря") == "колонна у мозыря")
        #expect(normalized("Колонна. Прислала наша подписчица") == "колонна")
        #expect(normalized("Калона ля Мазыра\nПрыслаў падпісчык") == "калона ля мазыра")
        #expect(normalized("Convoy near Mazyr. Sent by a subscriber") == "convoy near mazyr")
        #expect(normalized("Колонна\n\nПодписаться на Беларускі Гаюн") == "колонна")
        #expect(normalized("Калона\nПадпісвайцеся: @hajun") == "калона")
        #expect(normalized("Колонна\nПредложить новость: @hajunbot") == "колонна")
        #expect(normalized("Convoy\nSubscribe to Belarusian Hajun") == "convoy")
        #expect(normalized("Колонна 🚛\n\nBelaruski Hajun | Подписаться") == "колонна")
        // Sighting text that only resembles a signature stays.
        #expect(normalized("Подписчик видел колонну") == "подписчик видел колонну")
    }

    @Test func normalizingTwiceChangesNothing() {
        let samples = [
            "🔥 Колонна из 27 единиц техники в сторону Мозыря! Прислал подписчик", "Cу-34 над Мачулищами",
            "Калона з 27 адзінак тэхнікі ў бок Мазыра", "Convoy of 27 vehicles heading to Mazyr via @hajun",
            "з'ява 10–15 Су-34",
        ]
        for sample in samples {
            let once = normalized(sample)
            #expect(normalized(once) == once, "\(sample)")
        }
    }

    @Test func wordRangesSplitAtSpaces() {
        let text = Normalizer.normalize("Су-34, над   Мачулищами!")
        #expect(
            text.wordRanges.map { String(decoding: text.bytes[$0], as: UTF8.self) } == ["су-34", "над", "мачулищами"])
    }

    func names(_ text: String) -> [String] {
        let normalized = Normalizer.normalize(text)
        let words = normalized.wordRanges
        return normalized.namedWordStarts.map { start in
            let range = words.first { $0.lowerBound == Int(start) }!
            return String(decoding: normalized.bytes[range], as: UTF8.self)
        }
    }

    @Test func marksWordsCapitalizedInMidSentence() {
        #expect(names("Колонна из 27 единиц в сторону Мозыря") == ["мозыря"])
        #expect(names("Колонна у Мозыря. Едут КамАЗы и БТР в Калинковичи") == ["мозыря", "камазы", "калинковичи"])
        #expect(names("Мозырь: колонна. Гомель тоже") == [])
        #expect(names("🔥Колонна около Речицы\nПрислал подписчик") == ["речицы"])
        #expect(names("Колонна\nПрислал подписчик из Гомеля") == ["гомеля"])
        #expect(names("Convoy of trucks near Mazyr, heading to Kalinkavichy") == ["mazyr", "kalinkavichy"])
        #expect(names("КОЛОННА В СТОРОНУ МОЗЫРЯ") == [])
        #expect(names("Взлетели Су-34 via @hajun") == ["су-34"])
    }

    @Test func equalityIsByBytesOnly() {
        #expect(Normalizer.normalize("Колонна у Мозыря") == Normalizer.normalize("колонна у мозыря"))
    }

    @Test func everySignatureWordPassesTheQuickCheck() {
        let lists = [
            ChannelSignatures.senderPrefixes, ChannelSignatures.callWords, ChannelSignatures.offerVerbs,
        ]
        for list in lists {
            for word in list {
                let passes = word.withUnsafeBufferPointer {
                    ChannelSignatures.mayStart($0.baseAddress!, length: $0.count)
                }
                #expect(passes, "\(String(decoding: word, as: UTF8.self))")
            }
        }
        let common = ["под", "после", "по", "для", "при", "трассе", "subway", "seen"].map { Array($0.utf8) }
        for word in common {
            #expect(!word.withUnsafeBufferPointer { ChannelSignatures.mayStart($0.baseAddress!, length: $0.count) })
        }
    }
}
