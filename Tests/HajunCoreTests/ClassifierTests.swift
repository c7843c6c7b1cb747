import HajunCore
import Testing

/// The classifier on small lexicons built in code: stem-aware matching, weights, negatives, the minimum score,
/// severity escalation and the explanation.
@Suite struct ClassifierTests {
    static let lexicon = Lexicon(
        categories: [
            CategoryRules(
                category: .troopMovement, severity: .medium,
                terms: [
                    LexiconTerm("колонна", language: .ru, weight: 2), LexiconTerm("калона", language: .be, weight: 2),
                    LexiconTerm("convoy", language: .en, weight: 2), LexiconTerm("техника", language: .ru),
                ],
                escalations: [SeverityEscalation(severity: .high, minimumCount: 20)]),
            CategoryRules(
                category: .aviation, severity: .high,
                terms: [
                    LexiconTerm("самолёт", language: .ru, weight: 2), LexiconTerm("самалёт", language: .be, weight: 2),
                    LexiconTerm("вертолет", language: .ru, weight: 2),
                ],
                negativeTerms: [LexiconTerm("пассажирский", language: .ru, weight: 3)],
                escalations: [SeverityEscalation(severity: .critical, equipment: ["mig-31k"])]),
            CategoryRules(
                category: .arrest, severity: .medium,
                terms: [
                    LexiconTerm("задержан*", language: .ru, weight: 2), LexiconTerm("=суд", language: .ru, weight: 1),
                ]),
            CategoryRules(
                category: .missileLaunch, severity: .critical,
                terms: [LexiconTerm("воздушная тревога", language: .ru, weight: 3)]),
            CategoryRules(category: .other, severity: .info),
        ],
        equipment: [
            EquipmentType(id: "su-34", aliases: ["Су-34", "Su-34", "су34", "су 34"], category: .aviation, weight: 2),
            EquipmentType(id: "mig-31k", aliases: ["МиГ-31К", "MiG-31K"], category: .aviation, weight: 2),
            EquipmentType(id: "kamaz", aliases: ["КамАЗ", "KamAZ"], category: .troopMovement, weight: 1),
        ],
        countNouns: [
            LexiconTerm("единица", language: .ru), LexiconTerm("unit", language: .en),
            LexiconTerm("машина", language: .ru),
        ],
        directionMarkers: [LexiconTerm("в сторону", language: .ru), LexiconTerm("towards", language: .en)],
        numberWords: [NumberWord("два", language: .ru, value: 2), NumberWord("three", language: .en, value: 3)],
        minimumScore: 1.5
    )

    static let gazetteer = Gazetteer(entries: [
        GazetteerEntry(
            id: "mazyr", name: "Mazyr", kind: .city, region: .homiel,
            names: [.ru: ["Мозырь"], .be: ["Мазыр"], .en: ["Mazyr", "Mozyr"]]),
        GazetteerEntry(
            id: "homiel", name: "Homiel", kind: .city, region: .homiel,
            names: [.ru: ["Гомель"], .be: ["Гомель"], .en: ["Homiel", "Gomel"]]),
    ])

    static let classifier = Classifier(lexicon: lexicon, gazetteer: gazetteer)

    static func classify(_ text: String) -> Classification {
        classifier.classify(text: text, normalized: Normalizer.normalize(text))
    }

    @Test(arguments: [
        "Колонна техники на трассе", "Две колонны у въезда", "Видели за колонной грузовиков",
        "Калона ідзе па трасе", "Калоны стаяць", "Large convoy spotted", "Two convoys on the M10",
    ])
    func inflectedFormsOfATermMatch(_ text: String) {
        #expect(Self.classify(text).category == .troopMovement)
    }

    @Test(arguments: ["Самолёт над городом", "Самолеты летят низко", "Шум самолётов ночью", "Гул самалётаў"])
    func aviationTermsMatchInEveryCase(_ text: String) {
        #expect(Self.classify(text).category == .aviation)
    }

    @Test func prefixTermsMatchAnyContinuationAndExactTermsOnlyThemselves() {
        #expect(Self.classify("Задержаны двое, задержанию предшествовал обыск").category == .arrest)
        #expect(Self.classify("Суды идут").category == .other)  // "=суд" is exact and worth 1 < minimum 1.5
        #expect(Self.classify("Суд и задержание").matchedTerms == ["ru:=суд", "ru:задержан*"])
    }

    @Test func phrasesMatchTheirWordsInOrder() {
        #expect(Self.classify("Воздушной тревоги нет").category == .missileLaunch)
        #expect(Self.classify("Тревога воздушная").category == .other)
    }

    @Test func negativeTermsPullACategoryBelowTheMinimum() {
        let civil = Self.classify("Пассажирский самолёт сел")
        #expect(civil.category == .other)
        #expect(civil.runnerUp == nil || civil.runnerUp != .aviation)
        #expect(Self.classify("Военный самолёт сел").category == .aviation)
    }

    @Test func aWeakSingleTermIsNotEnough() {
        let result = Self.classify("Какая-то техника стоит")
        #expect(result.category == .other)
        #expect(result.runnerUp == .troopMovement)
        #expect(result.runnerUpScore == 1)
    }

    @Test func theExplanationNamesTermsScoreAndRunnerUp() {
        let result = Self.classify("Колонна техники и самолёт")
        #expect(result.category == .troopMovement)
        #expect(result.score == 3)
        #expect(result.matchedTerms == ["ru:колонна", "ru:техника"])
        #expect(result.runnerUp == .aviation)
        #expect(result.runnerUpScore == 2)
    }

    @Test func equipmentIsFoundInEveryScriptAndVotes() {
        for text in ["Су-34 над Гомелем", "Su-34 over Homiel", "су34 над городом", "Су 34 пролетел"] {
            let result = Self.classify(text)
            #expect(result.entities.equipment == ["su-34"], "\(text)")
            #expect(result.category == .aviation, "\(text)")
            #expect(result.matchedTerms.contains("equipment:su-34"), "\(text)")
        }
        #expect(Self.classify("Три камаза и КамАЗы").entities.equipment == ["kamaz"])
    }

    @Test func countsAreNumbersBeforeCountNounsOrEquipment() {
        #expect(Self.classify("Колонна из 27 единиц техники").entities.counts == [27])
        #expect(Self.classify("Convoy of 27 units").entities.counts == [27])
        #expect(Self.classify("3 Су-34 и два самолёта").entities.counts == [3])
        #expect(Self.classify("Колонна: 12 военных машин, в 14 30").entities.counts == [12])
        #expect(Self.classify("three Su-34 jets").entities.counts == [3])
        #expect(Self.classify("Колонна в 14 30 на трассе М10").entities.counts == [])
        #expect(Self.classify("Два машины и 5 единиц").entities.counts == [2, 5])
    }

    @Test func severityIsTheCategoryDefaultRaisedByEscalations() {
        #expect(Self.classify("Колонна из 12 единиц").severity == .medium)
        #expect(Self.classify("Колонна из 40 единиц").severity == .high)
        #expect(Self.classify("Самолёт взлетел").severity == .high)
        #expect(Self.classify("МиГ-31К взлетел").severity == .critical)
        #expect(Self.classify("Ничего не происходит").severity == .info)
    }

    @Test func theDirectionIsThePlaceAfterAMarker() {
        let result = Self.classify("Колонна из Гомеля в сторону Мозыря")
        #expect(result.entities.places.map(\.id) == ["homiel", "mazyr"])
        #expect(result.entities.direction?.id == "mazyr")
        #expect(result.location?.id == "homiel")
        let english = Self.classify("Convoy moving towards Homiel")
        #expect(english.entities.direction?.id == "homiel")
        #expect(english.location?.id == "homiel")
        #expect(Self.classify("Колонна в Гомеле").entities.direction == nil)
    }

    @Test func withoutLexiconEverythingIsOther() {
        let empty = Classifier(lexicon: Lexicon(categories: []), gazetteer: .empty)
        let result = empty.classify(text: "Колонна", normalized: Normalizer.normalize("Колонна"))
        #expect(result.category == .other)
        #expect(result.severity == .info)
        #expect(result.score == 0)
    }
}
