#!/usr/bin/env python3
"""Writes corpus.jsonl, the labelled dedup corpus, from the incidents below (all texts written for hajund).

Every post is one line of hajund's JSON Lines report format (chat, message_id, date, text, and for forwards
forward_from_chat / forward_from_message_id; edits carry edited_at) plus two label fields the parser ignores:
  incident          which sighting the post reports (posts with the same value are the same incident)
  hard_negative_of  for posts that share a template with another incident but are a different sighting
                    (another place, count, aircraft or vehicle type, or day): that incident's id

Message ids are given per chat in time order. Run: python3 make_corpus.py > corpus.jsonl
"""
import json
import sys
from datetime import datetime, timedelta, timezone

INCIDENTS = []


class Fwd:
    """A forward of `chat`'s post in the same incident (its text, forward fields set)."""
    def __init__(self, chat, text=None):
        self.chat, self.text = chat, text


class Again:
    """The same post (same chat and message id) delivered again, unchanged."""
    def __init__(self, chat):
        self.chat = chat


class Edit:
    """The same post (same chat and message id) edited to `text`."""
    def __init__(self, chat, text):
        self.chat, self.text = chat, text


def incident(ident, start, posts, hard_negative_of=None):
    INCIDENTS.append((ident, start, posts, hard_negative_of))


def single(ident, start, chat, text, hard_negative_of=None):
    incident(ident, start, [(0, chat, text)], hard_negative_of)


# ---------------------------------------------------------------------------------------------------------------
# Troop movements
# ---------------------------------------------------------------------------------------------------------------
incident("convoy-m5-mazyr", "2022-02-21T05:40", [
    (0, "belaruski_hajun", "🔥 Колонна из 27 единиц военной техники движется по трассе М5 в сторону Мозыря.\n\nПрислал подписчик"),
    (2, "gomel_watch", "Колонна из 27 единиц военной техники движется по трассе М5 в сторону Мозыря"),
    (3, "mazyr_info", Fwd("belaruski_hajun")),
    (6, "motolko_feed", "колонна из 27 единиц военной техники движется по трассе м5 в сторону Мозыря!!! 👀"),
    (11, "zerkalo_feed", "27 единиц военной техники, колонна, направляется по М5 к Мозырю"),
    (14, "hajun_en", "A convoy of 27 military vehicles is moving along the M5 highway towards Mazyr"),
    (18, "pogonya_bel", "Калона з 27 адзінак вайсковай тэхнікі рухаецца па трасе М5 у бок Мазыра"),
])
incident("convoy-m5-mazyr-40", "2022-02-21T09:10", [
    (0, "belaruski_hajun", "Колонна из 40 единиц военной техники движется по трассе М5 в сторону Мозыря"),
    (4, "gomel_watch", "Колонна из 40 единиц военной техники движется по трассе М5 в сторону Мозыря 🚛🚛"),
], hard_negative_of="convoy-m5-mazyr")
single("convoy-m5-kalinkavichy", "2022-02-21T06:50", "belaruski_hajun",
       "Колонна из 27 единиц военной техники движется по трассе М5 в сторону Калинковичей",
       hard_negative_of="convoy-m5-mazyr")
single("convoy-m5-mazyr-nextday", "2022-02-22T05:55", "belaruski_hajun",
       "Снова колонна из 27 единиц военной техники движется по трассе М5 в сторону Мозыря",
       hard_negative_of="convoy-m5-mazyr")

incident("convoy-rechytsa-homiel", "2022-02-21T12:15", [
    (0, "gomel_watch", "В Речице замечена колонна военных грузовиков с тентами, около 15 машин, едут в сторону Гомеля"),
    (5, "belaruski_hajun", "В Речице замечена колонна военных грузовиков с тентами, около 15 машин, едут в сторону Гомеля.\nПрислал подписчик"),
    (9, "belaruski_hajun", Again("belaruski_hajun")),
    (17, "zerkalo_feed", "В Речице заметили колонну военных грузовиков с тентами, около 15 машин, едут в сторону Гомеля"),
    (25, "hajun_en", "Around 15 military trucks with tarps seen in Rechytsa, heading towards Homiel"),
])
single("convoy-svietlahorsk-homiel", "2022-02-21T12:40", "gomel_watch",
       "В Светлогорске замечена колонна военных грузовиков с тентами, около 15 машин, едут в сторону Гомеля",
       hard_negative_of="convoy-rechytsa-homiel")

incident("btr-asipovichy", "2022-02-22T08:00", [
    (0, "belaruski_hajun", "Осиповичи, улица Сумченко: шесть БТР-82 и два КамАЗа с пехотой стоят у заправки"),
    (3, "minsk_traffic", "Осиповичи, улица Сумченко: шесть БТР-82 и два КамАЗа с пехотой стоят у заправки ❗️"),
    (8, "mogilev_today", Fwd("belaruski_hajun")),
    (20, "belarus_osint", "Six BTR-82 APCs and two KamAZ trucks with infantry parked at a gas station in Asipovichy"),
])
single("btr-babrujsk", "2022-02-22T10:30", "mogilev_today",
       "Бобруйск, улица Минская: шесть БТР-82 и два КамАЗа с пехотой стоят у заправки",
       hard_negative_of="btr-asipovichy")
single("btr-asipovichy-bmp", "2022-02-22T12:30", "belaruski_hajun",
       "Осиповичи, улица Сумченко: шесть БМП-2 и два КамАЗа с пехотой стоят у заправки",
       hard_negative_of="btr-asipovichy")

incident("tanks-train-luninets", "2022-02-22T14:20", [
    (0, "belaruski_hajun", "На станции Лунинец разгружают эшелон: 12 танков Т-72 на платформах, рядом военные"),
    (2, "brest_monitor", "На станции Лунинец разгружают эшелон: 12 танков Т-72 на платформах, рядом военные. Прислал подписчик"),
    (6, "rail_watch_by", "На станцыі Лунінец разгружаюць эшалон: 12 танкаў Т-72 на платформах"),
    (9, "rail_watch_by", Edit("rail_watch_by", "На станцыі Лунінец разгружаюць эшалон: 12 танкаў Т-72 на платформах, побач вайскоўцы")),
    (15, "hajun_en", "Luninets station: a train with 12 T-72 tanks on flatcars is being unloaded"),
    (19, "belarus_osint", Fwd("hajun_en")),
])
single("tanks-train-luninets-t80", "2022-02-22T17:40", "belaruski_hajun",
       "На станции Лунинец разгружают эшелон: 12 танков Т-80 на платформах, рядом военные",
       hard_negative_of="tanks-train-luninets")
single("tanks-train-pinsk", "2022-02-22T15:05", "brest_monitor",
       "На станции Пинск разгружают эшелон: 12 танков Т-72 на платформах, рядом военные",
       hard_negative_of="tanks-train-luninets")

incident("convoy-m1-brest", "2022-02-23T07:10", [
    (0, "brest_monitor", "По М1 в сторону Бреста идёт колонна: 30 КамАЗов и Уралов, много бензовозов"),
    (1, "belaruski_hajun", "По М1 в сторону Бреста идет колонна: 30 КамАЗов и Уралов, много бензовозов"),
    (4, "minsk_traffic", "ПО М1 В СТОРОНУ БРЕСТА ИДЕТ КОЛОННА: 30 КАМАЗОВ И УРАЛОВ, МНОГО БЕНЗОВОЗОВ"),
    (7, "belaruski_hajun", Again("belaruski_hajun")),
    (12, "pogonya_bel", "Па М1 у бок Брэста ідзе калона: 30 КамАЗаў і Уралаў, шмат бензавозаў"),
    (16, "motolko_feed", "По М1 в сторону Бреста идёт колона: 30 КамАЗов и Уралов, много бензовозов"),
])
single("convoy-m1-minsk", "2022-02-23T09:30", "minsk_traffic",
       "По М1 в сторону Минска идет колонна: 30 КамАЗов и Уралов, много бензовозов",
       hard_negative_of="convoy-m1-brest")
single("convoy-m1-brest-12", "2022-02-23T13:00", "brest_monitor",
       "По М1 в сторону Бреста идет колонна: 12 КамАЗов и Уралов, много бензовозов",
       hard_negative_of="convoy-m1-brest")

incident("iskander-kalinkavichy", "2022-02-24T03:05", [
    (0, "belaruski_hajun", "⚡️ Возле Калинковичей на позициях замечены пусковые установки Искандер, 4 машины"),
    (3, "gomel_watch", "Возле Калинковичей на позициях замечены пусковые установки Искандер, 4 машины\n\nПодписаться на Гомель Watch"),
    (5, "mazyr_info", "Возле Калинковичей на позициях замечены пусковые установки Искандер, 4 машины"),
    (12, "hajun_en", "4 Iskander launchers spotted at positions near Kalinkavichy"),
    (14, "belarus_osint", "4 Iskander launchers spotted at positions near Kalinkavichy (via @hajun_en)"),
    (21, "nasha_niva_feed", "Каля Калінкавічаў на пазіцыях заўважылі пускавыя ўстаноўкі Іскандэр, 4 машыны"),
])
single("iskander-mazyr", "2022-02-24T05:50", "mazyr_info",
       "Возле Мозыря на позициях замечены пусковые установки Искандер, 4 машины",
       hard_negative_of="iskander-kalinkavichy")

incident("fuel-trucks-khoiniki", "2022-02-24T10:40", [
    (0, "gomel_watch", "Хойники: в сторону границы с Украиной ушли 8 бензовозов с российскими номерами"),
    (2, "belaruski_hajun", "Хойники: в сторону границы с Украиной ушли 8 бензовозов с российскими номерами 🇷🇺"),
    (4, "belaruski_hajun", Again("belaruski_hajun")),
    (10, "zerkalo_feed", "Из Хойников к украинской границе ушли 8 бензовозов с российскими номерами"),
])
single("fuel-trucks-naroulia", "2022-02-24T11:05", "gomel_watch",
       "Наровля: в сторону границы с Украиной ушли 8 бензовозов с российскими номерами",
       hard_negative_of="fuel-trucks-khoiniki")

incident("soldiers-minsk-station", "2022-02-25T16:00", [
    (0, "belaruski_hajun", "На вокзале Минск-Пассажирский около 200 российских военных ждут поезд"),
    (1, "minsk_traffic", "На вокзале Минск-Пассажирский около 200 российских военных ждут поезд"),
    (5, "motolko_feed", "На вокзале Минск-Пассажирский около 200 российских военных ждут поезд. Фото в комментариях"),
    (13, "hajun_en", "About 200 Russian soldiers waiting for a train at Minsk passenger station"),
])

incident("convoy-lida-hrodna", "2022-02-26T08:30", [
    (0, "hrodna_life", "Из Лиды в сторону Гродно движется колонна: 20 единиц, в том числе 5 Тигров"),
    (4, "belaruski_hajun", "Из Лиды в сторону Гродно движется колонна: 20 единиц, в том числе 5 Тигров.\n\nПрислал подписчик"),
    (6, "belaruski_hajun", Edit("belaruski_hajun", "Из Лиды в сторону Гродно движется колонна: 20 единиц, в том числе 5 бронеавтомобилей Тигр.\n\nПрислал подписчик")),
    (9, "nasha_niva_feed", "З Ліды ў бок Гродна рухаецца калона: 20 адзінак, у тым ліку 5 Тыграў"),
    (15, "belarus_osint", "A convoy of 20 vehicles including 5 Tigr armoured cars heading from Lida towards Hrodna"),
])
single("convoy-lida-hrodna-nextweek", "2022-03-04T08:40", "hrodna_life",
       "Из Лиды в сторону Гродно опять движется колонна: 35 единиц, бензовозы и Уралы",
       hard_negative_of="convoy-lida-hrodna")

incident("grad-zhytkavichy", "2022-02-26T13:20", [
    (0, "belaruski_hajun", "Житковичи: через город прошли 9 РСЗО Град на тягачах"),
    (2, "brest_monitor", "Житковичи: через город прошли 9 РСЗО Град на тягачах"),
    (3, "gomel_watch", Fwd("belaruski_hajun")),
    (9, "hajun_en", "Zhytkavichy: 9 Grad MLRS on trucks passed through the town"),
    (10, "pogonya_bel", "Жыткавічы: праз горад прайшлі 9 РСЗА Град"),
])
single("grad-zhytkavichy-uragan", "2022-02-26T16:00", "belaruski_hajun",
       "Житковичи: через город прошли 9 РСЗО Ураган на тягачах",
       hard_negative_of="grad-zhytkavichy")

incident("convoy-slutsk-night", "2022-02-27T21:45", [
    (0, "belaruski_hajun", "Слуцк, ночью: большая колонна военной техники без номеров, насчитали 43 единицы, движутся в сторону Солигорска"),
    (3, "minsk_traffic", "Слуцк, ночью: большая колонна военной техники без номеров, насчитали 43 единицы, движутся в сторону Солигорска"),
    (7, "motolko_feed", "Слуцк ночью: большая колонна военной техники без номеров, насчитали 43 единицы, движется в сторону Солигорска"),
    (18, "hajun_en", "Slutsk at night: a large convoy of 43 unmarked military vehicles heading towards Salihorsk"),
])
single("convoy-slutsk-day", "2022-02-28T10:00", "belaruski_hajun",
       "Слуцк, днем: колонна военной техники без номеров, насчитали 43 единицы, движутся в сторону Солигорска",
       hard_negative_of="convoy-slutsk-night")

incident("tents-camp-brahin", "2022-02-28T07:15", [
    (0, "gomel_watch", "Под Брагином разбили лагерь: палатки, полевая кухня, около 300 военных"),
    (6, "belaruski_hajun", "Под Брагином разбили лагерь: палатки, полевая кухня, около 300 военных. Прислала подписчица"),
    (11, "zerkalo_feed", "Под Брагином военные разбили лагерь: палатки, полевая кухня, около 300 человек"),
])

incident("convoy-vitsebsk-orsha", "2022-03-01T06:30", [
    (0, "vitebsk_tracker", "Па трасе Віцебск — Орша рухаецца калона: 18 Уралаў і 4 бэтээры"),
    (3, "belaruski_hajun", "Па трасе Віцебск — Орша рухаецца калона: 18 Уралаў і 4 бэтээры"),
    (5, "belaruski_hajun", Again("belaruski_hajun")),
    (10, "minsk_traffic", "По трассе Витебск — Орша движется колонна: 18 Уралов и 4 БТР"),
    (16, "belarus_osint", "A convoy of 18 Ural trucks and 4 BTRs on the Vitsebsk – Orsha road"),
])

incident("military-buses-barysau", "2022-03-01T15:00", [
    (0, "minsk_traffic", "Барысаў: каля вакзала 6 аўтобусаў з вайскоўцамі, накіроўваюцца ў бок Мінска"),
    (4, "belaruski_hajun", "Барысаў: каля вакзала 6 аўтобусаў з вайскоўцамі, накіроўваюцца ў бок Мінска 🚌"),
    (14, "hajun_en", "Barysau: 6 buses with soldiers near the railway station, heading towards Minsk"),
])
single("military-buses-zhodzina", "2022-03-01T15:20", "minsk_traffic",
       "Жодзіна: каля вакзала 6 аўтобусаў з вайскоўцамі, накіроўваюцца ў бок Мінска",
       hard_negative_of="military-buses-barysau")

incident("tor-m2-mahiliou", "2022-03-02T11:10", [
    (0, "mogilev_today", "В Могилеве по проспекту Шмидта проехали 3 ЗРК Тор-М2 в сопровождении ГАИ"),
    (2, "belaruski_hajun", "В Могилеве по проспекту Шмидта проехали 3 ЗРК Тор-М2 в сопровождении ГАИ"),
    (8, "belaruski_hajun", "Могилев, проспект Шмидта: проехали 3 ЗРК Тор-М2 в сопровождении ГАИ, уточнение от подписчика"),
    (12, "hajun_en", "Mahiliou: 3 Tor-M2 air defence systems drove along Shmidta avenue escorted by traffic police"),
])
single("buk-mahiliou", "2022-03-02T12:30", "mogilev_today",
       "В Могилеве по проспекту Шмидта проехали 3 ЗРК Бук-М2 в сопровождении ГАИ",
       hard_negative_of="tor-m2-mahiliou")

incident("echelon-kalinkavichy", "2022-03-03T04:50", [
    (0, "rail_watch_by", "Станция Калинковичи: прибыл эшелон, 40 вагонов, на платформах БМП и грузовики"),
    (3, "belaruski_hajun", "Станция Калинковичи: прибыл эшелон, 40 вагонов, на платформах БМП и грузовики"),
    (7, "gomel_watch", Fwd("rail_watch_by")),
    (13, "belaruski_hajun", "На станцию Калинковичи прибыл эшелон из 40 вагонов: на платформах БМП и грузовики"),
    (20, "hajun_en", "Kalinkavichy station: an echelon of 40 railcars arrived carrying BMPs and trucks"),
])
single("echelon-kalinkavichy-evening", "2022-03-03T19:30", "rail_watch_by",
       "Станция Калинковичи: вечером прибыл еще один эшелон, 25 вагонов, на платформах танки",
       hard_negative_of="echelon-kalinkavichy")
single("echelon-mazyr-station", "2022-03-03T05:10", "rail_watch_by",
       "Станция Мозырь: прибыл эшелон, 40 вагонов, на платформах БМП и грузовики",
       hard_negative_of="echelon-kalinkavichy")

incident("convoy-pinsk-stolin", "2022-03-04T14:00", [
    (0, "brest_monitor", "Из Пинска в сторону Столина прошла колонна из 11 военных грузовиков и 2 бензовозов"),
    (2, "belaruski_hajun", "Из Пинска в сторону Столина прошла колонна из 11 военных грузовиков и 2 бензовозов"),
    (5, "pinsk_news", "Из Пинска в сторону Столина прошла колонна из 11 военных грузовиков и 2 бензовозов. Видео есть"),
    (11, "pogonya_bel", "З Пінска ў бок Століна прайшла калона з 11 вайсковых грузавікоў і 2 бензавозаў"),
])
single("convoy-pinsk-luninets", "2022-03-04T14:25", "brest_monitor",
       "Из Пинска в сторону Лунинца прошла колонна из 11 военных грузовиков и 2 бензовозов",
       hard_negative_of="convoy-pinsk-stolin")

incident("convoy-lookalikes", "2022-03-05T09:00", [
    (0, "belaruski_hajun", "Колонна техники из 14 машин стоит на обочине трассы Р23 под Слуцком, военные курят"),
    (1, "spam_mirror", "KOЛOHHA техники из 14 машин стоит на обочине трассы Р23 под Cлуцком, вoенные курят"),
    (2, "spam_mirror2", "Кoлoннa тexники из 14 мaшин стоит на обочине трассы P23 под Слуцком, военные курят"),
    (6, "minsk_traffic", "Колонна техники из 14 машин стоит на обочине трассы Р23 под Слуцком, военные курят ✅"),
])
single("convoy-lookalikes-r23-other", "2022-03-05T09:30", "minsk_traffic",
       "Колонна техники из 14 машин стоит на обочине трассы Р23 под Марьиной Горкой, военные курят",
       hard_negative_of="convoy-lookalikes")

# ---------------------------------------------------------------------------------------------------------------
# Aviation
# ---------------------------------------------------------------------------------------------------------------
incident("su34-machulishchy", "2022-02-21T08:20", [
    (0, "belaruski_hajun", "✈️ С аэродрома Мачулищи взлетели 2 Су-34, курс на юг"),
    (1, "minsk_traffic", "С аэродрома Мачулищи взлетели 2 Су-34, курс на юг"),
    (2, "air_watch_by", "С аэродрома Мачулищи взлетели 2 Cу-34, курс на юг"),
    (4, "belaruski_hajun", Again("belaruski_hajun")),
    (9, "hajun_en", "Two Su-34 took off from Machulishchy airfield heading south"),
    (11, "belarus_osint", "Two Su-34 took off from Machulishchy airfield heading south"),
    (14, "pogonya_bel", "З аэрадрома Мачулішчы ўзляцелі 2 Су-34, курс на поўдзень"),
])
single("su30-machulishchy", "2022-02-21T08:40", "air_watch_by",
       "С аэродрома Мачулищи взлетели 2 Су-30СМ, курс на запад",
       hard_negative_of="su34-machulishchy")
single("su34-machulishchy-4", "2022-02-21T13:30", "belaruski_hajun",
       "С аэродрома Мачулищи взлетели 4 Су-34, курс на юг",
       hard_negative_of="su34-machulishchy")
single("su34-baranavichy", "2022-02-21T08:50", "brest_monitor",
       "С аэродрома Барановичи взлетели 2 Су-34, курс на юг",
       hard_negative_of="su34-machulishchy")

incident("mig31k-takeoff-0225", "2022-02-25T11:02", [
    (0, "belaruski_hajun", "❗️Взлёт МиГ-31К. Ракетная опасность"),
    (1, "air_watch_by", "Взлет МиГ-31К. Ракетная опасность"),
    (2, "minsk_traffic", "ВЗЛЁТ МИГ-31К. РАКЕТНАЯ ОПАСНОСТЬ‼️"),
    (5, "hajun_en", Fwd("belaruski_hajun")),
])
incident("mig31k-takeoff-0226", "2022-02-26T14:47", [
    (0, "belaruski_hajun", "❗️Взлёт МиГ-31К. Ракетная опасность"),
    (2, "air_watch_by", "Взлет МиГ-31К. Ракетная опасность"),
], hard_negative_of="mig31k-takeoff-0225")
incident("mig31k-takeoff-0301", "2022-03-01T06:12", [
    (0, "belaruski_hajun", "❗️Взлёт МиГ-31К. Ракетная опасность по всей Украине"),
    (3, "air_watch_by", "Взлет МиГ-31К, ракетная опасность по всей Украине"),
], hard_negative_of="mig31k-takeoff-0225")

incident("helicopters-mazyr", "2022-02-22T10:05", [
    (0, "mazyr_info", "Над Мозырем низко пролетели 6 вертолетов Ми-8 и 2 Ка-52 в сторону Украины"),
    (2, "belaruski_hajun", "Над Мозырем низко пролетели 6 вертолетов Ми-8 и 2 Ка-52 в сторону Украины.\nПрислал подписчик"),
    (3, "gomel_watch", "Над Мозырем низко пролетели 6 вертолётов Ми-8 и 2 Ка-52 в сторону Украины"),
    (8, "hajun_en", "6 Mi-8 and 2 Ka-52 helicopters flew low over Mazyr towards Ukraine"),
    (12, "nasha_niva_feed", "Над Мазыром нізка праляцелі 6 верталётаў Мі-8 і 2 Ка-52 у бок Украіны"),
])
single("helicopters-mazyr-mi24", "2022-02-22T15:35", "mazyr_info",
       "Над Мозырем низко пролетели 6 вертолетов Ми-24 в сторону Украины",
       hard_negative_of="helicopters-mazyr")
single("helicopters-yelsk", "2022-02-22T10:20", "gomel_watch",
       "Над Ельском низко пролетели 6 вертолетов Ми-8 и 2 Ка-52 в сторону Украины",
       hard_negative_of="helicopters-mazyr")

incident("a50-machulishchy", "2022-02-23T12:00", [
    (0, "air_watch_by", "Самолет ДРЛО А-50 поднялся с аэродрома Мачулищи и кружит над Минской областью"),
    (3, "belaruski_hajun", "Самолет ДРЛО А-50 поднялся с аэродрома Мачулищи и кружит над Минской областью"),
    (4, "belaruski_hajun", Edit("belaruski_hajun", "Самолет ДРЛО А-50У поднялся с аэродрома Мачулищи и кружит над Минской областью")),
    (10, "hajun_en", "An A-50 AWACS aircraft took off from Machulishchy airfield and is circling over Minsk region"),
])

incident("il76-luninets", "2022-02-24T02:30", [
    (0, "brest_monitor", "На аэродром Лунинец за ночь сели 7 транспортников Ил-76"),
    (2, "belaruski_hajun", "На аэродром Лунинец за ночь сели 7 транспортников Ил-76"),
    (6, "belaruski_hajun", "На аэродром Лунинец за ночь сели 7 транспортников Ил-76. Уточнение: самолеты продолжают прилетать"),
    (12, "hajun_en", "7 Il-76 transport aircraft landed at Luninets airfield overnight"),
])
single("il76-baranavichy", "2022-02-24T03:10", "brest_monitor",
       "На аэродром Барановичи за ночь сели 7 транспортников Ил-76",
       hard_negative_of="il76-luninets")
single("an26-luninets", "2022-02-24T06:40", "brest_monitor",
       "На аэродром Лунинец утром сели 2 транспортника Ан-26",
       hard_negative_of="il76-luninets")

incident("su25-ziabrauka", "2022-02-25T07:45", [
    (0, "gomel_watch", "С аэродрома Зябровка взлетели 4 штурмовика Су-25 в сторону Украины"),
    (1, "belaruski_hajun", "С аэродрома Зябровка взлетели 4 штурмовика Су-25 в сторону Украины"),
    (3, "belaruski_hajun", Again("belaruski_hajun")),
    (7, "hajun_en", "4 Su-25 attack aircraft took off from Ziabrauka airfield towards Ukraine"),
    (9, "belarus_osint", Fwd("hajun_en")),
    (12, "pogonya_bel", "З аэрадрома Зябраўка ўзляцелі 4 штурмавікі Су-25 у бок Украіны"),
])
single("su25-ziabrauka-return", "2022-02-25T10:30", "gomel_watch",
       "На аэродром Зябровка вернулись 3 штурмовика Су-25",
       hard_negative_of="su25-ziabrauka")

incident("tu22m3-over-brest", "2022-02-27T09:30", [
    (0, "brest_monitor", "Над Брестом на большой высоте прошли 2 Ту-22М3 в сопровождении истребителей"),
    (2, "belaruski_hajun", "Над Брестом на большой высоте прошли 2 Ту-22М3 в сопровождении истребителей"),
    (9, "hajun_en", "Two Tu-22M3 bombers with fighter escort flew high over Brest"),
])

incident("mi8-lida-airfield", "2022-03-02T16:20", [
    (0, "hrodna_life", "На аэродроме Лида приземлились 10 вертолётов Ми-8, ещё подлетают"),
    (1, "belaruski_hajun", "На аэродроме Лида приземлились 10 вертолетов Ми-8, еще подлетают"),
    (5, "nasha_niva_feed", "На аэрадроме Ліда прызямліліся 10 верталётаў Мі-8"),
    (8, "hajun_en", "10 Mi-8 helicopters landed at Lida airfield, more arriving"),
])
single("mi8-lida-airfield-morning", "2022-03-03T07:50", "hrodna_life",
       "С аэродрома Лида утром улетели 10 вертолётов Ми-8 в сторону Гродно",
       hard_negative_of="mi8-lida-airfield")

incident("yak130-babrujsk", "2022-03-06T10:10", [
    (0, "mogilev_today", "Бобруйск: над городом кружат 2 Як-130, очень громко"),
    (3, "belaruski_hajun", "Бобруйск: над городом кружат 2 Як-130, очень громко"),
])

# ---------------------------------------------------------------------------------------------------------------
# Missile launches
# ---------------------------------------------------------------------------------------------------------------
incident("launch-mazyr-0224", "2022-02-24T04:12", [
    (0, "belaruski_hajun", "🚀 Из-под Мозыря запущены 4 ракеты в сторону Украины. Видели жители Козенок"),
    (1, "mazyr_info", "Из-под Мозыря запущены 4 ракеты в сторону Украины. Видели жители Козенок"),
    (3, "gomel_watch", Fwd("belaruski_hajun")),
    (5, "zerkalo_feed", "Жители Мозыря сообщают о запуске 4 ракет в сторону Украины"),
    (7, "hajun_en", "4 missiles launched from near Mazyr towards Ukraine, residents report"),
    (9, "belarus_osint", "4 missiles launched from near Mazyr towards Ukraine, residents report. Via @hajun_en"),
    (13, "nasha_niva_feed", "З-пад Мазыра запушчаныя 4 ракеты ў бок Украіны"),
])
single("launch-mazyr-0225", "2022-02-25T03:40", "belaruski_hajun",
       "🚀 Из-под Мозыря снова запущены ракеты, жители насчитали 6 пусков",
       hard_negative_of="launch-mazyr-0224")
single("launch-kalinkavichy-0224", "2022-02-24T04:20", "gomel_watch",
       "Из-под Калинковичей запущены 2 ракеты в сторону Украины",
       hard_negative_of="launch-mazyr-0224")

incident("launch-homiel-0227", "2022-02-27T22:50", [
    (0, "gomel_watch", "Гомель: жители слышали громкие звуки и видели 3 пуска ракет со стороны аэропорта"),
    (3, "belaruski_hajun", "Гомель: жители слышали громкие звуки и видели 3 пуска ракет со стороны аэропорта"),
    (4, "belaruski_hajun", Again("belaruski_hajun")),
    (11, "hajun_en", "Homiel: residents heard loud sounds and saw 3 missile launches from the airport area"),
])
single("launch-homiel-0228", "2022-02-28T23:10", "gomel_watch",
       "Гомель: жители снова видели пуски ракет со стороны аэропорта, насчитали 5",
       hard_negative_of="launch-homiel-0227")

incident("launch-yelsk-0301", "2022-03-01T19:25", [
    (0, "belaruski_hajun", "Ельский район: видели пуски 8 ракет, следы в небе"),
    (6, "gomel_watch", "Ельский район: видели пуски 8 ракет, следы в небе"),
    (14, "hajun_en", "Yelsk district: 8 missile launches seen, trails in the sky"),
])

# ---------------------------------------------------------------------------------------------------------------
# Rail sabotage and rail movements
# ---------------------------------------------------------------------------------------------------------------
incident("relay-osipovichy", "2022-02-28T02:30", [
    (0, "rail_watch_by", "На перегоне Осиповичи — Бобруйск сгорел релейный шкаф, движение поездов остановлено"),
    (4, "belaruski_hajun", "На перегоне Осиповичи — Бобруйск сгорел релейный шкаф, движение поездов остановлено"),
    (6, "minsk_traffic", Fwd("rail_watch_by")),
    (15, "zerkalo_feed", "Между Осиповичами и Бобруйском сгорел релейный шкаф: поезда стоят"),
    (17, "nasha_niva_feed", "На перагоне Асіповічы — Бабруйск згарэла рэлейная шафа, рух цягнікоў спынены"),
])
single("relay-zhlobin", "2022-02-28T02:50", "rail_watch_by",
       "На перегоне Жлобин — Рогачев сгорел релейный шкаф, движение поездов остановлено",
       hard_negative_of="relay-osipovichy")
single("relay-osipovichy-again", "2022-03-01T23:40", "rail_watch_by",
       "На перегоне Осиповичи — Бобруйск снова сгорел релейный шкаф, поезда опять стоят",
       hard_negative_of="relay-osipovichy")

incident("train-stopped-orsha", "2022-03-02T05:05", [
    (0, "vitebsk_tracker", "Под Оршей остановлен военный эшелон из 50 вагонов: повреждена сигнализация"),
    (3, "belaruski_hajun", "Под Оршей остановлен военный эшелон из 50 вагонов: повреждена сигнализация"),
    (5, "belaruski_hajun", "Под Оршей остановлен военный эшелон из 50 вагонов: повреждена сигнализация. Обновлено"),
    (14, "hajun_en", "A military train of 50 wagons stopped near Orsha after signalling was damaged"),
])

incident("trains-to-homiel", "2022-03-03T13:00", [
    (0, "rail_watch_by", "За день через станцию Жлобин в сторону Гомеля прошли 5 военных эшелонов"),
    (2, "belaruski_hajun", "За день через станцию Жлобин в сторону Гомеля прошли 5 военных эшелонов"),
    (9, "gomel_watch", "За день через станцию Жлобин в сторону Гомеля прошли 5 воинских эшелонов"),
])
single("trains-to-homiel-rahachou", "2022-03-03T13:30", "rail_watch_by",
       "За день через станцию Рогачев в сторону Гомеля прошли 5 военных эшелонов",
       hard_negative_of="trains-to-homiel")

# ---------------------------------------------------------------------------------------------------------------
# Arrests, mobilization, exercises, other
# ---------------------------------------------------------------------------------------------------------------
incident("arrest-hrodna-admins", "2022-03-02T09:00", [
    (0, "hrodna_life", "В Гродно задержаны двое администраторов местного телеграм-канала, у них изъяли телефоны"),
    (2, "belaruski_hajun", "В Гродно задержаны двое администраторов местного телеграм-канала, у них изъяли телефоны"),
    (4, "zerkalo_feed", "В Гродно задержаны двое администраторов местного телеграм-канала, у них изъяли телефоны. Подробности уточняются"),
])
single("arrest-lida-admins", "2022-03-02T11:30", "hrodna_life",
       "В Лиде задержаны двое администраторов местного телеграм-канала, у них изъяли телефоны",
       hard_negative_of="arrest-hrodna-admins")

incident("summons-babrujsk", "2022-03-04T10:00", [
    (0, "mogilev_today", "В Бобруйске военкомат разносит повестки резервистам, вручили уже около 50"),
    (3, "belaruski_hajun", "В Бобруйске военкомат разносит повестки резервистам, вручили уже около 50"),
    (6, "belaruski_hajun", Again("belaruski_hajun")),
    (11, "motolko_feed", "В Бобруйске военкомат разносит повестки резервистам, вручили уже около 50!!!"),
])
single("summons-mahiliou", "2022-03-04T10:30", "mogilev_today",
       "В Могилеве военкомат разносит повестки резервистам, вручили уже около 50",
       hard_negative_of="summons-babrujsk")

incident("exercise-asipovichy-range", "2022-03-05T12:00", [
    (0, "belaruski_hajun", "На полигоне под Осиповичами стрельбы, слышно в городе, работает артиллерия"),
    (5, "minsk_traffic", "На полигоне под Осиповичами стрельбы, слышно в городе, работает артиллерия"),
])

incident("checkpoint-naroulia", "2022-03-06T08:30", [
    (0, "gomel_watch", "На въезде в Наровлю поставили блокпост, проверяют документы, стоят 2 БТР"),
    (3, "belaruski_hajun", "На въезде в Наровлю поставили блокпост, проверяют документы, стоят 2 БТР"),
    (9, "hajun_en", "A checkpoint was set up at the entrance to Naroulia, documents checked, 2 BTRs standing"),
])
single("checkpoint-khoiniki", "2022-03-06T09:00", "gomel_watch",
       "На въезде в Хойники поставили блокпост, проверяют документы, стоят 2 БТР",
       hard_negative_of="checkpoint-naroulia")

incident("wounded-mazyr-hospital", "2022-03-07T18:00", [
    (0, "mazyr_info", "В мозырскую больницу привезли раненых российских военных, около 30 человек"),
    (2, "belaruski_hajun", "В мозырскую больницу привезли раненых российских военных, около 30 человек"),
    (6, "belaruski_hajun", "В мозырскую больницу привезли раненых российских военных, около 30 человек. Прислал подписчик"),
    (12, "zerkalo_feed", "В мозырскую больницу привезли раненых российских военных — около 30 человек, сообщают местные"),
])

# ---------------------------------------------------------------------------------------------------------------
# More reports retold across channels and languages
# ---------------------------------------------------------------------------------------------------------------
incident("convoy-homiel-dobrush", "2022-03-08T06:10", [
    (0, "gomel_watch", "Гомель → Добруш: по трассе идёт колонна из 22 единиц техники, среди них 6 БМП-2 и топливозаправщики"),
    (1, "belaruski_hajun", "Гомель → Добруш: по трассе идёт колонна из 22 единиц техники, среди них 6 БМП-2 и топливозаправщики"),
    (2, "belaruski_hajun", Again("belaruski_hajun")),
    (4, "motolko_feed", "Гомель - Добруш: по трассе идет колонна из 22 единиц техники, среди них 6 БМП-2 и топливозаправщики 😡"),
    (6, "zerkalo_feed", Fwd("gomel_watch")),
    (9, "spam_mirror", "Гомель → Дoбруш: пo трассе идёт кoлoнна из 22 единиц техники, среди них 6 БMП-2 и тoпливoзаправщики"),
    (13, "hajun_en", "Homiel to Dobrush: a convoy of 22 vehicles including 6 BMP-2 and fuel tankers on the highway"),
    (17, "pogonya_bel", "Гомель → Добруш: па трасе ідзе калона з 22 адзінак тэхнікі, сярод іх 6 БМП-2"),
])
single("convoy-homiel-dobrush-bmp3", "2022-03-08T09:40", "gomel_watch",
       "Гомель → Добруш: по трассе идёт колонна из 22 единиц техники, среди них 6 БМП-3 и топливозаправщики",
       hard_negative_of="convoy-homiel-dobrush")
single("convoy-homiel-vietka", "2022-03-08T06:35", "gomel_watch",
       "Гомель → Ветка: по трассе идёт колонна из 22 единиц техники, среди них 6 БМП-2 и топливозаправщики",
       hard_negative_of="convoy-homiel-dobrush")

incident("su30sm-baranavichy", "2022-03-08T11:00", [
    (0, "brest_monitor", "Барановичи: с аэродрома взлетели 3 Су-30СМ, идут на восток"),
    (1, "air_watch_by", "Барановичи: с аэродрома взлетели 3 Су-30СМ, идут на восток"),
    (2, "belaruski_hajun", "Барановичи: с аэродрома взлетели 3 Су-30СМ, идут на восток ✈️✈️✈️"),
    (5, "belaruski_hajun", Edit("belaruski_hajun", "Барановичи: с аэродрома взлетели 3 Су-30СМ, идут на восток, высота небольшая ✈️✈️✈️")),
    (8, "hajun_en", "Baranavichy airfield: 3 Su-30SM fighters took off heading east"),
    (10, "belarus_osint", "Baranavichy airfield: 3 Su-30SM fighters took off heading east"),
    (12, "nasha_niva_feed", "Баранавічы: з аэрадрома ўзляцелі 3 Су-30СМ, ляцяць на ўсход"),
])
single("su30sm-baranavichy-2", "2022-03-08T11:20", "air_watch_by",
       "Барановичи: с аэродрома взлетели 2 Су-30СМ, идут на восток",
       hard_negative_of="su30sm-baranavichy")
single("su35-baranavichy", "2022-03-08T14:10", "brest_monitor",
       "Барановичи: с аэродрома взлетели 3 Су-35, идут на восток",
       hard_negative_of="su30sm-baranavichy")

incident("trucks-mazyr-refinery", "2022-03-08T16:30", [
    (0, "mazyr_info", "У Мозырского НПЗ стоят 14 военных бензовозов, заправляются"),
    (2, "belaruski_hajun", "У Мозырского НПЗ стоят 14 военных бензовозов, заправляются. Прислал подписчик"),
    (3, "gomel_watch", "У Мозырского НПЗ стоят 14 военных бензовозов, заправляются"),
    (7, "zerkalo_feed", "Около Мозырского НПЗ заправляются 14 военных бензовозов"),
    (11, "hajun_en", "14 military fuel trucks refuelling at the Mazyr refinery"),
])
single("trucks-mazyr-refinery-25", "2022-03-08T20:15", "mazyr_info",
       "У Мозырского НПЗ стоят 25 военных бензовозов, заправляются",
       hard_negative_of="trucks-mazyr-refinery")

incident("convoy-kobryn-brest", "2022-03-09T05:00", [
    (0, "brest_monitor", "Кобрин: утром в сторону Бреста прошли 16 военных Уралов и 3 автобуса с солдатами"),
    (2, "belaruski_hajun", "Кобрин: утром в сторону Бреста прошли 16 военных Уралов и 3 автобуса с солдатами"),
    (3, "belaruski_hajun", Again("belaruski_hajun")),
    (5, "pogonya_bel", "Кобрын: раніцай у бок Брэста прайшлі 16 вайсковых Уралаў і 3 аўтобусы з салдатамі"),
    (9, "hajun_en", "Kobryn: 16 military Ural trucks and 3 buses with soldiers passed towards Brest this morning"),
    (11, "belarus_osint", "Kobryn: 16 military Ural trucks and 3 buses with soldiers passed towards Brest this morning #Belarus"),
])
single("convoy-kobryn-pinsk", "2022-03-09T05:20", "brest_monitor",
       "Кобрин: утром в сторону Пинска прошли 16 военных Уралов и 3 автобуса с солдатами",
       hard_negative_of="convoy-kobryn-brest")
single("convoy-kobryn-brest-evening", "2022-03-09T18:40", "brest_monitor",
       "Кобрин: вечером в сторону Бреста прошли 9 военных Уралов",
       hard_negative_of="convoy-kobryn-brest")

incident("mi24-pinsk-airfield", "2022-03-09T09:30", [
    (0, "pinsk_news", "Над Пинском кружат 4 вертолета Ми-24, садятся на аэродроме"),
    (1, "brest_monitor", "Над Пинском кружат 4 вертолета Ми-24, садятся на аэродроме"),
    (3, "belaruski_hajun", "Над Пинском кружат 4 вертолёта Ми-24, садятся на аэродроме"),
    (6, "belaruski_hajun", "Над Пинском кружат 4 вертолёта Ми-24, садятся на аэродроме. Видео от подписчика"),
    (10, "hajun_en", "4 Mi-24 helicopters circling over Pinsk, landing at the airfield"),
])
single("mi8-pinsk", "2022-03-09T09:50", "pinsk_news",
       "Над Пинском кружат 4 вертолета Ми-8, садятся на аэродроме",
       hard_negative_of="mi24-pinsk-airfield")

incident("launch-rechytsa-0309", "2022-03-09T23:05", [
    (0, "gomel_watch", "Речица: жители видели 2 пуска ракет из леса за городом"),
    (1, "belaruski_hajun", "🚀 Речица: жители видели 2 пуска ракет из леса за городом"),
    (4, "belaruski_hajun", Again("belaruski_hajun")),
    (7, "zerkalo_feed", "Жители Речицы видели 2 пуска ракет из леса за городом"),
    (10, "hajun_en", "Rechytsa: residents saw 2 missile launches from the forest outside town"),
    (15, "nasha_niva_feed", "Рэчыца: жыхары бачылі 2 пускі ракет з лесу за горадам"),
])
single("launch-rechytsa-0310", "2022-03-10T22:30", "gomel_watch",
       "Речица: жители снова видели пуски ракет из леса за городом, 3 пуска",
       hard_negative_of="launch-rechytsa-0309")

incident("echelon-asipovichy", "2022-03-10T03:40", [
    (0, "rail_watch_by", "Осиповичи: на станцию прибыл эшелон с 18 платформами, на них САУ Мста-С"),
    (2, "belaruski_hajun", "Осиповичи: на станцию прибыл эшелон с 18 платформами, на них САУ Мста-С"),
    (3, "minsk_traffic", Fwd("rail_watch_by")),
    (8, "mogilev_today", "Осиповичи: на станцию прибыл эшелон с 18 платформами, на них САУ Мста-С 💥"),
    (12, "hajun_en", "Asipovichy station: a train with 18 flatcars carrying Msta-S howitzers arrived"),
])
single("echelon-asipovichy-tanks", "2022-03-10T04:20", "rail_watch_by",
       "Осиповичи: на станцию прибыл эшелон с 18 платформами, на них танки Т-90",
       hard_negative_of="echelon-asipovichy")

incident("soldiers-shopping-yelsk", "2022-03-10T13:00", [
    (0, "gomel_watch", "Ельск: российские военные скупают продукты в магазине на Советской, человек 25"),
    (3, "belaruski_hajun", "Ельск: российские военные скупают продукты в магазине на Советской, человек 25"),
    (4, "mazyr_info", "Ельск: российские военные скупают продукты в магазине на Советской, человек 25"),
    (9, "hajun_en", "Yelsk: around 25 Russian soldiers buying groceries at a shop on Savietskaja street"),
])

incident("convoy-maladzechna", "2022-03-10T17:20", [
    (0, "minsk_traffic", "Молодечно: по объездной прошла колонна из 12 КамАЗов с тентами и 2 Тигров в сторону Вилейки"),
    (1, "belaruski_hajun", "Молодечно: по объездной прошла колонна из 12 КамАЗов с тентами и 2 Тигров в сторону Вилейки"),
    (4, "pogonya_bel", "Маладзечна: па аб'язной прайшла калона з 12 КамАЗаў з тэнтамі і 2 Тыграў у бок Вілейкі"),
    (7, "motolko_feed", "Молодечно: по объездной прошла колонна из 12 камазов с тентами и 2 тигров в сторону Вилейки"),
    (12, "hajun_en", "Maladzechna: a convoy of 12 KamAZ trucks and 2 Tigr vehicles took the bypass towards Vileyka"),
])
single("convoy-maladzechna-minsk", "2022-03-10T17:45", "minsk_traffic",
       "Молодечно: по объездной прошла колонна из 12 КамАЗов с тентами и 2 Тигров в сторону Минска",
       hard_negative_of="convoy-maladzechna")

incident("drone-lahoysk", "2022-03-11T10:15", [
    (0, "minsk_traffic", "Логойск: над лесом летает военный беспилотник, слышно уже час"),
    (2, "belaruski_hajun", "Логойск: над лесом летает военный беспилотник, слышно уже час"),
    (7, "belaruski_hajun", "Логойск: над лесом летает военный беспилотник, слышно уже час. Прислал подписчик"),
])

incident("il76-machulishchy-0311", "2022-03-11T14:00", [
    (0, "air_watch_by", "Мачулищи: за последний час сели 5 Ил-76, выгружают технику"),
    (2, "belaruski_hajun", "Мачулищи: за последний час сели 5 Ил-76, выгружают технику"),
    (3, "minsk_traffic", "Мачулищи: за последний час сели 5 Ил-76, выгружают технику"),
    (6, "hajun_en", "Machulishchy: 5 Il-76 landed within the last hour, unloading vehicles"),
    (9, "pogonya_bel", "Мачулішчы: за апошнюю гадзінуселі 5 Іл-76, выгружаюць тэхніку"),
])
single("an124-machulishchy", "2022-03-11T14:20", "air_watch_by",
       "Мачулищи: за последний час сел Ан-124, выгружают технику",
       hard_negative_of="il76-machulishchy-0311")
single("il76-machulishchy-0312", "2022-03-12T14:10", "air_watch_by",
       "Мачулищи: сегодня сели еще 3 Ил-76, выгружают технику",
       hard_negative_of="il76-machulishchy-0311")

incident("arrest-homiel-railway", "2022-03-11T19:00", [
    (0, "gomel_watch", "В Гомеле задержали трёх железнодорожников за повреждение релейного шкафа"),
    (3, "belaruski_hajun", "В Гомеле задержали трех железнодорожников за повреждение релейного шкафа"),
    (5, "zerkalo_feed", "В Гомеле задержали трёх железнодорожников за повреждение релейного шкафа. Им грозит до 15 лет"),
    (10, "nasha_niva_feed", "У Гомелі затрымалі трох чыгуначнікаў за пашкоджанне рэлейнай шафы"),
])
single("arrest-zhlobin-railway", "2022-03-11T19:30", "gomel_watch",
       "В Жлобине задержали трёх железнодорожников за повреждение релейного шкафа",
       hard_negative_of="arrest-homiel-railway")

incident("tanks-ural-babrujsk", "2022-03-12T08:00", [
    (0, "mogilev_today", "Бобруйск: на Минской стоят 7 танков Т-72Б3 на тягачах, рядом военные"),
    (1, "belaruski_hajun", "Бобруйск: на Минской стоят 7 танков Т-72Б3 на тягачах, рядом военные"),
    (4, "belaruski_hajun", Again("belaruski_hajun")),
    (6, "minsk_traffic", "Бобруйск, улица Минская: стоят 7 танков Т-72Б3 на тягачах, рядом военные"),
    (11, "hajun_en", "Babruysk: 7 T-72B3 tanks on transporters parked on Minskaya street, soldiers nearby"),
])
single("tanks-babrujsk-t80", "2022-03-12T08:25", "mogilev_today",
       "Бобруйск: на Минской стоят 7 танков Т-80 на тягачах, рядом военные",
       hard_negative_of="tanks-ural-babrujsk")

incident("explosions-ziabrauka", "2022-03-12T21:00", [
    (0, "gomel_watch", "В районе аэродрома Зябровка слышны взрывы, в небе вспышки"),
    (2, "belaruski_hajun", "В районе аэродрома Зябровка слышны взрывы, в небе вспышки"),
    (3, "belaruski_hajun", Edit("belaruski_hajun", "В районе аэродрома Зябровка слышны взрывы, в небе вспышки. Жители насчитали 6 взрывов")),
    (5, "mazyr_info", "В районе аэродрома Зябровка слышны взрывы, в небе вспышки"),
])

incident("convoy-vaukavysk", "2022-03-13T07:30", [
    (0, "hrodna_life", "Волковыск: к вокзалу подъехали 9 военных автобусов, грузят солдат"),
    (2, "belaruski_hajun", "Волковыск: к вокзалу подъехали 9 военных автобусов, грузят солдат"),
    (5, "nasha_niva_feed", "Ваўкавыск: да вакзала пад'ехалі 9 вайсковых аўтобусаў, грузяць салдат"),
    (8, "hajun_en", "Vaukavysk: 9 military buses arrived at the railway station, loading soldiers"),
])
single("convoy-slonim-buses", "2022-03-13T07:55", "hrodna_life",
       "Слоним: к вокзалу подъехали 9 военных автобусов, грузят солдат",
       hard_negative_of="convoy-vaukavysk")

incident("su25-luninets-0313", "2022-03-13T12:40", [
    (0, "brest_monitor", "Лунинец: с аэродрома взлетели 6 Су-25, курс на юг"),
    (1, "air_watch_by", "Лунинец: с аэродрома взлетели 6 Су-25, курс на юг"),
    (2, "belaruski_hajun", "Лунинец: с аэродрома взлетели 6 Су-25, курс на юг"),
    (8, "hajun_en", "Luninets: 6 Su-25 took off from the airfield heading south"),
])
single("su25-luninets-0313-evening", "2022-03-13T18:30", "brest_monitor",
       "Лунинец: на аэродром вернулись 5 Су-25",
       hard_negative_of="su25-luninets-0313")
single("su24-luninets-0313", "2022-03-13T13:00", "air_watch_by",
       "Лунинец: с аэродрома взлетели 6 Су-24, курс на юг",
       hard_negative_of="su25-luninets-0313")

incident("convoy-rahachou-zhlobin", "2022-03-14T06:00", [
    (0, "gomel_watch", "Рогачёв: через мост на Днепре в сторону Жлобина прошли 19 единиц бронетехники"),
    (1, "belaruski_hajun", "Рогачев: через мост на Днепре в сторону Жлобина прошли 19 единиц бронетехники"),
    (3, "mogilev_today", "Рогачёв: через мост на Днепре в сторону Жлобина прошли 19 единиц бронетехники!"),
    (4, "motolko_feed", Fwd("gomel_watch")),
    (7, "zerkalo_feed", "В Рогачеве по мосту через Днепр в сторону Жлобина прошли 19 единиц бронетехники"),
    (11, "hajun_en", "Rahachou: 19 armoured vehicles crossed the Dnieper bridge towards Zhlobin"),
    (14, "pogonya_bel", "Рагачоў: праз мост на Дняпры ў бок Жлобіна прайшлі 19 адзінак бронетэхнікі"),
])
single("convoy-rahachou-zhlobin-9", "2022-03-14T10:30", "gomel_watch",
       "Рогачёв: через мост на Днепре в сторону Жлобина прошли 9 единиц бронетехники",
       hard_negative_of="convoy-rahachou-zhlobin")
single("convoy-rahachou-bykhau", "2022-03-14T06:25", "mogilev_today",
       "Рогачёв: через мост на Днепре в сторону Быхова прошли 19 единиц бронетехники",
       hard_negative_of="convoy-rahachou-zhlobin")

incident("iskander-asipovichy-range", "2022-03-14T15:00", [
    (0, "belaruski_hajun", "Под Осиповичами на полигон заехали 2 пусковые Искандер-М и 2 транспортно-заряжающие машины"),
    (2, "minsk_traffic", "Под Осиповичами на полигон заехали 2 пусковые Искандер-М и 2 транспортно-заряжающие машины"),
    (4, "mogilev_today", "Под Осиповичами на полигон заехали 2 пусковые Искандер-М и 2 транспортно-заряжающие машины. Фото есть"),
    (9, "hajun_en", "2 Iskander-M launchers and 2 reloaders drove onto the training range near Asipovichy"),
    (13, "belarus_osint", "2 Iskander-M launchers and 2 reloaders drove onto the training range near Asipovichy"),
])
single("s400-asipovichy-range", "2022-03-14T15:30", "minsk_traffic",
       "Под Осиповичами на полигон заехали 2 пусковые С-400 и 2 транспортно-заряжающие машины",
       hard_negative_of="iskander-asipovichy-range")

incident("buses-hrodna-border", "2022-03-15T08:20", [
    (0, "hrodna_life", "Из Гродно к границе с Польшей ушли 5 автобусов с военными и 2 БТР сопровождения"),
    (1, "belaruski_hajun", "Из Гродно к границе с Польшей ушли 5 автобусов с военными и 2 БТР сопровождения"),
    (2, "belaruski_hajun", Again("belaruski_hajun")),
    (6, "nasha_niva_feed", "З Гродна да мяжы з Польшчай пайшлі 5 аўтобусаў з вайскоўцамі і 2 БТР суправаджэння"),
    (9, "hajun_en", "5 buses with soldiers and 2 escort BTRs left Hrodna for the Polish border"),
])

incident("mig29-baranavichy", "2022-03-15T12:10", [
    (0, "brest_monitor", "Барановичи: над городом на малой высоте прошли 2 МиГ-29"),
    (1, "belaruski_hajun", "Барановичи: над городом на малой высоте прошли 2 МиГ-29"),
    (4, "air_watch_by", "Барановичи: над городом на малой высоте прошли 2 МиГ-29 🛩"),
    (9, "hajun_en", "Baranavichy: 2 MiG-29 flew low over the town"),
])
single("mig29-lida", "2022-03-15T12:30", "hrodna_life",
       "Лида: над городом на малой высоте прошли 2 МиГ-29",
       hard_negative_of="mig29-baranavichy")

incident("fire-mazyr-military-unit", "2022-03-15T22:00", [
    (0, "mazyr_info", "В Мозыре горит склад на территории военной части, видно зарево"),
    (1, "belaruski_hajun", "В Мозыре горит склад на территории военной части, видно зарево"),
    (3, "gomel_watch", "В Мозыре горит склад на территории военной части, видно зарево 🔥🔥🔥"),
    (8, "zerkalo_feed", "В Мозыре горит склад на территории военной части, над городом видно зарево"),
])

incident("convoy-m10-kobryn", "2022-03-16T05:30", [
    (0, "brest_monitor", "Трасса М10 у Кобрина: колонна из 26 машин, КамАЗы, Уралы и 3 Тора"),
    (1, "belaruski_hajun", "Трасса М10 у Кобрина: колонна из 26 машин, КамАЗы, Уралы и 3 Тора"),
    (5, "pogonya_bel", "Траса М10 каля Кобрына: калона з 26 машын, КамАЗы, Уралы і 3 Торы"),
    (8, "belaruski_hajun", Again("belaruski_hajun")),
    (10, "hajun_en", "M10 highway near Kobryn: a convoy of 26 vehicles, KamAZ and Ural trucks and 3 Tor systems"),
])
single("convoy-m10-kobryn-40", "2022-03-16T09:45", "brest_monitor",
       "Трасса М10 у Кобрина: колонна из 40 машин, КамАЗы, Уралы и бензовозы",
       hard_negative_of="convoy-m10-kobryn")

incident("link-only-post", "2022-03-16T12:00", [
    (0, "belaruski_hajun", "https://t.me/belaruski_hajun/5000"),
])
incident("link-only-post-2", "2022-03-16T12:05", [
    (0, "belaruski_hajun", "https://t.me/belaruski_hajun/5001"),
])
incident("emoji-only-post", "2022-03-16T12:10", [
    (0, "motolko_feed", "🔥🔥🔥"),
])

incident("mobilization-vitsebsk", "2022-03-16T15:00", [
    (0, "vitebsk_tracker", "Віцебск: у ваенкамаце збіраюць рэзервістаў, каля 60 чалавек ля ўваходу"),
    (2, "belaruski_hajun", "Віцебск: у ваенкамаце збіраюць рэзервістаў, каля 60 чалавек ля ўваходу"),
    (4, "minsk_traffic", "Витебск: в военкомате собирают резервистов, около 60 человек у входа"),
    (9, "hajun_en", "Vitsebsk: reservists gathering at the military enlistment office, about 60 people at the entrance"),
])
single("mobilization-polatsk", "2022-03-16T15:30", "vitebsk_tracker",
       "Полацк: у ваенкамаце збіраюць рэзервістаў, каля 60 чалавек ля ўваходу",
       hard_negative_of="mobilization-vitsebsk")

incident("convoy-stoubtsy", "2022-03-17T07:40", [
    (0, "minsk_traffic", "Столбцы: по М1 в сторону Минска прошли 8 тягачей с танками Т-72"),
    (1, "belaruski_hajun", "Столбцы: по М1 в сторону Минска прошли 8 тягачей с танками Т-72"),
    (3, "belaruski_hajun", "Столбцы, трасса М1: в сторону Минска прошли 8 тягачей с танками Т-72"),
    (6, "brest_monitor", "Столбцы: по М1 в сторону Минска прошли 8 тягачей с танками Т-72 (видео у нас в чате)"),
    (11, "hajun_en", "Stoubtsy: 8 tank transporters with T-72 tanks passed along the M1 towards Minsk"),
])
single("convoy-stoubtsy-brest", "2022-03-17T08:05", "minsk_traffic",
       "Столбцы: по М1 в сторону Бреста прошли 8 тягачей с танками Т-72",
       hard_negative_of="convoy-stoubtsy")

# ---------------------------------------------------------------------------------------------------------------
# One-post sightings (distinct incidents)
# ---------------------------------------------------------------------------------------------------------------
SINGLES = [
    ("2022-02-20T10:00", "belaruski_hajun", "Около Ельска стоят палатки и 3 полевые кухни, военных не видно"),
    ("2022-02-20T14:30", "gomel_watch", "В Гомеле на Речицком проспекте 5 военных КамАЗов у магазина"),
    ("2022-02-20T18:45", "minsk_traffic", "Минск, МКАД: в сторону Могилева проехали 7 Уралов с тентами"),
    ("2022-02-21T16:10", "brest_monitor", "Кобрин: на складе у вокзала выгружают ящики, охраняют военные"),
    ("2022-02-21T19:30", "vitebsk_tracker", "У Полацку на вакзале пасажырскія вагоны з вайскоўцамі"),
    ("2022-02-22T06:20", "hrodna_life", "Щучин: над аэродромом кружат истребители, 2 или 3 борта"),
    ("2022-02-22T20:10", "pinsk_news", "Пинск: по улице Брестской прошли 4 бензовоза в сопровождении ГАИ"),
    ("2022-02-23T11:40", "mogilev_today", "Кричев: у военкомата очередь, человек 40"),
    ("2022-02-23T15:25", "belarus_osint", "Satellite images show new tents near Rechytsa"),
    ("2022-02-23T22:05", "mazyr_info", "Мозырь: ночью в сторону Наровли прошли 3 тягача с пустыми платформами"),
    ("2022-02-24T08:15", "minsk_traffic", "Смолевичи: на трассе М2 стоит сломанный военный Урал"),
    ("2022-02-24T13:50", "brest_monitor", "Малорита: у границы слышны взрывы"),
    ("2022-02-24T17:30", "nasha_niva_feed", "Ля Пружанаў заўважылі 2 вайсковыя палаткі і генератар"),
    ("2022-02-25T05:20", "gomel_watch", "Добруш: в лесу стоят 12 военных машин под маскировочной сеткой"),
    ("2022-02-25T13:15", "mogilev_today", "Быхов: над городом пролетел Ан-12 на малой высоте"),
    ("2022-02-25T20:40", "vitebsk_tracker", "Витебск: на аэродроме Витебск (Восточный) 6 транспортных бортов"),
    ("2022-02-26T06:00", "belaruski_hajun", "Светлогорск: на переезде стоит военный эшелон с платформами"),
    ("2022-02-26T10:50", "hajun_en", "Dozens of soldiers seen buying groceries in Vasilevichy"),
    ("2022-02-26T19:10", "brest_monitor", "Дрогичин: колонна из 6 автобусов с военными в сторону Пинска"),
    ("2022-02-27T06:35", "minsk_traffic", "Дзержинск: по трассе М1 прошли 3 эвакуатора с бронетехникой"),
    ("2022-02-27T14:20", "hrodna_life", "Слоним: у части выстроились военные, около 100 человек, построение"),
    ("2022-02-27T17:00", "mazyr_info", "Лельчицы: по улице Советской 2 Тигра и УАЗ"),
    ("2022-02-28T12:40", "gomel_watch", "Чечерск: у моста дежурят 2 военных и БТР"),
    ("2022-02-28T16:30", "mogilev_today", "Горки: студентов академии собрали на информирование в военкомате"),
    ("2022-02-28T20:20", "pogonya_bel", "У Маладзечне на вакзале выгружаюць 8 вайсковых грузавікоў"),
    ("2022-03-01T09:40", "brest_monitor", "Береза: с аэродрома взлетели 2 истребителя Су-27"),
    ("2022-03-01T12:20", "hajun_en", "Long queue of military trucks at the fuel depot in Zhlobin"),
    ("2022-03-01T22:15", "mazyr_info", "Мозырь: к нефтезаводу подъехали 5 бензовозов с военными номерами"),
    ("2022-03-02T07:30", "minsk_traffic", "Минск: по проспекту Победителей проехали 2 военных автобуса МАЗ"),
    ("2022-03-02T14:45", "vitebsk_tracker", "Лепель: в сторону полигона прошли 9 БМП"),
    ("2022-03-02T21:00", "gomel_watch", "Жлобин: на станции стоит эшелон с 20 цистернами"),
    ("2022-03-03T09:15", "hrodna_life", "Островец: возле АЭС поставили зенитный комплекс Панцирь"),
    ("2022-03-03T16:50", "pinsk_news", "Столин: на поле садились 3 вертолета Ми-24"),
    ("2022-03-04T06:05", "mogilev_today", "Климовичи: у въезда в город 2 грузовика с солдатами"),
    ("2022-03-04T18:20", "belaruski_hajun", "Барановичи: на аэродроме 8 Су-25, прилетели днем"),
    ("2022-03-05T07:25", "brest_monitor", "Каменец: в лесу у Беловежской пущи слышна стрельба"),
    ("2022-03-05T15:40", "nasha_niva_feed", "У Светлагорску ля гасцініцы пасяліліся расійскія вайскоўцы"),
    ("2022-03-05T19:55", "hajun_en", "Convoy of 9 fuel trucks spotted in Kalinkavichy, moving east"),
    ("2022-03-06T12:30", "gomel_watch", "Ветка: в сторону Добруша прошли 4 КамАЗа"),
    ("2022-03-06T17:45", "minsk_traffic", "Заславль: колонна военных машин у железнодорожного переезда, 10 единиц"),
    ("2022-03-07T08:00", "vitebsk_tracker", "Орша: на аэродроме заметили 4 вертолета Ми-8"),
    ("2022-03-07T12:10", "mazyr_info", "Калинковичи: через город прошли 3 Тигра в сторону Мозыря"),
    ("2022-03-07T14:40", "belarus_osint", "Drone footage shows 30 tanks near the border at Tulhavichy"),
    ("2022-03-07T21:30", "brest_monitor", "Жабинка: на станции стоят платформы с 14 БМП"),
    ("2022-03-08T13:30", "vitebsk_tracker", "Глыбокае: на аэрадроме з'явіліся 2 вертолёты Мі-8"),
    ("2022-03-09T14:45", "minsk_traffic", "Фаниполь: 5 военных грузовиков у железнодорожного переезда"),
    ("2022-03-09T20:10", "gomel_watch", "Лоев: на берегу Днепра военные ставят понтоны"),
    ("2022-03-10T09:05", "hajun_en", "Air raid sirens tested in Homiel this morning"),
    ("2022-03-11T07:20", "mogilev_today", "Шклов: у моста дежурит патруль, 4 солдата"),
    ("2022-03-12T11:45", "pinsk_news", "Лунинец: в магазине военные покупают сигареты и воду"),
    ("2022-03-12T16:15", "hrodna_life", "Ошмяны: по улице Советской проехали 3 военных УАЗа"),
    ("2022-03-13T10:10", "nasha_niva_feed", "Навагрудак: каля вайсковай часткі шмат машын з расійскімі нумарамі"),
    ("2022-03-14T19:30", "brest_monitor", "Пружаны: на аэродроме 2 вертолета, военные оцепили поле"),
    ("2022-03-15T17:20", "minsk_traffic", "Жодино: у проходной БелАЗа военные автобусы, 3 штуки"),
    ("2022-03-16T19:40", "mazyr_info", "Наровля: у моста через Припять установили бетонные блоки"),
    ("2022-03-17T10:30", "gomel_watch", "Буда-Кошелево: на трассе М5 стоят 6 военных фур"),
    ("2022-03-17T13:50", "hajun_en", "Russian military trucks seen unloading ammunition near Lelchytsy"),
    ("2022-03-17T18:00", "vitebsk_tracker", "Наваполацк: на нафтабазу прыехалі 7 вайсковых бензавозаў"),
]
# ---------------------------------------------------------------------------------------------------------------
# Numbers: otherwise identical texts with another count or time of day are other sightings; a typo'd copy an
# hour later is the same one
# ---------------------------------------------------------------------------------------------------------------
incident("reservists-lida-13", "2022-03-18T08:00", [
    (0, "hrodna_life", "Лида: в военкомат вызвали 13 резервистов, раздают повестки"),
    (52, "belaruski_hajun", "Лида: в военкомат вызвали 13 резервистов, раздают павестки"),
])
single("reservists-lida-30", "2022-03-18T10:30", "hrodna_life",
       "Лида: в военкомат вызвали 30 резервистов, раздают повестки", hard_negative_of="reservists-lida-13")
incident("su34-baranavichy-1623", "2022-03-18T13:23", [
    (0, "belaruski_hajun", "16:23 Взлёт Су-34 с аэродрома Барановичи, 2 борта"),
    (4, "brest_monitor", "Барановичи: в 16:23 с аэродрома взлетели два Су-34"),
])
single("su34-baranavichy-1740", "2022-03-18T14:40", "belaruski_hajun",
       "17:40 Взлёт Су-34 с аэродрома Барановичи, 2 борта", hard_negative_of="su34-baranavichy-1623")

for number, (start, chat, text) in enumerate(SINGLES):
    single("single-%02d" % (number + 1), start, chat, text)


def build():
    posts = []
    for ident, start, items, hard_negative_of in INCIDENTS:
        base = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)
        originals = {}
        for offset, chat, body in items:
            posts.append({"incident": ident, "hard_negative_of": hard_negative_of, "time": base + timedelta(minutes=offset),
                          "chat": chat, "body": body, "originals": originals})
    posts.sort(key=lambda post: post["time"])
    next_id = {}
    lines = []
    for post in posts:
        body, chat, originals = post["body"], post["chat"], post["originals"]
        record = {"chat": chat}
        if isinstance(body, (Again, Edit)):
            first = originals[body.chat]
            record["message_id"] = first["message_id"]
            record["date"] = first["date"]
            record["text"] = first["text"] if isinstance(body, Again) else body.text
            if isinstance(body, Edit):
                record["edited_at"] = post["time"].strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            next_id[chat] = next_id.get(chat, 100) + 1
            record["message_id"] = next_id[chat]
            record["date"] = post["time"].strftime("%Y-%m-%dT%H:%M:%SZ")
            if isinstance(body, Fwd):
                origin = originals[body.chat]
                record["text"] = body.text or origin["text"]
                record["forward_from_chat"] = body.chat
                record["forward_from_message_id"] = origin["message_id"]
            else:
                record["text"] = body
            originals.setdefault(chat, record)
        record["incident"] = post["incident"]
        if post["hard_negative_of"]:
            record["hard_negative_of"] = post["hard_negative_of"]
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


if __name__ == "__main__":
    lines = build()
    sys.stdout.write("\n".join(lines) + "\n")
    incidents = {json.loads(line)["incident"] for line in lines}
    negatives = sum(1 for line in lines if "hard_negative_of" in json.loads(line))
    print("%d posts, %d incidents, %d hard-negative posts" % (len(lines), len(incidents), negatives), file=sys.stderr)
