import HajunCore
import Testing

/// Language detection on short, noisy posts.
@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        ("Колонна военной техники движется в сторону Мозыря", Language.ru),
        ("Только что пролетели два вертолёта", .ru),
        ("Что это было?", .ru),
        ("Калона вайсковай тэхнікі рухаецца ў бок Мазыра", .be),
        ("Зараз праляцелі два верталёты", .be),
        ("Што гэта было?", .be),
        ("Колона військової техніки рухається в бік Мозиря", .uk),
        ("Щойно пролетіли два гелікоптери", .uk),
        ("Що це було?", .uk),
        ("Convoy of military vehicles heading towards Mazyr", .en),
        ("Two helicopters just flew over", .en),
        ("12:40 +++ 🚁🚁", .undetermined),
        ("", .undetermined),
    ])
    func detectsTheLanguage(_ text: String, _ expected: Language) {
        #expect(LanguageDetector.detect(text) == expected)
    }

    @Test func aLatinIInsideACyrillicWordCountsAsBelarusian() {
        #expect(LanguageDetector.detect("Калона на трасе у Мiнску") == .be)
    }

    @Test func afewLatinEquipmentNamesDoNotMakeARussianPostEnglish() {
        #expect(LanguageDetector.detect("В Мачулищах сели Su-34 и Il-76, шум сильный") == .ru)
    }

    @Test func evidenceSettlesPostsWhoseLettersSayNothing() {
        var evidence = LanguageDetector.Evidence()
        evidence.add(.be)
        let bytes = Array("самалет над гомелем".utf8)
        #expect(bytes.withUnsafeBufferPointer { LanguageDetector.detect($0, evidence: evidence) } == .be)
        #expect(bytes.withUnsafeBufferPointer { LanguageDetector.detect($0, evidence: .init()) } == .ru)
    }
}
