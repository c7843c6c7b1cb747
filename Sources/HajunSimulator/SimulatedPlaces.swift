import HajunCore

/// The places the simulator reports from.
enum SimulatedPlaces {
    // ru nominative, genitive, locative | be nominative, genitive, locative | uk | en
    static let all: [Place] = [
        make(
            "minsk", .minskCity, [.city, .railNode], "Минск|Минска|в Минске", "Мінск|Мінска|у Мінску", "Мінськ", "Minsk"
        ),
        make(
            "machulishchy", .minsk, [.airfield, .garrison],
            "Мачулищи|Мачулищей|в Мачулищах", "Мачулішчы|Мачулішчаў|у Мачулішчах", "Мачулищі", "Machulishchy"
        ),
        make(
            "barysau", .minsk, [.city, .garrison], "Борисов|Борисова|в Борисове", "Барысаў|Барысава|у Барысаве",
            "Борисов", "Barysau"),
        make(
            "slutsk", .minsk, [.city, .garrison], "Слуцк|Слуцка|в Слуцке", "Слуцк|Слуцка|у Слуцку", "Слуцьк", "Slutsk"),
        make(
            "maladziechna", .minsk, [.city, .railNode], "Молодечно|Молодечно|в Молодечно",
            "Маладзечна|Маладзечна|у Маладзечне",
            "Молодечно", "Maladziechna"
        ),
        make(
            "salihorsk", .minsk, [.city], "Солигорск|Солигорска|в Солигорске", "Салігорск|Салігорска|у Салігорску",
            "Солігорськ", "Salihorsk"),
        make("zhodzina", .minsk, [.city], "Жодино|Жодино|в Жодино", "Жодзіна|Жодзіна|у Жодзіне", "Жодино", "Zhodzina"),
        make("pechy", .minsk, [.garrison], "Печи|Печей|в Печах", "Печы|Печаў|у Печах", "Печі", "Pechy"),
        make("brest", .brest, [.city, .railNode], "Брест|Бреста|в Бресте", "Брэст|Брэста|у Брэсце", "Брест", "Brest"),
        make(
            "baranavichy", .brest, [.airfield, .railNode, .city], "Барановичи|Барановичей|в Барановичах",
            "Баранавічы|Баранавіч|у Баранавічах", "Барановичі", "Baranavichy"
        ),
        make(
            "luninets", .brest, [.airfield, .railNode, .launchSite], "Лунинец|Лунинца|в Лунинце",
            "Лунінец|Лунінца|у Лунінцы",
            "Лунинець", "Luninets"
        ),
        make("pinsk", .brest, [.city], "Пинск|Пинска|в Пинске", "Пінск|Пінска|у Пінску", "Пінськ", "Pinsk"),
        make(
            "kobryn", .brest, [.city, .garrison], "Кобрин|Кобрина|в Кобрине", "Кобрын|Кобрына|у Кобрыне", "Кобрин",
            "Kobryn"),
        make(
            "pruzhany", .brest, [.airfield], "Пружаны|Пружан|в Пружанах", "Пружаны|Пружан|у Пружанах", "Пружани",
            "Pruzhany"),
        make(
            "homiel", .homiel, [.city, .railNode], "Гомель|Гомеля|в Гомеле", "Гомель|Гомеля|у Гомелі", "Гомель",
            "Homiel"),
        make(
            "mazyr", .homiel, [.city, .launchSite], "Мозырь|Мозыря|в Мозыре", "Мазыр|Мазыра|у Мазыры", "Мозир", "Mazyr"),
        make(
            "ziabrauka", .homiel, [.airfield, .launchSite], "Зябровка|Зябровки|в Зябровке",
            "Зябраўка|Зябраўкі|у Зябраўцы",
            "Зябрівка", "Ziabrauka"
        ),
        make(
            "kalinkavichy", .homiel, [.railNode, .launchSite], "Калинковичи|Калинковичей|в Калинковичах",
            "Калінкавічы|Калінкавіч|у Калінкавічах", "Калинковичі", "Kalinkavichy"
        ),
        make("rechytsa", .homiel, [.city], "Речица|Речицы|в Речице", "Рэчыца|Рэчыцы|у Рэчыцы", "Річиця", "Rechytsa"),
        make("yelsk", .homiel, [.launchSite], "Ельск|Ельска|в Ельске", "Ельск|Ельска|у Ельску", "Єльськ", "Yelsk"),
        make(
            "narowlya", .homiel, [.launchSite], "Наровля|Наровли|в Наровле", "Нароўля|Нароўлі|у Нароўлі", "Наровля",
            "Narowlya"),
        make(
            "khoiniki", .homiel, [.launchSite], "Хойники|Хойников|в Хойниках", "Хойнікі|Хойнікаў|у Хойніках", "Хойники",
            "Khoiniki"),
        make(
            "zhlobin", .homiel, [.railNode, .city], "Жлобин|Жлобина|в Жлобине", "Жлобін|Жлобіна|у Жлобіне", "Жлобин",
            "Zhlobin"),
        make(
            "hrodna", .hrodna, [.city, .garrison], "Гродно|Гродно|в Гродно", "Гродна|Гродна|у Гродне", "Гродно",
            "Hrodna"),
        make("lida", .hrodna, [.airfield, .city], "Лида|Лиды|в Лиде", "Ліда|Ліды|у Лідзе", "Ліда", "Lida"),
        make(
            "vawkavysk", .hrodna, [.railNode, .garrison], "Волковыск|Волковыска|в Волковыске",
            "Ваўкавыск|Ваўкавыска|у Ваўкавыску", "Вовковиськ", "Vawkavysk"),
        make(
            "slonim", .hrodna, [.city, .garrison], "Слоним|Слонима|в Слониме", "Слонім|Слоніма|у Слоніме", "Слонім",
            "Slonim"),
        make(
            "smarhon", .hrodna, [.city], "Сморгонь|Сморгони|в Сморгони", "Смаргонь|Смаргоні|у Смаргоні", "Сморгонь",
            "Smarhon"),
        make(
            "mahiliou", .mahiliou, [.city], "Могилёв|Могилёва|в Могилёве", "Магілёў|Магілёва|у Магілёве", "Могильов",
            "Mahiliou"),
        make(
            "babrujsk", .mahiliou, [.airfield, .city], "Бобруйск|Бобруйска|в Бобруйске",
            "Бабруйск|Бабруйска|у Бабруйску", "Бобруйськ", "Babrujsk"),
        make(
            "asipovichy", .mahiliou, [.railNode, .garrison], "Осиповичи|Осиповичей|в Осиповичах",
            "Асіповічы|Асіповіч|у Асіповічах",
            "Осиповичі", "Asipovichy"
        ),
        make(
            "krychau", .mahiliou, [.city], "Кричев|Кричева|в Кричеве", "Крычаў|Крычава|у Крычаве", "Кричев", "Krychau"),
        make(
            "vitsebsk", .vitsebsk, [.city, .railNode], "Витебск|Витебска|в Витебске", "Віцебск|Віцебска|у Віцебску",
            "Вітебськ", "Vitsebsk"),
        make("orsha", .vitsebsk, [.railNode, .city], "Орша|Орши|в Орше", "Орша|Оршы|у Оршы", "Орша", "Orsha"),
        make(
            "polatsk", .vitsebsk, [.city], "Полоцк|Полоцка|в Полоцке", "Полацк|Полацка|у Полацку", "Полоцьк", "Polatsk"),
        make(
            "navapolatsk", .vitsebsk, [.city], "Новополоцк|Новополоцка|в Новополоцке",
            "Наваполацк|Наваполацка|у Наваполацку", "Новополоцьк", "Navapolatsk"),
        make(
            "pastavy", .vitsebsk, [.garrison], "Поставы|Постав|в Поставах", "Паставы|Пастаў|у Паставах", "Постави",
            "Pastavy"),
    ]

    static let airfields = all.filter { $0.roles.contains(.airfield) }
    static let launchSites = all.filter { $0.roles.contains(.launchSite) }
    static let railNodes = all.filter { $0.roles.contains(.railNode) }
    static let garrisons = all.filter { $0.roles.contains(.garrison) }
    static let cities = all.filter { $0.roles.contains(.city) }

    private static func make(
        _ id: String,
        _ region: Region,
        _ roles: Place.Roles,
        _ russian: String,
        _ belarusian: String,
        _ ukrainian: String,
        _ english: String
    ) -> Place {
        Place(
            id: id,
            region: region,
            roles: roles,
            russian: forms(russian),
            belarusian: forms(belarusian),
            ukrainian: ukrainian,
            english: english
        )
    }

    private static func forms(_ packed: String) -> Place.Forms {
        let parts = packed.split(separator: "|").map(String.init)
        return Place.Forms(nominative: parts[0], genitive: parts[1], locative: parts[2])
    }
}
