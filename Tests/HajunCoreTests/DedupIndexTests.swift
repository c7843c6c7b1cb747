import Testing

@testable import HajunCore

/// A dedup index fed like the pipeline feeds it: normalize, fingerprint, judge with hand-made entities.
struct DedupHarness {
    let index: DedupIndex
    var nextID: UInt64 = 0x1000
    var nextMessage: Int64 = 1
    static let start = Timestamp(parsing: "2022-03-01T06:00:00Z")!

    init(_ configuration: DedupConfiguration = .default) {
        index = DedupIndex(configuration: configuration)
    }

    init(restoring snapshot: [UInt8], _ configuration: DedupConfiguration = .default) throws {
        index = try DedupIndex(configuration: configuration, restoring: snapshot)
    }

    /// Judges one post `minutes` after the start; returns its id and verdict.
    @discardableResult
    mutating func post(
        _ text: String, chat: String = "hajun", message: Int64? = nil, minutes: Double = 0,
        entities: Entities = .empty, category: Category? = nil,
        forwardOf origin: (chat: String, message: Int64)? = nil
    ) -> (id: EventID, verdict: DedupVerdict) {
        let messageID = message ?? nextMessage
        nextMessage = max(nextMessage, messageID) + 1
        nextID += 1
        let id = EventID(rawValue: nextID)
        let report = Report(
            feed: "test", chat: chat, messageID: messageID,
            postedAt: Self.start.adding(milliseconds: Int64(minutes * 60_000)), text: text,
            forwardOrigin: origin.map { ForwardOrigin(chat: $0.chat, messageID: $0.message) })
        let normalized = Normalizer.normalize(text)
        let verdict = index.judge(
            report, fingerprint: Fingerprinter.fingerprint(normalized), normalized: normalized, entities: entities,
            category: category, id: id)
        return (id, verdict)
    }
}

func place(_ id: String, _ region: Region = .homiel) -> PlaceMention {
    PlaceMention(id: id, name: id.capitalized, region: region, kind: .town)
}

extension String {
    fileprivate var capitalized: String { prefix(1).uppercased() + dropFirst() }
}

@Suite struct DedupIndexTests {
    let convoy = "Колонна из 27 единиц техники движется по трассе М5 в сторону Мозыря, в составе КамАЗы и БТРы"
    let convoyFacts = Entities(
        places: [place("mazyr")], equipment: ["kamaz", "btr"], counts: [27], direction: place("mazyr"))

    @Test func firstPostIsNewAndTheSamePostAgainIsExact() {
        var dedup = DedupHarness()
        let first = dedup.post(convoy, message: 10)
        #expect(first.verdict == DedupVerdict(status: .new))
        let again = dedup.post(convoy, message: 10, minutes: 1)
        #expect(again.verdict == DedupVerdict(status: .exact, of: first.id, distance: 0, sources: 1))
    }

    @Test func changedTextOfTheSamePostIsAnEdit() {
        var dedup = DedupHarness()
        let first = dedup.post(convoy, message: 10)
        let edit = dedup.post(convoy + ". Уточнение: 30 единиц", message: 10, minutes: 5)
        #expect(edit.verdict.status == .edit)
        #expect(edit.verdict.of == first.id)
        // The edited text is remembered: the same edit delivered again is exact, other posts copying it too.
        #expect(dedup.post(convoy + ". Уточнение: 30 единиц", message: 10, minutes: 6).verdict.status == .exact)
        let copy = dedup.post(convoy + ". Уточнение: 30 единиц", chat: "other", minutes: 7)
        #expect(copy.verdict.status == .exact && copy.verdict.of == first.id)
    }

    @Test func forwardOfASeenPostIsExactAndNotAnotherSource() {
        var dedup = DedupHarness()
        let first = dedup.post(convoy, chat: "hajun", message: 10)
        let forward = dedup.post(
            "Переслано: " + convoy, chat: "gomel_watch", message: 500, minutes: 3, forwardOf: ("hajun", 10))
        #expect(forward.verdict.status == .exact)
        #expect(forward.verdict.of == first.id)
        #expect(forward.verdict.sources == 1)
        // The forward itself is remembered: a forward of the forward points at the first event too.
        let second = dedup.post(convoy, chat: "brest_monitor", message: 7, minutes: 4, forwardOf: ("gomel_watch", 500))
        #expect(second.verdict.status == .exact && second.verdict.of == first.id)
    }

    @Test func sameNormalizedTextIsExactAndCountsDistinctSources() {
        var dedup = DedupHarness()
        let first = dedup.post("🔥 " + convoy + "\nПрислал подписчик", chat: "hajun")
        let repost = dedup.post(convoy.uppercased() + " via @hajun", chat: "gomel_watch", minutes: 10)
        #expect(repost.verdict == DedupVerdict(status: .exact, of: first.id, distance: 0, sources: 2))
        let third = dedup.post(convoy + "!!!", chat: "brest_monitor", minutes: 20)
        #expect(third.verdict.sources == 3)
        let sameChannelAgain = dedup.post(convoy, chat: "gomel_watch", minutes: 30)
        #expect(sameChannelAgain.verdict.sources == 3)
        #expect(sameChannelAgain.verdict.of == first.id)
    }

    @Test func smallEditsAreNearDuplicatesOfTheFirstEvent() {
        var dedup = DedupHarness()
        let first = dedup.post(convoy, entities: convoyFacts)
        let typo = dedup.post(
            "Колонна из 27 единиц техники движется по трасе М5 в сторону Мозыря, в составе КамАЗы и БТРы",
            chat: "gomel_watch", minutes: 15, entities: convoyFacts)
        #expect(typo.verdict.status == .near)
        #expect(typo.verdict.of == first.id)
        #expect((typo.verdict.distance ?? 99) > 0 && (typo.verdict.distance ?? 99) <= 7)
        #expect(typo.verdict.sources == 2)
        // A near duplicate of the near duplicate still points at the first event.
        let again = dedup.post(
            "Колона из 27 единиц техники движется по трасе М5 в сторону Мозыря, в составе КамАЗы, БТРы и Уралы",
            chat: "brest_monitor", minutes: 30, entities: convoyFacts)
        #expect(again.verdict.status == .near && again.verdict.of == first.id)
    }

    @Test func conflictingFactsKeepSimilarPostsApart() {
        var dedup = DedupHarness()
        dedup.post(convoy, entities: convoyFacts)
        var otherCount = convoyFacts
        otherCount.counts = [40]
        let count = dedup.post(convoy.replacingOccurrences("27", "40"), minutes: 20, entities: otherCount)
        #expect(count.verdict.status == .new)

        var otherPlace = convoyFacts
        otherPlace.places = [place("kalinkavichy")]
        otherPlace.direction = place("kalinkavichy")
        let direction = dedup.post(
            convoy.replacingOccurrences("Мозыря", "Калинковичей"), chat: "x", minutes: 25, entities: otherPlace)
        #expect(direction.verdict.status == .new)

        let trucks = "Колонна из 12 грузовиков движется по трассе М1 в сторону Бреста, грузовики с тентами"
        dedup.post(trucks, entities: Entities(equipment: ["kamaz"], counts: [12]))
        let otherEquipment = dedup.post(
            trucks, chat: "z", minutes: 40, entities: Entities(equipment: ["ural"], counts: [12]))
        #expect(otherEquipment.verdict.status == .exact)  // the same text is the same post, whatever the facts
        let retold = dedup.post(
            "Колонна из 12 грузовиков движется по трассе М1 в сторону Бреста, грузовики с тентами и охраной",
            chat: "w", minutes: 45, entities: Entities(equipment: ["ural"], counts: [12]))
        #expect(retold.verdict.status == .new)
    }

    @Test func wordsTellSimilarPostsApartWithoutEntities() {
        var dedup = DedupHarness()
        dedup.post("Два самолета Су-34 пролетели над Мачулищами в сторону Минска, высота небольшая")
        let type = dedup.post(
            "Два самолета Су-30 пролетели над Мачулищами в сторону Минска, высота небольшая", minutes: 5)
        #expect(type.verdict.status == .new)
        let name = dedup.post(
            "Два самолета Су-34 пролетели над Лунинцом в сторону Минска, высота небольшая", minutes: 6)
        #expect(name.verdict.status == .new)
        let typo = dedup.post(
            "Два самолёта Су-34 пролетели над Мачулищами в сторону Минска, высота небольшя", minutes: 7)
        #expect(typo.verdict.status == .near)
    }

    @Test func nearDuplicatesOnlyWithinTheNearWindow() {
        var dedup = DedupHarness()
        dedup.post(convoy)
        let late = dedup.post(
            "Колона из 27 единиц техники движется по трасе М5 в сторону Мозыря, в составе КамАЗы и БТРы",
            minutes: 7 * 60)
        #expect(late.verdict.status == .new)
    }

    @Test func sameFactsInAnotherLanguageWithinMinutesAreNear() {
        var dedup = DedupHarness()
        let facts = Entities(places: [place("machulishchy-airfield", .minsk)], equipment: ["su-34"], counts: [2])
        let first = dedup.post("Два Су-34 взлетели с аэродрома Мачулищи", chat: "hajun", entities: facts)
        let english = dedup.post(
            "Two Su-34 jets took off from Machulishchy airbase", chat: "belarus_osint_en", minutes: 12, entities: facts)
        #expect(english.verdict.status == .near)
        #expect(english.verdict.of == first.id)
        #expect(english.verdict.sources == 2)
        let belarusian = dedup.post(
            "Два Су-34 узляцелі з аэрадрома Мачулішчы", chat: "belsat", minutes: 20,
            entities: Entities(places: [place("machulishchy-airfield", .minsk)], equipment: ["su-34"]))
        #expect(belarusian.verdict.status == .near && belarusian.verdict.of == first.id)
        // Too late for a facts-only match, and a different count is another sighting.
        let hourLater = dedup.post("Two Su-34 took off from Machulishchy", chat: "en2", minutes: 90, entities: facts)
        #expect(hourLater.verdict.status == .new)
        var four = facts
        four.counts = [4]
        let otherCount = dedup.post("Four Su-34 took off from Machulishchy", chat: "en3", minutes: 95, entities: four)
        #expect(otherCount.verdict.status == .new)
    }

    @Test func samePlaceAndCategoryMatchAcrossLanguagesWhenCategoriesAreGiven() {
        let homiel = Entities(places: [place("homiel")])
        func judge(
            _ index: DedupIndex, _ text: String, _ minutes: Double, _ category: Category?, id: UInt64
        ) -> DedupVerdict {
            let normalized = Normalizer.normalize(text)
            let report = Report(
                feed: "t", chat: "c\(id)", messageID: Int64(id),
                postedAt: DedupHarness.start.adding(milliseconds: Int64(minutes * 60_000)), text: text)
            return index.judge(
                report, fingerprint: Fingerprinter.fingerprint(normalized), normalized: normalized, entities: homiel,
                category: category, id: EventID(rawValue: id))
        }
        let russian = "В Гомеле задержали трёх железнодорожников"
        let belarusian = "У Гомелі затрымалі трох чыгуначнікаў за пашкоджанне рэлейнай шафы"

        let index = DedupIndex()
        #expect(judge(index, russian, 0, .arrest, id: 10).status == .new)
        let retold = judge(index, belarusian, 12, .arrest, id: 11)
        #expect(retold.status == .near && retold.of == EventID(rawValue: 10))
        #expect(judge(index, "В Гомеле колонна военных машин", 14, .troopMovement, id: 12).status == .new)
        #expect(judge(index, "У Гомелі зноў затрымалі чыгуначнікаў", 80, .arrest, id: 13).status == .new)  // later

        // Without categories one shared place is not enough.
        let blind = DedupIndex()
        #expect(judge(blind, russian, 0, nil, id: 10).status == .new)
        #expect(judge(blind, belarusian, 12, nil, id: 11).status == .new)
    }

    @Test func aMatchThroughOneMemberIsVetoedByAnother() {
        var dedup = DedupHarness()
        let facts = Entities(places: [place("homiel"), place("dobrush")], equipment: ["bmp-2"], counts: [22])
        let first = dedup.post(
            "Гомель → Добруш: по трассе идёт колонна из 22 единиц техники, среди них 6 БМП-2", chat: "a",
            entities: facts)
        let english = dedup.post(
            "Homiel to Dobrush: a convoy of 22 vehicles including 6 BMP-2", chat: "b", minutes: 5, entities: facts)
        #expect(english.verdict.status == .near && english.verdict.of == first.id)
        // The gazetteer misses "Ветка" here: only the Russian post's own words tell it apart.
        let vietka = dedup.post(
            "Гомель → Ветка: по трассе идёт колонна из 22 единиц техники, среди них 6 БМП-2", chat: "c", minutes: 8,
            entities: Entities(places: [place("homiel")], equipment: ["bmp-2"], counts: [22]))
        #expect(vietka.verdict.status == .new)
    }

    @Test func oneSharedFactIsNotEnough() {
        var dedup = DedupHarness()
        dedup.post("Задержали активиста в Мозыре", entities: Entities(places: [place("mazyr")]))
        let other = dedup.post(
            "Колонна военной техники стоит в Мозыре", chat: "x", minutes: 5,
            entities: Entities(places: [place("mazyr")]))
        #expect(other.verdict.status == .new)
    }

    @Test func identicalShortTextsDaysApartAreSeparateSightings() {
        var dedup = DedupHarness()
        let launch = "Взлёт МиГ-31К. Ракетная опасность"
        let first = dedup.post(launch)
        #expect(dedup.post(launch, chat: "x", minutes: 30).verdict.of == first.id)
        let nextDay = dedup.post(launch, chat: "hajun", minutes: 24 * 60)
        #expect(nextDay.verdict.status == .new)
        // A long text repeated days later is a repost.
        let long = dedup.post(convoy, minutes: 25 * 60)
        #expect(dedup.post(convoy, chat: "late_aggregator", minutes: 3 * 24 * 60).verdict.of == long.id)
        // Beyond the exact window it is forgotten.
        #expect(dedup.post(convoy, chat: "very_late", minutes: 11 * 24 * 60).verdict.status == .new)
    }

    @Test func postsWithNothingLeftAfterNormalizationAreNeverMerged() {
        var dedup = DedupHarness()
        #expect(dedup.post("https://t.me/hajun/1").verdict.status == .new)
        #expect(dedup.post("🔥🔥🔥", minutes: 1).verdict.status == .new)
        #expect(dedup.post("https://t.me/hajun/2", minutes: 2).verdict.status == .new)
    }

    @Test func snapshotRestoresEverythingNeededToJudge() throws {
        var dedup = DedupHarness()
        let first = dedup.post(convoy, chat: "hajun", message: 10, entities: convoyFacts)
        dedup.post(convoy, chat: "gomel_watch", message: 11, minutes: 2)
        let facts = Entities(places: [place("machulishchy-airfield", .minsk)], equipment: ["su-34"], counts: [2])
        let jets = dedup.post("Два Су-34 взлетели с аэродрома Мачулищи", chat: "hajun", minutes: 5, entities: facts)
        let snapshot = dedup.index.snapshot()
        #expect(snapshot.starts(with: Array("HJDX".utf8)) && snapshot[4] == DedupSnapshot.version)

        var restored = try DedupHarness(restoring: snapshot)
        restored.nextMessage = 100
        restored.nextID = 0x9000
        // The same post replayed after the restart is exact, with the incident's first event and sources.
        let replayed = restored.post(convoy, chat: "hajun", message: 10, minutes: 30)
        #expect(replayed.verdict == DedupVerdict(status: .exact, of: first.id, distance: 0, sources: 2))
        // Near duplicates and facts matches still find the remembered posts.
        let typo = restored.post(
            "Колонна из 27 единиц техники движется по трасе М5 в сторону Мозыря, в составе КамАЗы и БТРы",
            chat: "brest_monitor", minutes: 31, entities: convoyFacts)
        #expect(typo.verdict.status == .near && typo.verdict.of == first.id && typo.verdict.sources == 3)
        let english = restored.post("Two Su-34 took off from Machulishchy", chat: "en", minutes: 20, entities: facts)
        #expect(english.verdict.status == .near && english.verdict.of == jets.id)
        // Snapshots of the same state are the same bytes.
        #expect(try DedupIndex(restoring: snapshot).snapshot() == snapshot)
    }

    @Test func damagedSnapshotsAreRefusedWithAReason() {
        var dedup = DedupHarness()
        dedup.post(convoy, entities: convoyFacts)
        let snapshot = dedup.index.snapshot()
        #expect(throws: DedupSnapshotError.self) { try DedupIndex(restoring: Array(snapshot.dropLast(3))) }
        #expect(throws: DedupSnapshotError.self) { try DedupIndex(restoring: Array("garbage".utf8)) }
        var flipped = snapshot
        flipped[20] ^= 0x40
        #expect(throws: DedupSnapshotError.self) { try DedupIndex(restoring: flipped) }
        var future = snapshot
        future[4] = 99
        do {
            _ = try DedupIndex(restoring: future)
            Issue.record("a future version was accepted")
        } catch {
            #expect("\(error)".contains("version 99"))
        }
    }

    @Test func evictionForgetsOldPostsButKeepsTheIncidentsOfLivePosts() {
        var dedup = DedupHarness()
        let first = dedup.post(convoy, chat: "hajun", message: 1)
        dedup.post("Совсем другой старый пост про задержание в Гродно", chat: "hajun", message: 2, minutes: 1)
        dedup.post(convoy, chat: "x", message: 3, minutes: 6 * 24 * 60)
        dedup.index.evict(before: DedupHarness.start.adding(milliseconds: 3 * 86_400_000))
        // The live repost is remembered, and its incident (with its first event's id); the old posts are not.
        #expect(dedup.index.statistics.rememberedPosts == 1)
        #expect(dedup.index.statistics.incidents == 1)
        let again = dedup.post(convoy, chat: "y", message: 4, minutes: 6 * 24 * 60 + 5)
        #expect(again.verdict.of == first.id)
        #expect(
            dedup.post(
                "Совсем другой старый пост про задержание в Гродно", chat: "hajun", message: 2, minutes: 6 * 24 * 60 + 6
            ).verdict.status == .new)
    }

    @Test func memoryStaysBoundedByTheWindows() {
        var dedup = DedupHarness(
            DedupConfiguration(exactWindowMilliseconds: 3_600_000, nearWindowMilliseconds: 600_000))
        // 20,000 distinct posts, one every 10 seconds: 360 in the exact window, 60 in the near window.
        let words = [
            "колонна", "техника", "самолет", "взрыв", "задержание", "поезд", "учения", "склад", "мост", "пост",
        ]
        var state: UInt64 = 1
        for n in 0..<20_000 {
            let text = (0..<6).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return words[Int(state >> 60) % words.count] + String(state >> 50 & 0xFF)
            }.joined(separator: " ")
            dedup.post(text, chat: "c\(n % 5)", minutes: Double(n) / 6)
        }
        let statistics = dedup.index.statistics
        #expect(statistics.rememberedPosts <= 360 + DedupEngine.minimumCompaction)
        #expect(statistics.nearPosts <= 2 * 60 + DedupEngine.minimumTimedCompaction)
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
