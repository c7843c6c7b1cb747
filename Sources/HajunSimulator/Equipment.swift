import HajunCore

/// A piece of military equipment as posts name it, in Cyrillic and Latin spellings.
public struct Equipment: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case aircraft, helicopter, missileSystem, airDefence, vehicle
    }

    /// The canonical id hajund's event schema uses (`su-34`, `iskander`).
    public var id: String
    public var kind: Kind
    public var russian: String
    public var belarusian: String
    public var ukrainian: String
    /// The Latin spelling (English posts, and Russian or Belarusian posts that write it the Latin way).
    public var latin: String

    /// The name in a language; `latinScript` picks the Latin spelling even in Cyrillic posts.
    public func name(_ language: Language, latinScript: Bool = false) -> String {
        if latinScript { return latin }
        switch language {
        case .ru: return russian
        case .be: return belarusian
        case .uk: return ukrainian
        case .en, .undetermined: return latin
        }
    }
}

/// The equipment the simulator reports.
enum SimulatedEquipment {
    static let all: [Equipment] = [
        Equipment(
            id: "su-34", kind: .aircraft, russian: "Су-34", belarusian: "Су-34", ukrainian: "Су-34", latin: "Su-34"),
        Equipment(
            id: "su-25", kind: .aircraft, russian: "Су-25", belarusian: "Су-25", ukrainian: "Су-25", latin: "Su-25"),
        Equipment(id: "a-50", kind: .aircraft, russian: "А-50", belarusian: "А-50", ukrainian: "А-50", latin: "A-50"),
        Equipment(
            id: "mig-31k", kind: .aircraft, russian: "МиГ-31К", belarusian: "МіГ-31К", ukrainian: "МіГ-31К",
            latin: "MiG-31K"),
        Equipment(
            id: "il-76", kind: .aircraft, russian: "Ил-76", belarusian: "Іл-76", ukrainian: "Іл-76", latin: "Il-76"),
        Equipment(id: "mi-8", kind: .helicopter, russian: "Ми-8", belarusian: "Мі-8", ukrainian: "Мі-8", latin: "Mi-8"),
        Equipment(
            id: "ka-52", kind: .helicopter, russian: "Ка-52", belarusian: "Ка-52", ukrainian: "Ка-52", latin: "Ka-52"),
        Equipment(
            id: "iskander", kind: .missileSystem, russian: "Искандер", belarusian: "Іскандэр", ukrainian: "Іскандер",
            latin: "Iskander"
        ),
        Equipment(
            id: "s-400", kind: .airDefence, russian: "С-400", belarusian: "С-400", ukrainian: "С-400", latin: "S-400"),
        Equipment(
            id: "pantsir", kind: .airDefence, russian: "Панцирь", belarusian: "Панцыр", ukrainian: "Панцир",
            latin: "Pantsir"),
        Equipment(id: "t-72", kind: .vehicle, russian: "Т-72", belarusian: "Т-72", ukrainian: "Т-72", latin: "T-72"),
        Equipment(
            id: "btr-82", kind: .vehicle, russian: "БТР-82", belarusian: "БТР-82", ukrainian: "БТР-82", latin: "BTR-82"),
        Equipment(id: "tigr", kind: .vehicle, russian: "Тигр", belarusian: "Тыгр", ukrainian: "Тигр", latin: "Tigr"),
        Equipment(
            id: "kamaz", kind: .vehicle, russian: "КамАЗ", belarusian: "КамАЗ", ukrainian: "КамАЗ", latin: "KamAZ"),
    ]

    static let aircraft = all.filter { $0.kind == .aircraft || $0.kind == .helicopter }
    static let missileSystems = all.filter { $0.kind == .missileSystem || $0.id == "mig-31k" }
    static let groundVehicles = all.filter {
        $0.kind == .vehicle || $0.kind == .airDefence || $0.kind == .missileSystem
    }
}
