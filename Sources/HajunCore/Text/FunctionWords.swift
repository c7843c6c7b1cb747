/// Frequent short words that belong to one of Russian, Belarusian and Ukrainian only, for telling short posts
/// apart. Keyed by the FNV-1a hash of the lowercase word (ё written е), as `LanguageDetector` hashes words.
enum FunctionWords {
    static let russian = [
        "что", "это", "около", "возле", "сейчас", "только", "уже", "еще", "был", "были", "была", "было", "его",
        "из", "от", "под", "со", "во", "он", "они", "где", "когда", "сегодня", "вчера", "утром", "вечером",
        "ночью", "нет", "тоже", "также", "будет", "было", "чтобы", "если", "или", "все", "всех",
        "после", "этом", "этой", "снова", "опять", "видели", "едет", "едут", "стоят", "пишут",
    ]
    static let belarusian = [
        "што", "гэта", "каля", "ля", "зараз", "толькі", "ужо", "яшчэ", "быў", "былі", "была", "было", "яго",
        "ад", "пад", "ён", "яны", "дзе", "калі", "сення", "учора", "раніцай", "увечары", "ўвечары", "ноччу",
        "няма", "таксама", "будзе", "праз", "каб", "ці", "усе", "ўсе", "бок", "кірунку", "пасля", "зноў",
        "бачылі", "едзе", "едуць", "стаяць", "пішуць", "і", "ў", "па", "як", "для", "ды",
    ]
    static let ukrainian = [
        "що", "це", "біля", "поблизу", "щойно", "вже", "ще", "був", "були", "була", "було", "його", "від",
        "під", "із", "він", "вони", "де", "коли", "сьогодні", "вчора", "вранці", "ввечері", "вночі", "немає",
        "також", "буде", "щоб", "чи", "усі", "всі", "бік", "напрямку", "після", "знову", "бачили", "їде", "їдуть",
        "стоять", "пишуть", "та", "й", "і", "як", "для",
    ]

    /// Words listed for more than one language are dropped: they are no evidence. Values: 1 ru, 2 be, 3 uk.
    static let table: SmallHashTable = {
        var table: [UInt64: UInt8] = [:]
        var shared: Set<UInt64> = []
        for (words, code) in [(russian, UInt8(1)), (belarusian, 2), (ukrainian, 3)] {
            for word in Set(words) {
                var hash = word.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) {
                    ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3
                }
                if hash == 0 { hash = 1 }
                if let existing = table[hash], existing != code { shared.insert(hash) }
                table[hash] = code
            }
        }
        for hash in shared { table[hash] = nil }
        return SmallHashTable(table.map { ($0.key, $0.value) })
    }()
}
