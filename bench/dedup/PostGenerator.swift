// Generated posts for the dedup benchmark (not timed). Two text models:
//
// `varied` (the default, the figure): sightings told the way the labelled corpus (Tests/Fixtures/dedup) tells
// them: 24 sentence frames over four kinds of sighting (convoy, aircraft, helicopters, train), in Russian (70 %),
// Belarusian (15 %) and English (15 %), with 300 places (20 towns and 280 made-up villages, each with its own
// name in the three languages), 36 kinds of equipment, counts that fit the kind, and 0 to 3 remarks. The
// benchmark prints how close its texts are to the corpus (words a post, SimHash distance between different
// sightings, how many distinct 16-bit SimHash blocks), so that it is neither easier nor harder than that.
//
// `template` (stress): every post from one frame a language, 20 words long, with a random five-digit mark at the
// end; 70 % of them start with the same three words and name 28 "машин типа N": the SimHash blocks and the first
// words collide far more than in real text (the benchmark's figure before session 2).
//
// About 22 % of posts in both models repeat an earlier sighting: a re-post with a signature added, a forward, a
// re-post with a typo, or (varied only) with a comment added.
import Foundation
import HajunCore

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

struct Post {
    var report: Report
    var entities: Entities
}

enum TextModel: String {
    case varied, template
}

struct Place {
    var id: String
    /// Russian nominative and genitive, Belarusian genitive, English.
    var ru: String
    var ruOf: String
    var beOf: String
    var en: String
}

struct Gear {
    enum Kind { case vehicle, aircraft, helicopter }
    var id: String
    var kind: Kind
    /// Russian and Belarusian after a count (genitive plural or the designation), English.
    var ru: String
    var be: String
    var en: String
}

enum PostGenerator {
    static let towns: [Place] = [
        Place(id: "mazyr", ru: "Мозырь", ruOf: "Мозыря", beOf: "Мазыра", en: "Mazyr"),
        Place(id: "homiel", ru: "Гомель", ruOf: "Гомеля", beOf: "Гомеля", en: "Homiel"),
        Place(id: "brest", ru: "Брест", ruOf: "Бреста", beOf: "Брэста", en: "Brest"),
        Place(id: "hrodna", ru: "Гродно", ruOf: "Гродно", beOf: "Гродна", en: "Hrodna"),
        Place(id: "baranavichy", ru: "Барановичи", ruOf: "Барановичей", beOf: "Баранавічаў", en: "Baranavichy"),
        Place(id: "luninets", ru: "Лунинец", ruOf: "Лунинца", beOf: "Лунінца", en: "Luninets"),
        Place(id: "kalinkavichy", ru: "Калинковичи", ruOf: "Калинковичей", beOf: "Калінкавічаў", en: "Kalinkavichy"),
        Place(id: "rechytsa", ru: "Речица", ruOf: "Речицы", beOf: "Рэчыцы", en: "Rechytsa"),
        Place(id: "asipovichy", ru: "Осиповичи", ruOf: "Осиповичей", beOf: "Асіповічаў", en: "Asipovichy"),
        Place(id: "babruysk", ru: "Бобруйск", ruOf: "Бобруйска", beOf: "Бабруйска", en: "Babruysk"),
        Place(id: "pinsk", ru: "Пинск", ruOf: "Пинска", beOf: "Пінска", en: "Pinsk"),
        Place(id: "lida", ru: "Лида", ruOf: "Лиды", beOf: "Ліды", en: "Lida"),
        Place(id: "slutsk", ru: "Слуцк", ruOf: "Слуцка", beOf: "Слуцка", en: "Slutsk"),
        Place(id: "barysau", ru: "Борисов", ruOf: "Борисова", beOf: "Барысава", en: "Barysau"),
        Place(id: "orsha", ru: "Орша", ruOf: "Орши", beOf: "Оршы", en: "Orsha"),
        Place(id: "zhytkavichy", ru: "Житковичи", ruOf: "Житковичей", beOf: "Жыткавічаў", en: "Zhytkavichy"),
        Place(id: "yelsk", ru: "Ельск", ruOf: "Ельска", beOf: "Ельска", en: "Yelsk"),
        Place(id: "naroulia", ru: "Наровля", ruOf: "Наровли", beOf: "Нароўлі", en: "Naroulia"),
        Place(id: "khoiniki", ru: "Хойники", ruOf: "Хойников", beOf: "Хойнікаў", en: "Khoiniki"),
        Place(id: "machulishchy-airfield", ru: "Мачулищи", ruOf: "Мачулищ", beOf: "Мачулішчаў", en: "Machulishchy"),
    ]

    /// 280 villages named from two syllables (`Борки`, `Лядово`, …), in the three scripts.
    static let villages: [Place] = {
        let heads: [(ru: String, be: String, en: String)] = [
            ("Бор", "Бор", "Bor"), ("Ляд", "Ляд", "Liad"), ("Круп", "Круп", "Krup"), ("Глин", "Глін", "Hlin"),
            ("Дуб", "Дуб", "Dub"), ("Мох", "Мох", "Mokh"), ("Сос", "Сас", "Sas"), ("Лип", "Ліп", "Lip"),
            ("Берез", "Бяроз", "Biaroz"), ("Остров", "Астроў", "Astrou"), ("Рудн", "Рудн", "Rudn"),
            ("Лозов", "Лазоў", "Lazou"), ("Заболот", "Забалот", "Zabalot"), ("Горн", "Гарн", "Harn"),
            ("Вишн", "Вішн", "Vishn"), ("Клен", "Клён", "Klion"), ("Ольш", "Вольш", "Volsh"), ("Жук", "Жук", "Zhuk"),
            ("Кам", "Кам", "Kam"), ("Гат", "Гат", "Hat"),
        ]
        let tails: [(ru: String, ruOf: String, beOf: String, en: String)] = [
            ("ово", "ова", "ава", "ava"), ("ки", "ок", "ак", "ki"), ("ичи", "ичей", "ічаў", "ichy"),
            ("ино", "ина", "іна", "ina"), ("овка", "овки", "аўкі", "auka"), ("цы", "иц", "іц", "tsy"),
            ("ск", "ска", "ска", "sk"), ("ятино", "ятина", "ятына", "iatyna"), ("ань", "ани", "ані", "an"),
            ("ище", "ища", "ішча", "ishcha"), ("ец", "ца", "ца", "ets"), ("ыни", "ынь", "ынь", "yni"),
            ("овичи", "овичей", "овічаў", "ovichy"), ("аны", "ан", "ан", "any"),
        ]
        var result: [Place] = []
        for (h, head) in heads.enumerated() {
            for (t, tail) in tails.enumerated() {
                result.append(
                    Place(
                        id: "village-\(h)-\(t)", ru: head.ru + tail.ru, ruOf: head.ru + tail.ruOf,
                        beOf: head.be + tail.beOf, en: head.en + tail.en))
            }
        }
        return result
    }()

    static let places = towns + villages

    static let gear: [Gear] = [
        Gear(id: "kamaz", kind: .vehicle, ru: "КамАЗов", be: "КамАЗаў", en: "KamAZ trucks"),
        Gear(id: "ural", kind: .vehicle, ru: "Уралов", be: "Уралаў", en: "Ural trucks"),
        Gear(id: "btr-82", kind: .vehicle, ru: "БТР-82", be: "БТР-82", en: "BTR-82"),
        Gear(id: "bmp-2", kind: .vehicle, ru: "БМП-2", be: "БМП-2", en: "BMP-2"),
        Gear(id: "t-72", kind: .vehicle, ru: "танков Т-72", be: "танкаў Т-72", en: "T-72 tanks"),
        Gear(id: "t-80", kind: .vehicle, ru: "танков Т-80", be: "танкаў Т-80", en: "T-80 tanks"),
        Gear(id: "mt-lb", kind: .vehicle, ru: "МТ-ЛБ", be: "МТ-ЛБ", en: "MT-LB"),
        Gear(id: "tigr", kind: .vehicle, ru: "бронемашин Тигр", be: "браневікоў Тыгр", en: "Tigr armoured cars"),
        Gear(id: "fuel-truck", kind: .vehicle, ru: "бензовозов", be: "бензавозаў", en: "fuel trucks"),
        Gear(id: "tractor", kind: .vehicle, ru: "тягачей", be: "цягачоў", en: "tractor units"),
        Gear(id: "iskander", kind: .vehicle, ru: "Искандеров", be: "Іскандэраў", en: "Iskanders"),
        Gear(id: "tor-m2", kind: .vehicle, ru: "Тор-М2", be: "Тор-М2", en: "Tor-M2"),
        Gear(id: "grad", kind: .vehicle, ru: "Градов", be: "Градаў", en: "Grads"),
        Gear(id: "uragan", kind: .vehicle, ru: "Ураганов", be: "Ураганаў", en: "Uragans"),
        Gear(id: "pantsir", kind: .vehicle, ru: "Панцирей", be: "Панцыраў", en: "Pantsirs"),
        Gear(id: "s-400", kind: .vehicle, ru: "С-400", be: "С-400", en: "S-400 launchers"),
        Gear(id: "msta-s", kind: .vehicle, ru: "САУ Мста-С", be: "САУ Мста-С", en: "Msta-S guns"),
        Gear(id: "akatsiya", kind: .vehicle, ru: "САУ Акация", be: "САУ Акацыя", en: "Akatsiya guns"),
        Gear(id: "ambulance", kind: .vehicle, ru: "санитарных машин", be: "санітарных машын", en: "ambulances"),
        Gear(id: "gaz-66", kind: .vehicle, ru: "ГАЗ-66", be: "ГАЗ-66", en: "GAZ-66 trucks"),
        Gear(id: "truck", kind: .vehicle, ru: "военных грузовиков", be: "вайсковых грузавікоў", en: "army trucks"),
        Gear(
            id: "bus", kind: .vehicle, ru: "автобусов с военными", be: "аўтобусаў з вайскоўцамі", en: "buses of troops"),
        Gear(id: "su-34", kind: .aircraft, ru: "Су-34", be: "Су-34", en: "Su-34"),
        Gear(id: "su-30sm", kind: .aircraft, ru: "Су-30СМ", be: "Су-30СМ", en: "Su-30SM"),
        Gear(id: "su-25", kind: .aircraft, ru: "Су-25", be: "Су-25", en: "Su-25"),
        Gear(id: "mig-31k", kind: .aircraft, ru: "МиГ-31К", be: "МіГ-31К", en: "MiG-31K"),
        Gear(id: "tu-22m3", kind: .aircraft, ru: "Ту-22М3", be: "Ту-22М3", en: "Tu-22M3"),
        Gear(id: "il-76", kind: .aircraft, ru: "Ил-76", be: "Іл-76", en: "Il-76"),
        Gear(id: "a-50", kind: .aircraft, ru: "А-50", be: "А-50", en: "A-50"),
        Gear(id: "yak-130", kind: .aircraft, ru: "Як-130", be: "Як-130", en: "Yak-130"),
        Gear(id: "mi-8", kind: .helicopter, ru: "Ми-8", be: "Мі-8", en: "Mi-8"),
        Gear(id: "mi-24", kind: .helicopter, ru: "Ми-24", be: "Мі-24", en: "Mi-24"),
        Gear(id: "ka-52", kind: .helicopter, ru: "Ка-52", be: "Ка-52", en: "Ka-52"),
        Gear(id: "mi-28", kind: .helicopter, ru: "Ми-28", be: "Мі-28", en: "Mi-28"),
        Gear(id: "mi-26", kind: .helicopter, ru: "Ми-26", be: "Мі-26", en: "Mi-26"),
        Gear(id: "mi-35", kind: .helicopter, ru: "Ми-35", be: "Мі-35", en: "Mi-35"),
    ]

    static let roads = ["М1", "М5", "М10", "Р23", "Р31", "М8", "Р128", "Р35"]

    static let remarksRU = [
        "без номеров", "с белыми метками", "с сопровождением ГАИ", "очень быстро", "стоят на обочине",
        "военные курят", "много бензовозов", "на платформах", "под тентами", "у заправки", "возле моста",
        "на объездной", "ночью", "утром", "с включёнными фарами", "через центр", "в районе промзоны",
        "прислал подписчик из района", "будьте осторожны", "очень громко",
    ]
    static let remarksBE = [
        "без нумароў", "з белымі меткамі", "з суправаджэннем ДАІ", "вельмі хутка", "стаяць на ўзбочыне",
        "пад тэнтамі", "ля запраўкі", "каля моста", "уначы", "раніцай", "праз цэнтр",
    ]
    static let remarksEN = [
        "no plates", "with white markings", "police escort", "moving fast", "parked on the shoulder",
        "under tarps", "near the gas station", "by the bridge", "at night", "this morning", "through the centre",
    ]
    static let comments = [
        "Подтверждаем", "Тоже видели", "Ещё идут", "+1, видел сам", "Подтверждение от второго подписчика",
    ]

    /// `count` posts over `spanSeconds` of posting time.
    static func generate(count: Int, spanSeconds: Int64, seed: UInt64, model: TextModel) -> [Post] {
        var random = Generator(state: seed)
        var posts: [Post] = []
        posts.reserveCapacity(count)
        let start: Int64 = 1_646_100_000
        var message: [String: Int64] = [:]
        let chats = (0..<40).map { "channel_\($0)" }
        while posts.count < count {
            let time = start + Int64(posts.count) * spanSeconds / Int64(count)
            let (text, entities) =
                model == .varied ? variedSighting(&random) : templateSighting(&random)
            let chat = random.pick(chats)
            let id = message[chat, default: 0] + 1
            message[chat] = id
            let original = Report(
                feed: "bench", chat: chat, messageID: id, postedAt: Timestamp(secondsSince1970: time), text: text)
            posts.append(Post(report: original, entities: entities))
            // About one sighting in five is reported again.
            guard random.below(5) == 0 else { continue }
            for copy in 0..<(1 + random.below(3)) where posts.count < count {
                let other = random.pick(chats)
                let otherID = message[other, default: 0] + 1
                message[other] = otherID
                var report = original
                report.chat = other
                report.messageID = otherID
                report.postedAt = Timestamp(secondsSince1970: time + Int64(60 * (copy + 1)))
                switch random.below(model == .varied ? 4 : 3) {
                case 0: report.text = text + "\nПрислал подписчик"
                case 1: report.forwardOrigin = ForwardOrigin(chat: chat, messageID: id)
                case 2: report.text = model == .varied ? typo(text, &random) : templateTypo(text)
                default: report.text = text + "\n" + random.pick(comments)
                }
                posts.append(Post(report: report, entities: entities))
            }
        }
        return posts
    }

    // MARK: - Varied

    static func variedSighting(_ random: inout Generator) -> (String, Entities) {
        let place = random.pick(places)
        let language = random.below(20)
        let kind = random.below(10)
        let wanted: Gear.Kind = kind < 6 ? .vehicle : kind < 8 ? .aircraft : .helicopter
        let candidates = gear.filter { $0.kind == wanted }
        let item = random.pick(candidates)
        let number =
            switch wanted {
            case .vehicle: 3 + random.below(58)
            case .aircraft: 1 + random.below(6)
            case .helicopter: 1 + random.below(10)
            }
        let road = random.pick(roads)
        let frame = random.below(4)
        var text: String
        if language < 14 {
            switch (wanted, frame) {
            case (.vehicle, 0):
                text = "Колонна из \(number) \(item.ru) движется по трассе \(road) в сторону \(place.ruOf)"
            case (.vehicle, 1): text = "\(place.ru): в сторону границы прошли \(number) \(item.ru)"
            case (.vehicle, 2): text = "Трасса \(road) у \(place.ruOf): колонна техники, \(number) \(item.ru)"
            case (.vehicle, _): text = "Возле \(place.ruOf) стоят \(number) \(item.ru), рядом военные"
            case (.aircraft, 0): text = "✈️ С аэродрома у \(place.ruOf) взлетели \(number) \(item.ru)"
            case (.aircraft, 1): text = "Над \(place.ruOf) на малой высоте прошли \(number) \(item.ru)"
            case (.aircraft, 2): text = "\(place.ru): в небе \(number) \(item.ru), курс на юг"
            case (.aircraft, _): text = "❗️Взлёт \(item.ru) в районе \(place.ruOf), \(number) борта"
            case (.helicopter, 0): text = "Над \(place.ruOf) кружат \(number) вертолёта \(item.ru)"
            case (.helicopter, 1): text = "\(place.ru): низко пролетели \(number) \(item.ru) в сторону границы"
            case (.helicopter, 2): text = "🚁 \(number) \(item.ru) садятся на площадку у \(place.ruOf)"
            case (.helicopter, _): text = "В районе \(place.ruOf) летают вертолёты \(item.ru), видели \(number)"
            }
        } else if language < 17 {
            switch (wanted, frame % 2) {
            case (.vehicle, 0): text = "Калона з \(number) \(item.be) рухаецца па трасе \(road) у бок \(place.beOf)"
            case (.vehicle, _): text = "Каля \(place.beOf) стаяць \(number) \(item.be), побач вайскоўцы"
            case (.aircraft, 0): text = "З аэрадрома каля \(place.beOf) узляцелі \(number) \(item.be)"
            case (.aircraft, _): text = "Над \(place.beOf) на малой вышыні прайшлі \(number) \(item.be)"
            case (.helicopter, 0): text = "Над \(place.beOf) кружаць \(number) верталёты \(item.be)"
            case (.helicopter, _): text = "Каля \(place.beOf) нізка праляцелі \(number) \(item.be)"
            }
        } else {
            switch (wanted, frame % 2) {
            case (.vehicle, 0): text = "Convoy of \(number) \(item.en) on the \(road) heading towards \(place.en)"
            case (.vehicle, _): text = "\(place.en): \(number) \(item.en) parked by the road, soldiers around"
            case (.aircraft, 0): text = "\(number) \(item.en) took off from the airfield near \(place.en)"
            case (.aircraft, _): text = "\(place.en): \(number) \(item.en) flew over the town at low altitude"
            case (.helicopter, 0): text = "\(number) \(item.en) helicopters circling over \(place.en)"
            case (.helicopter, _): text = "\(place.en): \(number) \(item.en) flew low towards the border"
            }
        }
        let remarks = language < 14 ? remarksRU : language < 17 ? remarksBE : remarksEN
        var used: [Int] = []
        for _ in 0..<random.below(4) {
            let index = random.below(remarks.count)
            if used.contains(index) { continue }
            used.append(index)
            text += ", " + remarks[index]
        }
        let mention = PlaceMention(id: place.id, name: place.en, region: .homiel, kind: .town)
        // The frames that name the place as where the convoy heads.
        let heading = wanted == .vehicle && (language < 14 ? frame == 0 : frame % 2 == 0)
        let entities = Entities(
            places: [mention], equipment: [item.id], counts: [number], direction: heading ? mention : nil)
        return (text, entities)
    }

    /// A re-post with a typo: two letters of a longer word swapped, or one dropped.
    static func typo(_ text: String, _ random: inout Generator) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map { Array($0) }
        let long = words.indices.filter { words[$0].count >= 6 && words[$0].allSatisfy(\.isLetter) }
        guard let index = long.isEmpty ? nil : long[random.below(long.count)] else { return text + "!" }
        let position = 1 + random.below(words[index].count - 3)
        if random.below(2) == 0 {
            words[index].swapAt(position, position + 1)
        } else {
            words[index].remove(at: position)
        }
        return words.map { String($0) }.joined(separator: " ")
    }

    // MARK: - Template (stress)

    static let templatePlaces: [(id: String, ru: String, be: String, en: String)] =
        towns.map { ($0.id, $0.ruOf, $0.beOf, $0.en) }
        + (1...280).map { n in ("village-\(n)", "деревни Н\(n)", "вёскі Н\(n)", "village N\(n)") }
    static let templateEquipment: [(id: String, ru: String, en: String)] =
        [
            ("kamaz", "КамАЗов", "KamAZ trucks"), ("ural", "Уралов", "Ural trucks"), ("btr-82", "БТР-82", "BTR-82"),
            ("t-72", "Т-72", "T-72 tanks"), ("su-34", "Су-34", "Su-34"), ("su-30sm", "Су-30СМ", "Su-30SM"),
            ("mig-31k", "МиГ-31К", "MiG-31K"), ("mi-8", "Ми-8", "Mi-8"), ("ka-52", "Ка-52", "Ka-52"),
            ("iskander", "Искандеров", "Iskanders"), ("tor-m2", "Тор-М2", "Tor-M2"), ("grad", "Градов", "Grads"),
        ] + (1...28).map { n in ("vehicle-\(n)", "машин типа \(n)", "vehicles of type \(n)") }
    static let templateFillers = [
        "утром", "вечером", "ночью", "на трассе", "через город", "у заправки", "возле моста", "по объездной",
        "с сопровождением ГАИ", "без номеров", "с белыми метками", "на платформах", "в сторону границы",
        "колонной по двое", "очень быстро", "медленно", "стоят на обочине", "замечены местными",
        "проехали мимо станции", "на окраине", "в районе промзоны", "у поворота на деревню",
    ]

    static func templateSighting(_ random: inout Generator) -> (String, Entities) {
        let place = random.pick(templatePlaces)
        let gear = random.pick(templateEquipment)
        let number = 2 + random.below(300)
        let extra = (0..<(2 + random.below(4))).map { _ in random.pick(templateFillers) }.joined(separator: ", ")
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
        let mention = PlaceMention(id: place.id, name: place.en, region: .homiel, kind: .town)
        let entities = Entities(places: [mention], equipment: [gear.id], counts: [number], direction: mention)
        return (text, entities)
    }

    static func templateTypo(_ text: String) -> String {
        text.replacingOccurrences(of: "движется", with: "движеться")
    }
}
