// Dedup benchmark: posts per second for normalize + fingerprint + dedup (lookup and insert) on one core, with
// 1,000,000 posts in the window, and the memory the index holds per remembered post.
//
// Posts are generated (not timed) from report templates in Russian, Belarusian and English with random places
// (300), counts (2-301), equipment (40) and filler words: about 78 % first reports, the rest reposts with another
// signature, forwards and typo'd copies. Two time layouts:
//   week: the posts spread over 6.9 days (inside the 7-day exact window; ~3.6 % inside the 6-hour near window);
//   burst: all posts inside 5 hours (the whole million inside the near window too: the worst case).
import CHeap
import Foundation
import HajunCore

let arguments = CommandLine.arguments.dropFirst()
let postCount = arguments.first.flatMap { Int($0) } ?? 1_000_000
let layouts = arguments.count > 1 ? [String(arguments[arguments.startIndex + 1])] : ["week", "burst"]

struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var z = state
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        return z ^ (z >> 33)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }
}

let places: [(id: String, ru: String, be: String, en: String)] =
    [
        ("mazyr", "Мозыря", "Мазыра", "Mazyr"), ("homiel", "Гомеля", "Гомеля", "Homiel"),
        ("brest", "Бреста", "Брэста", "Brest"), ("hrodna", "Гродно", "Гродна", "Hrodna"),
        ("baranavichy", "Барановичей", "Баранавічаў", "Baranavichy"), ("luninets", "Лунинца", "Лунінца", "Luninets"),
        ("kalinkavichy", "Калинковичей", "Калінкавічаў", "Kalinkavichy"), ("rechytsa", "Речицы", "Рэчыцы", "Rechytsa"),
        ("asipovichy", "Осиповичей", "Асіповічаў", "Asipovichy"), ("babruysk", "Бобруйска", "Бабруйска", "Babruysk"),
        ("pinsk", "Пинска", "Пінска", "Pinsk"), ("lida", "Лиды", "Ліды", "Lida"),
        ("slutsk", "Слуцка", "Слуцка", "Slutsk"),
        ("barysau", "Борисова", "Барысава", "Barysau"), ("orsha", "Орши", "Оршы", "Orsha"),
        ("zhytkavichy", "Житковичей", "Жыткавічаў", "Zhytkavichy"), ("yelsk", "Ельска", "Ельска", "Yelsk"),
        ("naroulia", "Наровли", "Нароўлі", "Naroulia"), ("khoiniki", "Хойников", "Хойнікаў", "Khoiniki"),
        ("machulishchy-airfield", "Мачулищ", "Мачулішчаў", "Machulishchy"),
    ] + (1...280).map { n in ("village-\(n)", "деревни Н\(n)", "вёскі Н\(n)", "village N\(n)") }
let equipment: [(id: String, ru: String, en: String)] =
    [
        ("kamaz", "КамАЗов", "KamAZ trucks"), ("ural", "Уралов", "Ural trucks"), ("btr-82", "БТР-82", "BTR-82"),
        ("t-72", "Т-72", "T-72 tanks"), ("su-34", "Су-34", "Su-34"), ("su-30sm", "Су-30СМ", "Su-30SM"),
        ("mig-31k", "МиГ-31К", "MiG-31K"), ("mi-8", "Ми-8", "Mi-8"), ("ka-52", "Ка-52", "Ka-52"),
        ("iskander", "Искандеров", "Iskanders"), ("tor-m2", "Тор-М2", "Tor-M2"), ("grad", "Градов", "Grads"),
    ] + (1...28).map { n in ("vehicle-\(n)", "машин типа \(n)", "vehicles of type \(n)") }
let fillers = [
    "утром", "вечером", "ночью", "на трассе", "через город", "у заправки", "возле моста", "по объездной",
    "с сопровождением ГАИ", "без номеров", "с белыми метками", "на платформах", "в сторону границы",
    "колонной по двое", "очень быстро", "медленно", "стоят на обочине", "замечены местными", "проехали мимо станции",
    "на окраине", "в районе промзоны", "у поворота на деревню",
]

struct Post {
    var report: Report
    var entities: Entities
}

func generate(count: Int, spanSeconds: Int64, seed: UInt64) -> [Post] {
    var random = Generator(state: seed)
    var posts: [Post] = []
    posts.reserveCapacity(count)
    let start: Int64 = 1_646_100_000
    var message: [String: Int64] = [:]
    let chats = (0..<40).map { "channel_\($0)" }
    while posts.count < count {
        let time = start + Int64(posts.count) * spanSeconds / Int64(count)
        let place = random.pick(places)
        let gear = random.pick(equipment)
        let number = 2 + random.below(300)
        let extra = (0..<(2 + random.below(4))).map { _ in random.pick(fillers) }.joined(separator: ", ")
        let tag = random.next() % 100_000
        let text: String
        let language = random.below(10)
        if language < 7 {
            text = "🚛 Колонна из \(number) \(gear.ru) движется в сторону \(place.ru), \(extra). Отметка \(tag)"
        } else if language < 9 {
            text = "Калона з \(number) \(gear.ru) рухаецца ў бок \(place.be), \(extra). Пазнака \(tag)"
        } else {
            text = "Convoy of \(number) \(gear.en) heading towards \(place.en), \(extra). Mark \(tag)"
        }
        let entities = Entities(
            places: [PlaceMention(id: place.id, name: place.en, region: .homiel, kind: .town)], equipment: [gear.id],
            counts: [number], direction: PlaceMention(id: place.id, name: place.en, region: .homiel, kind: .town))
        let chat = random.pick(chats)
        let id = message[chat, default: 0] + 1
        message[chat] = id
        let original = Report(
            feed: "bench", chat: chat, messageID: id, postedAt: Timestamp(secondsSince1970: time), text: text)
        posts.append(Post(report: original, entities: entities))
        // About one incident in five is reported again: a repost, a forward, a typo'd copy.
        guard random.below(5) == 0 else { continue }
        for copy in 0..<(1 + random.below(3)) where posts.count < count {
            let other = random.pick(chats)
            let otherID = message[other, default: 0] + 1
            message[other] = otherID
            var report = original
            report.chat = other
            report.messageID = otherID
            report.postedAt = Timestamp(secondsSince1970: time + Int64(60 * (copy + 1)))
            switch random.below(3) {
            case 0: report.text = text + "\nПрислал подписчик"
            case 1: report.forwardOrigin = ForwardOrigin(chat: chat, messageID: id)
            default: report.text = text.replacingOccurrences(of: "движется", with: "движеться")
            }
            posts.append(Post(report: report, entities: entities))
        }
    }
    return posts
}

/// Bytes the heap has handed out and not taken back (glibc: small blocks plus mmap'ed large ones).
func heapInUse() -> Int { Int(heap_in_use()) }

/// This thread's CPU time: the machine is shared, and CPU time does not count the time other processes held
/// the core (wall time is printed too).
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func wall() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

print("dedup benchmark: \(postCount) posts, release build, one core; rates by this thread's CPU time")
for layout in layouts {
    let span: Int64 = layout == "burst" ? 5 * 3600 : Int64(6.9 * 86_400)
    let generated = now()
    let posts = generate(count: postCount, spanSeconds: span, seed: 42)
    print(
        "\n[\(layout)] \(posts.count) posts over \(span / 3600) hours, generated in "
            + String(format: "%.1f s", now() - generated)
    )

    // Stage by stage over all posts first (for the breakdown), then the whole path post by post (the figure).
    do {
        var stageStart = now()
        let normalizedTexts = posts.map { Normalizer.normalize($0.report.text) }
        let normalizeTime = now() - stageStart
        stageStart = now()
        let fingerprints = normalizedTexts.map { Fingerprinter.fingerprint($0) }
        let fingerprintTime = now() - stageStart
        stageStart = now()
        let stageIndex = DedupIndex()
        for (n, post) in posts.enumerated() {
            _ = stageIndex.judge(
                post.report, fingerprint: fingerprints[n], normalized: normalizedTexts[n], entities: post.entities,
                id: EventID(rawValue: UInt64(n + 1)))
        }
        let judgeTime = now() - stageStart
        func perPost(_ t: Double) -> String { String(format: "%.2f µs", t * 1e6 / Double(posts.count)) }
        print(
            "  stages: normalize \(perPost(normalizeTime)), fingerprint \(perPost(fingerprintTime)), "
                + "dedup judge \(perPost(judgeTime)) a post"
        )
    }

    let heapBefore = heapInUse()
    let index = DedupIndex()
    var statuses: [DedupStatus: Int] = [:]
    var checksum: UInt64 = 0
    let chunk = max(1, postCount / 10)
    var chunkStart = now()
    let started = chunkStart
    let startedWall = wall()
    for (n, post) in posts.enumerated() {
        let normalized = Normalizer.normalize(post.report.text)
        let fingerprint = Fingerprinter.fingerprint(normalized)
        let verdict = index.judge(
            post.report, fingerprint: fingerprint, normalized: normalized, entities: post.entities,
            id: EventID(rawValue: UInt64(n + 1)))
        statuses[verdict.status, default: 0] += 1
        checksum &+= verdict.of?.rawValue ?? 0
        if (n + 1) % chunk == 0 {
            let t = now()
            let stats = index.statistics
            print(
                String(
                    format: "  %8d posts: %9.0f posts/s (this chunk), %8d remembered, %7d in the near window",
                    n + 1, Double(chunk) / (t - chunkStart), stats.rememberedPosts, stats.nearPosts))
            chunkStart = t
        }
    }
    let elapsed = now() - started
    let elapsedWall = wall() - startedWall
    let stats = index.statistics
    let heapDelta = heapInUse() - heapBefore
    print(
        String(
            format: "  overall: %.0f posts/s (%.2f µs a post) by CPU time; %.0f posts/s by wall time",
            Double(posts.count) / elapsed, elapsed * 1e6 / Double(posts.count), Double(posts.count) / elapsedWall))
    print(
        "  verdicts: "
            + DedupStatus.allCases.map { "\($0.rawValue) \(statuses[$0, default: 0])" }.joined(separator: ", "))
    print(
        String(
            format:
                "  memory: %d remembered posts (%d incidents, %d near-window profiles); index arrays %.1f MB = %.1f "
                + "bytes a post; heap in use %.1f MB = %.1f bytes a post",
            stats.rememberedPosts, stats.incidents, stats.nearPosts, Double(stats.bytes) / 1e6,
            Double(stats.bytes) / Double(stats.rememberedPosts), Double(heapDelta) / 1e6,
            Double(heapDelta) / Double(stats.rememberedPosts)))
    print(
        String(
            format: "          posts %.1f, incidents %.1f, near-window profiles %.1f bytes a post",
            Double(stats.postBytes) / Double(stats.rememberedPosts),
            Double(stats.incidentBytes) / Double(stats.rememberedPosts),
            Double(stats.nearBytes) / Double(stats.rememberedPosts)))
    let snapshotStart = now()
    let snapshot = index.snapshot()
    let restoreStart = now()
    let restored = try! DedupIndex(restoring: snapshot)
    print(
        String(
            format: "  snapshot: %.1f MB (%.1f bytes a post), written in %.2f s, restored in %.2f s (%d posts)",
            Double(snapshot.count) / 1e6, Double(snapshot.count) / Double(stats.rememberedPosts),
            restoreStart - snapshotStart, now() - restoreStart, restored.statistics.rememberedPosts))
    print("  (checksum \(checksum))")
}
