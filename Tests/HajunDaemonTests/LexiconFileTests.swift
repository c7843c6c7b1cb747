import Foundation
import HajunCore
import HajunDaemon
import HajunTestSupport
import Testing

/// The lexicon and gazetteer files: the bundled ones load and classify, malformed ones are rejected with the
/// file, line and key.
@Suite struct LexiconFileTests {
    static func bundled(_ name: String) throws -> String {
        try String(contentsOfFile: PackageRoot.path("config/\(name)"), encoding: .utf8)
    }

    static func classifier() throws -> Classifier {
        Classifier(
            lexicon: try LexiconFile.load(yaml: bundled("lexicon.yaml"), file: "config/lexicon.yaml"),
            gazetteer: try GazetteerFile.load(yaml: bundled("gazetteer.yaml"), file: "config/gazetteer.yaml"))
    }

    @Test func theBundledLexiconHasEveryCategoryWithItsSeverity() throws {
        let lexicon = try LexiconFile.load(yaml: Self.bundled("lexicon.yaml"), file: "config/lexicon.yaml")
        #expect(Set(lexicon.categories.map(\.category)) == Set(Category.allCases))
        #expect(lexicon.rules(for: .missileLaunch)?.severity == .critical)
        #expect(lexicon.rules(for: .aviation)?.severity == .high)
        for rules in lexicon.categories where rules.category != .other {
            for language in [Language.ru, .be, .uk, .en] {
                #expect(rules.terms.contains { $0.language == language }, "\(rules.category) has \(language) terms")
            }
        }
        let ids = Set(lexicon.equipment.map(\.id))
        for id in [
            "su-34", "su-25", "mi-8", "ka-52", "a-50", "mig-31k", "il-76", "iskander", "s-400", "pantsir", "t-72",
            "btr-82", "tigr", "kamaz",
        ] {
            #expect(ids.contains(id), "equipment \(id)")
        }
    }

    @Test func theBundledGazetteerCoversBelarus() throws {
        let gazetteer = try GazetteerFile.load(yaml: Self.bundled("gazetteer.yaml"), file: "config/gazetteer.yaml")
        #expect(gazetteer.entries.count >= 300)
        #expect(Set(gazetteer.entries.map(\.region)) == Set(Region.allCases))
        #expect(Set(gazetteer.entries.map(\.id)).count == gazetteer.entries.count, "ids are unique")
        for id in [
            "machulishchy-airfield", "baranavichy-airfield", "luninets-airfield", "ziabrauka-airfield",
            "lida-airfield", "babrujsk-airfield", "pruzhany-airfield", "bykhau-airfield", "asipovichy-station",
            "bruzgi",
        ] {
            #expect(gazetteer.entry(id: id) != nil, "\(id)")
        }
        for entry in gazetteer.entries where entry.kind != .region {
            #expect(entry.names[.be]?.isEmpty == false && entry.names[.ru]?.isEmpty == false, "\(entry.id) be/ru")
            #expect(entry.names[.en]?.isEmpty == false, "\(entry.id) en")
        }
    }

    @Test(arguments: [
        ("Колонна из 27 единиц в сторону Мозыря", Category.troopMovement, "mazyr", Language.ru),
        ("Калона каля Мазыра ў бок Гомеля", .troopMovement, "mazyr", .be),
        ("Над Мачулищами взлетели 3 Су-34", .aviation, "machulishchy", .ru),
        ("Two Mi-8 took off from Machulishchy airfield", .aviation, "machulishchy-airfield", .en),
        ("Пуски ракет з-пад Мазыра", .missileLaunch, "mazyr", .be),
        ("Пуски ракет з Гомельської області", .missileLaunch, "homiel-region", .uk),
    ])
    func theBundledDataClassifies(_ text: String, _ category: Category, _ place: String, _ language: Language) throws {
        let result = try Self.classifier().classify(text: text, normalized: Normalizer.normalize(text))
        #expect(result.category == category, "\(result.matchedTerms)")
        #expect(result.location?.id == place)
        #expect(result.language == language)
    }

    @Test func entitiesComeFromTheBundledLexicon() throws {
        let text = "Колонна из 27 единиц: КамАЗы, 2 БТР-82 и Тигры, движется в сторону Мозыря"
        let result = try Self.classifier().classify(text: text, normalized: Normalizer.normalize(text))
        #expect(result.entities.equipment == ["kamaz", "btr-82", "tigr"])
        #expect(result.entities.counts == [27, 2])
        #expect(result.entities.direction?.id == "mazyr")
        #expect(result.severity == .high, "27 units raise a troop movement to high")
    }

    static let minimalLexicon = """
        version: 1
        categories:
          aviation:
            severity: high
            terms:
              - weight: 2
                ru: [самолёт]
        """

    @Test func aMinimalLexiconLoads() throws {
        let lexicon = try LexiconFile.load(yaml: Self.minimalLexicon, file: "mini.yaml")
        #expect(lexicon.categories.count == 1)
        #expect(lexicon.categories[0].terms == [LexiconTerm("самолёт", language: .ru, weight: 2)])
        #expect(lexicon.minimumScore == 1)
    }

    @Test(arguments: [
        (
            "version: 1\ncategories:\n  aviation:\n    severity: high\n    terms:\n      - weight: 2\n        ru: {a: b}\n",
            "lexicon.yaml:7: categories.aviation.terms[0].ru: expected a list"
        ),
        (
            "version: 1\ncategories:\n  aviation:\n    severity: high\n    trems: []\n",
            "lexicon.yaml:5: categories.aviation.trems: unknown key (did you mean 'terms'?)"
        ),
        (
            "version: 1\ncategories:\n  aviatoin:\n    severity: high\n",
            "lexicon.yaml:4: categories.aviatoin: unknown category"
        ),
        (
            "version: 1\ncategories:\n  aviation:\n    severity: severe\n",
            "lexicon.yaml:4: categories.aviation.severity: 'severe'"
        ),
        (
            "version: 1\ncategories:\n  aviation:\n    severity: high\n    terms:\n      - weight: -1\n        ru: [x]\n",
            "lexicon.yaml:6: categories.aviation.terms[0].weight: expected a positive number"
        ),
        (
            "version: 1\ncategories:\n  aviation:\n    severity: high\n    escalate:\n      - {severity: critical, equipment: [mig-99]}\n",
            "categories.aviation.escalate[0].equipment: unknown equipment id 'mig-99'"
        ),
        (
            "version: 1\ncategories:\n  aviation:\n    severity: high\n    terms:\n      - ru: [\"*\"]\n",
            "lexicon.yaml:6: categories.aviation.terms[0].ru: '*' has no letters or digits to match"
        ),
        (
            "version: 1\ncategories:\n  aviation:\n    severity: high\n    terms:\n      - ru: [\"вер*толёт\"]\n",
            "lexicon.yaml:6: categories.aviation.terms[0].ru: 'вер*толёт': '*' may only end a word"
        ),
        ("version: 2\ncategories: {}\n", "lexicon.yaml:1: version: unsupported lexicon version"),
        ("version: 1\ncategories:\n  aviation: [\n", "lexicon.yaml:"),
    ])
    func malformedLexiconsAreRejectedWithFileLineAndKey(_ yaml: String, _ expected: String) {
        do {
            _ = try LexiconFile.load(yaml: yaml, file: "lexicon.yaml")
            Issue.record("accepted: \(yaml)")
        } catch let error as ConfigError {
            #expect(error.description.hasPrefix(expected) || error.description.contains(expected), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        (
            "version: 1\nplaces:\n  - {id: x, kind: city, region: gomel, ru: [Икс]}\n",
            "gazetteer.yaml:3: places[0].region: 'gomel'"
        ),
        (
            "version: 1\nplaces:\n  - {id: x, kind: metropolis, region: homiel, ru: [Икс]}\n",
            "places[0].kind: 'metropolis'"
        ),
        (
            "version: 1\nplaces:\n  - {id: x, kind: city, region: homiel}\n",
            "gazetteer.yaml:3: places[0]: place 'x' has no names"
        ),
        (
            "version: 1\nplaces:\n  - {id: x, kind: city, region: homiel, ru: [Икс]}\n  - {id: x, kind: town, region: brest, ru: [Игрек]}\n",
            "gazetteer.yaml:4: places[1].id: duplicate or empty place id 'x'"
        ),
        (
            "version: 1\nplaces:\n  - {id: x, kind: city, region: homiel, ru: [Икс], pl: [Iks]}\n",
            "places[0].pl: unknown key"
        ),
    ])
    func malformedGazetteersAreRejectedWithFileLineAndKey(_ yaml: String, _ expected: String) {
        do {
            _ = try GazetteerFile.load(yaml: yaml, file: "gazetteer.yaml")
            Issue.record("accepted: \(yaml)")
        } catch let error as ConfigError {
            #expect(error.description.contains(expected), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
