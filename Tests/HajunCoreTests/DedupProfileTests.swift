import Testing

@testable import HajunCore

/// What the dedup stage keeps of a post: stems, numbers, designations, names and interned facts.
@Suite struct DedupProfileTests {
    func profile(_ text: String, _ entities: Entities = .empty, _ interner: inout FactInterner) -> PostProfile {
        PostProfile(Normalizer.normalize(text), entities: entities, interner: &interner)
    }

    func profile(_ text: String, _ entities: Entities = .empty) -> PostProfile {
        var interner = FactInterner()
        return profile(text, entities, &interner)
    }

    @Test func stemSimilarityIsExactJaccardForShortPosts() {
        // Stems (first five letters; words of one or two letters left out): колон из… → {колон, техни, мозыр, 27}.
        let a = profile("Колонна из 27 единиц техники в сторону Мозыря")
        let b = profile("27 единиц техники, колонна, направляется к Мозырю")
        // a: колон 27 едини техни сторо мозыр (6); b: 27 едини техни колон напра мозыр (6); shared 5 of 7.
        #expect(a.stemCount == 6 && b.stemCount == 6)
        #expect(abs(a.stemSimilarity(to: b) - 5.0 / 7.0) < 1e-9)
        #expect(a.stemSimilarity(to: a) == 1)
        #expect(a.stemSimilarity(to: profile("Задержали активиста в Гродно")) == 0)
    }

    @Test func stemSimilarityEstimatesLongPostsFromSixteenStems() {
        let words = (0..<60).map { "слово\(Character(UnicodeScalar(0x430 + $0 % 32)!))\($0)" }
        let a = profile(words.joined(separator: " "))
        let b = profile((words.prefix(30) + words.prefix(30).map { $0 + "х" }).joined(separator: " "))
        #expect(a.stemCount == 16)
        let estimate = a.stemSimilarity(to: b)
        // Words with digits are stems whole: a has 60, b has 30 of them plus 30 others; Jaccard 30/90.
        #expect(estimate > 0.05 && estimate < 0.7, "\(estimate)")
    }

    @Test func designationsAgreeAcrossScriptsAndConflictWhenDifferent() {
        let russian = profile("Два Су-34 над Мачулищами")
        let english = profile("Two Su-34 over Machulishchy")
        let other = profile("Два Су-30 над Мачулищами")
        #expect(russian.designations[0] != 0)
        #expect(russian.designations[0] == english.designations[0])
        #expect(!russian.factsConflict(with: english))
        #expect(russian.factsConflict(with: other))
        #expect(profile("МиГ-31К").designations[0] == profile("MiG-31K").designations[0])
        #expect(profile("Ту-22М3").designations[0] == profile("Tu-22M3").designations[0])
    }

    @Test func numbersAreKeptByTheirDigits() {
        let a = profile("Колонна из 27-ми машин")
        let b = profile("Convoy of 27 trucks")
        #expect(a.mainNumber == b.mainNumber && a.mainNumber != 0)
        #expect(a.agreement(with: b).number)
        var interner = FactInterner()
        let counted = profile("двадцать семь", Entities(counts: [27]), &interner)
        #expect(counted.mainNumber == b.mainNumber)
    }

    @Test func countsConflictOnlyWhenClearlyDifferent() {
        func counts(_ values: [Int]) -> PostProfile { profile("x", Entities(counts: values)) }
        #expect(!counts([27]).factsConflict(with: counts([27])))
        #expect(!counts([27]).factsConflict(with: counts([30])))  // within 15 %
        #expect(counts([27]).factsConflict(with: counts([40])))
        #expect(counts([2]).factsConflict(with: counts([4])))  // small counts must be equal
        #expect(!counts([2, 40]).factsConflict(with: counts([40])))
        #expect(!counts([]).factsConflict(with: counts([40])))
    }

    @Test func placesAgreeThroughTheirSettlementAndRegionsAreIgnored() {
        var interner = FactInterner()
        let airfield = PlaceMention(id: "machulishchy-airfield", name: "x", region: .minsk, kind: .airfield)
        let town = PlaceMention(id: "machulishchy", name: "x", region: .minsk, kind: .town)
        let region = PlaceMention(id: "minsk-region", name: "x", region: .minsk, kind: .region)
        let lida = PlaceMention(id: "lida", name: "x", region: .hrodna, kind: .town)
        let a = profile("a", Entities(places: [airfield, region]), &interner)
        let b = profile("b", Entities(places: [town]), &interner)
        let c = profile("c", Entities(places: [lida]), &interner)
        let d = profile("d", Entities(places: [region]), &interner)
        #expect(a.places[0] == b.places[0] && a.places[1] == 0)
        #expect(!a.factsConflict(with: b) && a.agreement(with: b).place)
        #expect(a.factsConflict(with: c))
        #expect(!d.factsConflict(with: c))
    }

    @Test func namesConflictWhenEachNamesSomethingTheOtherDoesNot() {
        let a = profile("Два самолета пролетели над Мачулищами в сторону Минска")
        let b = profile("Два самолета пролетели над Лунинцом в сторону Минска")
        let c = profile("Два самолета пролетели над Мачулищами")
        #expect(a.namesConflict(with: b))
        #expect(!a.namesConflict(with: c))
        #expect(!c.namesConflict(with: a))
    }

    @Test func designationsCompareByTheirBaseModel() {
        #expect(!profile("А-50 над городом").factsConflict(with: profile("А-50У над городом")))
        #expect(!profile("танки Т-72Б3").factsConflict(with: profile("tanks T-72")))
        #expect(profile("Су-30СМ взлетели").factsConflict(with: profile("Су-35 взлетели")))
        #expect(profile("Ми-24 над городом").factsConflict(with: profile("Ми-8 над городом")))
    }

    @Test func nameSkeletonsIgnoreEndingsAndRussianBelarusianSpelling() {
        func skeleton(_ word: String) -> UInt16? {
            let bytes = Array(Normalizer.normalize(word).bytes)
            return bytes.withUnsafeBufferPointer { PostProfile.nameSkeleton($0, 0..<$0.count) }
        }
        #expect(skeleton("Мозыря") == skeleton("Мазыра"))
        #expect(skeleton("Мозырем") == skeleton("Мозырь"))
        #expect(skeleton("Витебск") == skeleton("Віцебск"))
        #expect(skeleton("Наровли") == skeleton("Нароўлі"))
        #expect(skeleton("Мі-8") == skeleton("Ми-8"))
        #expect(skeleton("Добруш") != skeleton("Ветка"))
        #expect(skeleton("и") == nil)
        // A name the other post writes in lower case is no conflict (Украиной / украинской).
        let a = profile("Хойники: в сторону границы с Украиной ушли 8 бензовозов")
        let b = profile("Из Хойников к украинской границе ушли 8 бензовозов")
        #expect(!a.namesConflict(with: b))
        // Names compare only within a script.
        #expect(!profile("колонна у Мозыря в сторону Гомеля").namesConflict(with: profile("convoy near Mazyr, Lida")))
    }
}
