/// What the dedup stage keeps of a post's content for the near window (66 bytes, inline): a token sketch for
/// similarity, and the facts that tell two similar posts apart or two different texts together.
struct PostProfile {
    static let stemCapacity = 16

    /// Bottom-16 sketch of the post's word stems: the 16 smallest 16-bit stem hashes, ascending (`0xFFFF` unused).
    /// A stem is a word's first five letters (`мозыря`/`мозырю` → `мозыр`), a word with digits whole; words of
    /// one or two letters are left out. Posts with at most 16 stems are kept exactly.
    var stems = InlineArray<16, UInt16>(repeating: 0xFFFF)
    var stemCount: UInt8 = 0
    /// Words in the normalized text (saturating).
    var wordCount: UInt8 = 0
    /// Up to 4 words with digits, 16-bit hashes with bit 0 set when the word starts with a letter (a designation:
    /// `су-34`, `ту-22м3`, hashed transliterated to Latin so that `Су-34` and `Su-34` agree) and clear for
    /// numbers (`27`, `27-ми` hashed as `27`). 0 is unused.
    var numbers = InlineArray<4, UInt16>(repeating: 0)
    /// Up to 4 stems of words capitalized in mid-sentence (`NormalizedText.namedWordStarts`). 0 is unused.
    var names = InlineArray<4, UInt16>(repeating: 0)
    /// The classifier's places, direction, equipment (interned, see `FactInterner`) and counts. 0 is unused.
    var places = InlineArray<3, UInt16>(repeating: 0)
    var direction: UInt16 = 0
    var equipment = InlineArray<2, UInt16>(repeating: 0)
    var counts = InlineArray<2, UInt16>(repeating: 0)

    init() {}

    init(_ text: NormalizedText, entities: Entities, interner: inout FactInterner) {
        wordCount = 0
        text.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            var words = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                if end > start {
                    words += 1
                    addWord(bytes, start..<end)
                }
                start = end + 1
            }
            wordCount = UInt8(min(words, 255))
            var nameCount = 0
            for offset in text.namedWordStarts where nameCount < 4 {
                let start = Int(offset)
                guard start >= 0 && start < bytes.count else { continue }
                var end = start
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                let hash = Self.hash16(bytes, Self.stem(bytes, start..<end), seed: 0x4e41_4d45)
                if !Self.contains(names, hash) {
                    names[nameCount] = hash
                    nameCount += 1
                }
            }
        }
        var placeCount = 0
        for mention in entities.places where placeCount < 3 {
            let place = interner.place(mention)
            if place != 0 && !Self.contains(places, place) {
                places[placeCount] = place
                placeCount += 1
            }
        }
        direction = entities.direction.map { interner.place($0) } ?? 0
        for (index, id) in entities.equipment.prefix(2).enumerated() { equipment[index] = interner.equipment(id) }
        for (index, count) in entities.counts.prefix(2).enumerated() { counts[index] = UInt16(clamping: count) }
    }

    private mutating func addWord(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) {
        let first = bytes[word.lowerBound]
        let hasDigit = word.contains { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        if hasDigit {
            let startsWithDigit = first >= 0x30 && first <= 0x39
            var numeral = word
            if startsWithDigit {
                var end = word.lowerBound
                while end < word.upperBound && bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
                numeral = word.lowerBound..<end
            }
            addNumber(startsWithDigit ? Self.numberHash(bytes, numeral) : Self.designationHash(bytes, word) | 1)
            addStem(Self.hash16(bytes, word, seed: 0x5354_454d))
            return
        }
        let stem = Self.stem(bytes, word)
        guard Self.scalarCount(bytes, word) > 2 else { return }
        addStem(Self.hash16(bytes, stem, seed: 0x5354_454d))
    }

    private mutating func addNumber(_ hash: UInt16) {
        for index in 0..<4 {
            if numbers[index] == hash { return }
            if numbers[index] == 0 {
                numbers[index] = hash
                return
            }
        }
    }

    /// Inserts into the ascending bottom-16 list, dropping the largest when full.
    private mutating func addStem(_ hash: UInt16) {
        var position = 0
        while position < Int(stemCount) && stems[position] < hash { position += 1 }
        if position < Int(stemCount) && stems[position] == hash { return }
        if position >= Self.stemCapacity { return }
        var index = min(Int(stemCount), Self.stemCapacity - 1)
        while index > position {
            stems[index] = stems[index - 1]
            index -= 1
        }
        stems[position] = hash
        stemCount = UInt8(min(Int(stemCount) + 1, Self.stemCapacity))
    }

    // MARK: - Comparison

    /// Estimated Jaccard similarity of the two posts' stem sets (exact when both have at most 16 stems).
    func stemSimilarity(to other: PostProfile) -> Double {
        let (a, b) = (Int(stemCount), Int(other.stemCount))
        if a == 0 || b == 0 { return 0 }
        var i = 0
        var j = 0
        var union = 0
        var shared = 0
        while union < Self.stemCapacity && (i < a || j < b) {
            let x = i < a ? stems[i] : UInt16.max
            let y = j < b ? other.stems[j] : UInt16.max
            if i < a && j < b && x == y {
                shared += 1
                i += 1
                j += 1
            } else if j >= b || (i < a && x < y) {
                i += 1
            } else {
                j += 1
            }
            union += 1
        }
        return Double(shared) / Double(union)
    }

    /// Facts that make two posts different sightings, in any language: different places or direction,
    /// different equipment or designations (`су-34`/`Su-30`), clearly different counts. A fact only one post
    /// states is no conflict.
    func factsConflict(with other: PostProfile) -> Bool {
        if Self.disjoint(places, other.places) { return true }
        if direction != 0 && other.direction != 0 && direction != other.direction { return true }
        if Self.disjoint(equipment, other.equipment) { return true }
        if hasCount && other.hasCount && !countsAgree(with: other) { return true }
        return Self.disjoint(designations, other.designations)
    }

    /// Different names in two texts in the same language: each names something the other does not
    /// (`над Мачулищами`/`над Лунинцом`), so they are about different places, also ones the gazetteer does not
    /// know. A retelling that adds a name to the other's is no conflict.
    func namesConflict(with other: PostProfile) -> Bool {
        !Self.isSubset(names, of: other.names) && !Self.isSubset(other.names, of: names)
    }

    /// How the facts of two posts support each other, for posts in other words or another language: a shared
    /// place (or direction); shared equipment or designation; an agreeing count or a shared number.
    func agreement(with other: PostProfile) -> (place: Bool, equipment: Bool, number: Bool) {
        let place = Self.intersect(places, other.places) || (direction != 0 && direction == other.direction)
        let equipment =
            Self.intersect(self.equipment, other.equipment) || Self.intersect(designations, other.designations)
        var number = hasCount && other.hasCount && countsAgree(with: other)
        for index in 0..<4 where !number && numbers[index] != 0 && numbers[index] & 1 == 0 {
            number = Self.contains(other.numbers, numbers[index])
        }
        return (place, equipment, number)
    }

    /// The designation hashes among `numbers`, the rest 0.
    var designations: InlineArray<4, UInt16> {
        var result = InlineArray<4, UInt16>(repeating: 0)
        for index in 0..<4 where numbers[index] & 1 == 1 { result[index] = numbers[index] }
        return result
    }

    var hasCount: Bool { counts[0] != 0 }

    /// Some count of one post is close to some count of the other: equal, or for counts above 10 within 15 %
    /// ("около 30" and "27" may be one convoy; 2 and 4 aircraft are not).
    func countsAgree(with other: PostProfile) -> Bool {
        for i in 0..<2 where counts[i] != 0 {
            for j in 0..<2 where other.counts[j] != 0 {
                let (a, b) = (Int(counts[i]), Int(other.counts[j]))
                if a == b { return true }
                let larger = max(a, b)
                if larger > 10 && Double(abs(a - b)) <= 0.15 * Double(larger) { return true }
            }
        }
        return false
    }

    static let factKeyCount = 5

    /// Keys for the facts index (`NearStore`), one per pair of main facts, distinct, 0 for unused: main places
    /// (the direction or the first place, and the second place) with the main equipment and with the main
    /// number, and the main equipment with the main number. The main number is the first count, else the first
    /// number in the text, hashed by its digits either way, so "27 единиц" and "27 vehicles" share it.
    var factKeys: InlineArray<5, UInt16> {
        var keys = InlineArray<5, UInt16>(repeating: 0)
        var used = 0
        func add(_ kind: UInt64, _ a: UInt16, _ b: UInt16) {
            guard a != 0 && b != 0 && used < Self.factKeyCount else { return }
            var hash = (kind << 32 | UInt64(a) << 16 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            let key = UInt16(truncatingIfNeeded: hash >> 40) | 1
            for index in 0..<used where keys[index] == key { return }
            keys[used] = key
            used += 1
        }
        let mainPlace = direction != 0 ? direction : places[0]
        let secondPlace = places[0] != mainPlace ? places[0] : places[1]
        let number = mainNumber
        for place in [mainPlace, secondPlace] {
            add(1, place, equipment[0])
            add(2, place, number)
        }
        add(3, equipment[0], number)
        return keys
    }

    /// The first count, else the first plain number in the text, as the 16-bit hash of its digits; 0 if none.
    var mainNumber: UInt16 {
        if counts[0] != 0 {
            let digits = Array(String(counts[0]).utf8)
            return digits.withUnsafeBufferPointer { Self.numberHash($0, 0..<$0.count) }
        }
        for index in 0..<4 where numbers[index] != 0 && numbers[index] & 1 == 0 { return numbers[index] }
        return 0
    }

    /// The hash of a plain number's digits, as kept in `numbers` (bit 0 clear, never 0).
    static func numberHash(_ bytes: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>) -> UInt16 {
        let hash = hash16(bytes, digits, seed: 0x4e55_4d) & 0xFFFE
        return hash == 0 ? 2 : hash
    }

    // MARK: - Helpers

    private static func contains<let n: Int>(_ set: InlineArray<n, UInt16>, _ value: UInt16) -> Bool {
        for index in 0..<n where set[index] == value { return true }
        return false
    }

    private static func isEmpty<let n: Int>(_ set: InlineArray<n, UInt16>) -> Bool {
        for index in 0..<n where set[index] != 0 { return false }
        return true
    }

    private static func intersect<let n: Int>(_ a: InlineArray<n, UInt16>, _ b: InlineArray<n, UInt16>) -> Bool {
        for index in 0..<n where a[index] != 0 && contains(b, a[index]) { return true }
        return false
    }

    private static func isSubset<let n: Int>(_ a: InlineArray<n, UInt16>, of b: InlineArray<n, UInt16>) -> Bool {
        for index in 0..<n where a[index] != 0 && !contains(b, a[index]) { return false }
        return true
    }

    /// Both non-empty and no value in common.
    private static func disjoint<let n: Int>(_ a: InlineArray<n, UInt16>, _ b: InlineArray<n, UInt16>) -> Bool {
        !isEmpty(a) && !isEmpty(b) && !intersect(a, b)
    }

    /// A nonzero 16-bit hash.
    static func hash16(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, seed: UInt64) -> UInt16 {
        let raw = UnsafeRawBufferPointer(start: bytes.baseAddress! + range.lowerBound, count: range.count)
        let hash = UInt16(truncatingIfNeeded: XXH3.hash64(raw, seed: seed) >> 48)
        return hash == 0 || hash == 0xFFFF ? 1 : hash
    }

    /// Hash of a designation word transliterated to Latin (`ту-22м3` → `tu-22m3`, `МиГ-31К` → `mig-31k`).
    static func designationHash(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt16 {
        var latin: [UInt8] = []
        latin.reserveCapacity(word.count)
        var index = word.lowerBound
        while index < word.upperBound {
            let byte = bytes[index]
            if byte < 0x80 {
                latin.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < word.upperBound && bytes[end] & 0xC0 == 0x80 { end += 1 }
            if end - index == 2 {
                let scalar = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                if scalar >= 0x430 && scalar <= 0x44F {
                    latin.append(contentsOf: cyrillicToLatin[Int(scalar - 0x430)].utf8)
                } else if scalar == 0x456 {
                    latin.append(0x69)  // і
                } else if scalar == 0x45E {
                    latin.append(0x75)  // ў
                } else {
                    latin.append(contentsOf: bytes[index..<end])
                }
            } else {
                latin.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return latin.withUnsafeBufferPointer { hash16($0, 0..<$0.count, seed: 0x4445_5349) }
    }

    /// а…я in order.
    private static let cyrillicToLatin = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
        "h", "c", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya",
    ]

    /// A word's first five scalars, or the whole word when it has digits.
    static func stem(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Range<Int> {
        if word.contains(where: { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) { return word }
        var end = word.lowerBound
        var scalars = 0
        while end < word.upperBound {
            end += 1
            while end < word.upperBound && bytes[end] & 0xC0 == 0x80 { end += 1 }
            scalars += 1
            if scalars == 5 { break }
        }
        return word.lowerBound..<end
    }

    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int {
        word.reduce(0) { $0 + (bytes[$1] & 0xC0 == 0x80 ? 0 : 1) }
    }
}
