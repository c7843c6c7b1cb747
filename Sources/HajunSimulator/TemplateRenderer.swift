import HajunCore

/// Fills a report template's slots from an incident.
struct TemplateRenderer {
    var incident: Incident
    var language: Language
    /// Write equipment names in Latin letters even in Cyrillic posts ("Su-34" in a Russian post).
    var latinEquipment = false
    /// Report this count instead of the exact one (a re-wording that rounds "27" to "около 30").
    var count: Int?

    func render(_ template: String) -> String {
        var output = ""
        output.reserveCapacity(template.utf8.count + 32)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            output += rest[rest.startIndex..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                output += rest[open...]
                return output
            }
            output += slot(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return language == .be ? TemplateRenderer.shortU(output) : output
    }

    /// Belarusian writes the preposition `у` as `ў` after a word that ends in a vowel ("тэхнікі ў Мазыры").
    static func shortU(_ text: String) -> String {
        let vowels: Set<Character> = ["а", "е", "ё", "і", "о", "у", "ы", "э", "ю", "я"]
        var characters = Array(text)
        var index = 2
        while index + 1 < characters.count {
            if characters[index] == "у", characters[index - 1] == " ", characters[index + 1] == " ",
                vowels.contains(Character(characters[index - 2].lowercased()))
            {
                characters[index] = "ў"
            }
            index += 1
        }
        return String(characters)
    }

    private func slot(_ name: Substring) -> String {
        let forms = incident.place?.forms(language)
        switch name {
        case "loc": return forms?.locative ?? ""
        case "Loc": return capitalized(forms?.locative ?? "")
        case "nom": return forms?.nominative ?? ""
        case "gen": return forms?.genitive ?? ""
        case "dir": return incident.destination?.forms(language).genitive ?? ""
        case "dirnom": return incident.destination?.forms(language).nominative ?? ""
        case "eq": return incident.equipment?.name(language, latinScript: latinEquipment) ?? ""
        case "n": return String(count ?? incident.count)
        case "time": return localTime
        default:
            if name.hasPrefix("n:") { return counted(name.dropFirst(2).split(separator: "|").map(String.init)) }
            return "{" + name + "}"
        }
    }

    /// "3 борта", "5 бортов", "1 vehicle": the count with the noun form the language's numeral agreement needs.
    private func counted(_ nouns: [String]) -> String {
        let value = count ?? incident.count
        guard !nouns.isEmpty else { return String(value) }
        let noun: String
        if language == .en || nouns.count < 3 {
            noun = value == 1 ? nouns[0] : nouns[nouns.count - 1]
        } else {
            let lastTwo = value % 100
            let last = value % 10
            if last == 1 && lastTwo != 11 {
                noun = nouns[0]
            } else if (2...4).contains(last) && !(12...14).contains(lastTwo) {
                noun = nouns[1]
            } else {
                noun = nouns[2]
            }
        }
        return "\(value) \(noun)"
    }

    /// Minsk time (UTC+3), as people write it.
    private var localTime: String {
        let secondOfDay = Int((incident.time.secondsSince1970 + 3 * 3600) % 86_400)
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    private func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
