import Testing

@testable import HajunCore

/// Numbers in otherwise identical texts (counts of anything, years, files, times of day) tell sightings apart;
/// a round estimate, a count said twice and a time said by one post only do not.
@Suite struct DedupNumbersTests {
    func profile(_ text: String, _ entities: Entities = .empty) -> PostProfile {
        var interner = FactInterner()
        return PostProfile(Normalizer.normalize(text), entities: entities, interner: &interner)
    }

    @Test func otherNumbersInOtherwiseIdenticalTextsConflict() {
        let pairs = [
            ("Проверка военнообязанных: вызвано 13 резервистов", "Проверка военнообязанных: вызвано 30 резервистов"),
            ("Хакеры опубликовали 3228 файлов", "Хакеры опубликовали 3572 файла"),
            ("Задержанному грозит до 10 лет", "Задержанному грозит до 7 лет"),
            ("Exercise in Lida started at 16:23", "Exercise in Lida started at 14:21"),
        ]
        for (a, b) in pairs {
            #expect(profile(a).factsConflict(with: profile(b)), "\(a) / \(b)")
            #expect(profile(b).numbersConflict(with: profile(a)), "\(b) / \(a)")
        }
    }

    @Test func roundEstimatesSameNumbersAndOneSidedNumbersDoNotConflict() {
        // "около 30" for 32: a round figure within 15 %.
        #expect(!profile("Tigr в Полоцке, около 30").numbersConflict(with: profile("В Полоцке 32 единицы, Tigr")))
        #expect(!profile("27 единиц у Мозыря").numbersConflict(with: profile("27 машин у Мозыря")))
        #expect(!profile("Колонна у Мозыря").numbersConflict(with: profile("27 машин у Мозыря")))
        // Small numbers are exact: 10 is no estimate of 7, nor 25 of 13.
        #expect(profile("до 10 лет").numbersConflict(with: profile("до 7 лет")))
        #expect(PostProfile.numbersMatch(30, 27) && PostProfile.numbersMatch(45, 47))
        #expect(!PostProfile.numbersMatch(25, 13) && !PostProfile.numbersMatch(3572, 3228))
    }

    @Test func aTimeOfDayIsOneNumberComparedOnlyWithTimes() {
        // "05:44" is a time, 42 a count of men: they say different things, so neither conflicts.
        let timed = profile("05:44 Мобилизация: резервистов из Гродно вызывают в военкомат")
        let counted = profile("В Гродно военкомат раздаёт повестки, 42 мужчины вызваны на сборы")
        #expect(!timed.numbersConflict(with: counted) && !counted.numbersConflict(with: timed))
        #expect(timed.numbers.toArray.filter { $0 != 0 }.count == 1)
        #expect(PostProfile.isTime(timed.numbers[0]))
        // Times of one sighting by two reporters differ by a few minutes at most.
        #expect(!profile("В 16:23 взлёт").numbersConflict(with: profile("16:26 взлёт, 2 борта")))
        #expect(profile("В 16:23 взлёт").numbersConflict(with: profile("В 16:40 взлёт")))
    }

    @Test func identicalTextsWithOtherNumbersAreOtherSightings() {
        var dedup = DedupHarness()
        let first = dedup.post("В Минске военкомат раздаёт повестки, 13 резервистов вызваны на сборы")
        let other = dedup.post("В Минске военкомат раздаёт повестки, 30 резервистов вызваны на сборы", minutes: 40)
        #expect(other.verdict.status == .new)
        // The same text with a typo an hour later is the same sighting.
        let copy = dedup.post("В Минске военкомат раздает повестки, 13 резервистов вызваны на сбры", minutes: 60)
        #expect(copy.verdict.of == first.id)
    }

    @Test func aLeadingTimeDoesNotMakeTheFirstWordAName() {
        var dedup = DedupHarness()
        let facts = Entities(places: [place("pruzhany")], equipment: ["mi-8"], counts: [8])
        let first = dedup.post("13:15 На аэродроме Пружаны активность: замечено 8 бортов Ми-8", entities: facts)
        let reworded = dedup.post(
            "13:15 Над аэродромом Пружаны кружат Ми-8, насчитали 8 бортов", chat: "x", minutes: 6, entities: facts)
        #expect(reworded.verdict.status == .near && reworded.verdict.of == first.id)
        #expect(Normalizer.normalize("13:15 На аэродроме").namedWordStarts.isEmpty)
    }

    @Test func shortNoticesRepeatedDaysLaterAreTheSameNotice() {
        var dedup = DedupHarness()
        let notice = dedup.post("Вечером будет обзор за день.")
        #expect(dedup.post("Вечером будет обзор за день.", chat: "x", minutes: 26 * 60).verdict.of == notice.id)
        // A short sighting template with a designation stays a new sighting the next day.
        dedup.post("Взлёт МиГ-31К. Ракетная опасность", minutes: 27 * 60)
        #expect(dedup.post("Взлёт МиГ-31К. Ракетная опасность", minutes: 52 * 60).verdict.status == .new)
    }

    @Test func anotherKindOfEventAtTheSamePlaceAndTimeIsAnotherEvent() {
        var dedup = DedupHarness()
        let orsha = Entities(places: [place("orsha")])
        let sabotage = dedup.post(
            "19:30 На перегоне у Орши сожгли релейный шкаф", entities: orsha, category: .railSabotage)
        let protest = dedup.post(
            "19:30 В Орше перекрыли дорогу, на месте милиция", chat: "x", minutes: 4, entities: orsha,
            category: .protest)
        #expect(protest.verdict.status == .new)
        // The same kind of event in other words is the same sighting.
        let retold = dedup.post(
            "Рельсовые партизаны: в Орше в 19:30 повреждена система СЦБ", chat: "y", minutes: 6, entities: orsha,
            category: .railSabotage)
        #expect(retold.verdict.of == sabotage.id)
        // Another category with the same count is one sighting filed differently.
        let train = Entities(places: [place("orsha")], counts: [50])
        let moved = dedup.post(
            "Под Оршей остановлен военный эшелон из 50 вагонов", minutes: 60, entities: train, category: .troopMovement)
        let english = dedup.post(
            "A military train of 50 wagons stopped near Orsha, signalling damaged", chat: "en", minutes: 63,
            entities: train, category: .railSabotage)
        #expect(english.verdict.of == moved.id)
    }

    @Test func versionOneSnapshotsAreReadWithoutTheirPlainNumbers() throws {
        var dedup = DedupHarness()
        let first = dedup.post("В Минске военкомат раздаёт повестки, 13 резервистов вызваны на сборы")
        // Version 1 stored hashes of the numbers' digits; the layout is the same.
        var old = dedup.index.snapshot()
        old[4] = 1
        let body = old.count - 8
        let checksum = XXH3.hash64(old[0..<body])
        for offset in 0..<8 { old[body + offset] = UInt8(truncatingIfNeeded: checksum >> UInt64(8 * offset)) }
        var restored = try DedupHarness(restoring: old)
        restored.nextID = 0x2000
        // Its numbers are gone, so another count is no conflict any more; the text still matches.
        let other = restored.post("В Минске военкомат раздаёт повестки, 30 резервистов вызваны на сборы", minutes: 5)
        #expect(other.verdict.of == first.id)
        old[4] = 3
        #expect(throws: DedupSnapshotError.self) { try DedupIndex(restoring: old) }
    }
}

extension InlineArray where Element: Copyable {
    fileprivate var toArray: [Element] { indices.map { self[$0] } }
}
