/// The small corruptions that real re-posts carry: typos and Latin letters that look Cyrillic.
enum TextVariation {
    /// Cyrillic letters and the Latin letters people (and spam filters' adversaries) swap in for them.
    static let lookAlikes: [Character: Character] = [
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "і": "i",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "І": "I",
    ]

    /// Replaces a few Cyrillic letters with Latin look-alikes.
    static func lookAlike(_ text: String, _ random: inout SeededRandom) -> String {
        var characters = Array(text)
        let candidates = characters.indices.filter { lookAlikes[characters[$0]] != nil }
        guard !candidates.isEmpty else { return text }
        for _ in 0..<random.between(1, min(6, candidates.count)) {
            let index = random.pick(candidates)
            characters[index] = lookAlikes[characters[index]] ?? characters[index]
        }
        return String(characters)
    }

    /// One to three typing slips: swapped, dropped or doubled letters, a lost capital, `ё` written as `е`.
    static func typos(_ text: String, _ random: inout SeededRandom) -> String {
        var characters = Array(text)
        for _ in 0..<random.between(1, 3) {
            let letters = characters.indices.filter { characters[$0].isLetter }
            guard letters.count > 4 else { break }
            let index = random.pick(letters)
            switch random.below(5) {
            case 0:
                if index + 1 < characters.count, characters[index + 1].isLetter {
                    characters.swapAt(index, index + 1)
                }
            case 1: characters.remove(at: index)
            case 2: characters.insert(characters[index], at: index)
            case 3:
                if let first = characters.firstIndex(where: \.isLetter) {
                    characters[first] = Character(characters[first].lowercased())
                }
            default:
                if let yo = characters.firstIndex(of: "ё") {
                    characters[yo] = "е"
                } else {
                    characters.remove(at: index)
                }
            }
        }
        return String(characters)
    }
}
