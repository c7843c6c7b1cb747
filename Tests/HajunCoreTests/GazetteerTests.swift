import HajunCore
import Testing

/// Place matching: inflected names in every language, longest match, common-word names, regions.
@Suite struct GazetteerTests {
    static let gazetteer = Gazetteer(
        entries: [
            GazetteerEntry(
                id: "mazyr", name: "Mazyr", kind: .city, region: .homiel,
                names: [.ru: ["Мозырь"], .be: ["Мазыр"], .uk: ["Мозир"], .en: ["Mazyr", "Mozyr"]]),
            GazetteerEntry(
                id: "homiel", name: "Homiel", kind: .city, region: .homiel,
                names: [.ru: ["Гомель"], .be: ["Гомель"], .en: ["Homiel", "Gomel", "Homel"]]),
            GazetteerEntry(
                id: "minsk", name: "Minsk", kind: .city, region: .minskCity,
                names: [.ru: ["Минск"], .be: ["Мінск"], .en: ["Minsk"]]),
            GazetteerEntry(
                id: "minsk-region", name: "Minsk Region", kind: .region, region: .minsk,
                names: [.ru: ["Минская область", "Минская обл"], .be: ["Мінская вобласць"], .en: ["Minsk Region"]]),
            GazetteerEntry(
                id: "luninets", name: "Luninets", kind: .town, region: .brest,
                names: [.ru: ["Лунинец", "Лунинца"], .be: ["Лунінец", "Лунінца"], .en: ["Luninets"]]),
            GazetteerEntry(
                id: "machulishchy-airfield", name: "Machulishchy airfield", kind: .airfield, region: .minsk,
                names: [.ru: ["аэродром Мачулищи"], .en: ["Machulishchy airfield"]]),
            GazetteerEntry(
                id: "machulishchy", name: "Machulishchy", kind: .town, region: .minsk,
                names: [.ru: ["Мачулищи"], .be: ["Мачулішчы"], .en: ["Machulishchy"]]),
            GazetteerEntry(
                id: "vietka", name: "Vietka", kind: .town, region: .homiel,
                names: [.ru: ["Ветка"], .be: ["Ветка"], .en: ["Vetka", "Vietka"]], needsPreposition: true),
        ],
        prepositions: [
            LexiconTerm("в", language: .ru), LexiconTerm("под", language: .ru), LexiconTerm("у", language: .be),
            LexiconTerm("near", language: .en),
        ])

    static let classifier = Classifier(lexicon: Lexicon(categories: []), gazetteer: gazetteer)

    static func places(_ text: String) -> [String] {
        classifier.classify(text: text, normalized: Normalizer.normalize(text)).entities.places.map(\.id)
    }

    @Test(arguments: [
        ("в Гомеле тихо", "homiel"), ("под Мозырем", "mazyr"), ("у Мазыры", "mazyr"), ("near Mazyr", "mazyr"),
        ("из Мозыря", "mazyr"), ("Мозирем", "mazyr"), ("Gomel", "homiel"), ("над Гомелем", "homiel"),
        ("в Минске", "minsk"), ("у Мінску", "minsk"), ("в Лунинце", "luninets"), ("под Лунинцом", "luninets"),
        ("у Лунінцы", "luninets"), ("в Мачулищах", "machulishchy"),
    ])
    func inflectedNamesMatch(_ text: String, _ id: String) {
        #expect(Self.places(text) == [id])
    }

    @Test func theLongestNameWins() {
        #expect(Self.places("в Минской области") == ["minsk-region"])
        #expect(Self.places("Минская обл, Мачулищи") == ["minsk-region", "machulishchy"])
        #expect(Self.places("на аэродроме Мачулищи") == ["machulishchy-airfield"])
    }

    @Test func namesThatAreCommonWordsNeedAPreposition() {
        #expect(Self.places("на железнодорожной ветке") == [])
        #expect(Self.places("колонна в Ветке") == ["vietka"])
        #expect(Self.places("под Веткой") == ["vietka"])
    }

    @Test func eachPlaceIsListedOnceInOrderOfAppearance() {
        #expect(Self.places("Мозырь, Гомель, снова Мозырь") == ["mazyr", "homiel"])
    }

    @Test func theLocationPrefersASettlementOverARegion() {
        let text = "Минская область, в Мачулищах"
        let result = Self.classifier.classify(text: text, normalized: Normalizer.normalize(text))
        #expect(result.location?.id == "machulishchy")
        #expect(result.location?.region == .minsk)
    }

    @Test func wordsThatMerelyStartLikeANameDoNotMatch() {
        #expect(Self.places("гомельские новости и минскеры") == [])
    }
}
