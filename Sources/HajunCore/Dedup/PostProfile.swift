/// What the dedup stage keeps of a post's content for the near window (104 bytes, inline): a token sketch for
/// similarity, and the facts that tell two similar posts apart or two different texts together.
struct PostProfile {
    static let stemCapacity = 16

    // Stored in this order (104 bytes, no padding): what every comparison reads (stems, numbers and the
    // classifier's facts) in the first 64 bytes, so that checking a candidate touches one or two cache lines;
    // what only the names check reads after it.

    /// Bottom-16 sketch of the post's word stems: the 16 smallest 16-bit stem hashes, ascending (`0xFFFF` unused).
    /// A stem is a word's first five letters (`мозыря`/`мозырю` → `мозыр`), a word with digits whole; words of
    /// one or two letters are left out. Posts with at most 16 stems are kept exactly.
    var stems = InlineArray<16, UInt16>(repeating: 0xFFFF)
    /// Up to 4 words with digits, 16 bits with bit 0 set when the word starts with a letter (a designation:
    /// `су-34`, `ту-22м3`, hashed transliterated to Latin so that `Су-34` and `Su-34` agree) and clear for
    /// numbers, which are kept by value (`numberCode`: `27` and `27-ми` as 27) so that they can be compared.
    /// 0 is unused.
    var numbers = InlineArray<4, UInt16>(repeating: 0)
    /// The classifier's places other than the direction, the direction, equipment (interned, see
    /// `FactInterner`) and counts. 0 is unused.
    var places = InlineArray<3, UInt16>(repeating: 0)
    var direction: UInt16 = 0
    var equipment = InlineArray<2, UInt16>(repeating: 0)
    var counts = InlineArray<2, UInt16>(repeating: 0)
    /// Hashes of the first and of the last `anchorWords` words, for texts of at least `anchoredTextWords` words
    /// (0 otherwise): a re-post with a comment added at the end (or the start) keeps one of them, however far
    /// the added words move its SimHash.
    var textAnchors = InlineArray<2, UInt16>(repeating: 0)
    var stemCount: UInt8 = 0
    /// The classifier's category (`Category.allCases` index + 1), 0 when not given.
    var category: UInt8 = 0
    /// The script most words are written in (`Lookalikes.Script` raw value): names compare within one script.
    var script: UInt8 = 0
    /// Words in the normalized text (saturating).
    var wordCount: UInt8 = 0
    /// Up to 4 words capitalized in mid-sentence (`NormalizedText.namedWordStarts`), hashed by their consonant
    /// skeleton (`nameSkeleton`) so that case endings and Russian/Belarusian vowels do not matter. 0 is unused.
    var names = InlineArray<4, UInt16>(repeating: 0)
    /// A 256-bit Bloom filter of every word's skeleton (three bits a word; about 0.5 % false positives for a
    /// 16-word post): whether a name of another post occurs here at all, capitalized or not (`Украиной` in one
    /// post, `украинской` in the other).
    var wordSkeletons = InlineArray<4, UInt64>(repeating: 0)
    static let anchorWords = 5
    static let anchoredTextWords = 8

    init() {}

    /// A profile built with a cache of its own (for callers that build few).
    init(_ text: NormalizedText, entities: Entities, category: Category? = nil, interner: inout FactInterner) {
        var words = WordTraitsCache()
        self.init(text, entities: entities, category: category, interner: &interner, words: &words)
    }

    /// `words`: the traits of recently seen words (see `WordTraitsCache`), used and updated.
    init(
        _ text: NormalizedText, entities: Entities, category: Category? = nil, interner: inout FactInterner,
        words wordCache: inout WordTraitsCache
    ) {
        self.category = category.flatMap { Category.allCases.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0
        text.bytes.withUnsafeBufferPointer { bytes in
            // One pass over the words: stems, numbers, skeletons, names (the named word starts are in order).
            let named = text.namedWordStarts
            var nextName = 0
            var nameCount = 0
            var (words, latin, cyrillic) = (0, 0, 0)
            var start = 0
            // A time of day (`16:23`, normalized to `16 23`) is one number: the hour word's value and whether
            // it added a number, while the next word may be its minutes.
            var hour: (value: Int, added: Bool)?
            // For the text anchors: where the fifth word ends, and the starts of the last five words (word `w`
            // at `w % 5`), unless the text is not single-spaced (then `anchorText` counts the spaces itself).
            var headEnd = 0
            var recentStarts = InlineArray<5, Int>(repeating: 0)
            var singleSpaced = bytes.last != 0x20
            while start < bytes.count {
                let first = bytes[start]
                var end = start
                if first == 0x20 {
                    singleSpaced = false
                } else {
                    words += 1
                    recentStarts[words % Self.anchorWords] = start
                    if first >= 0x61 && first <= 0x7A {
                        latin += 1
                    } else if first >= 0xD0 && first <= 0xD4 {
                        cyrillic += 1
                    }
                    let numbersBefore = numberCount
                    // The word's end is found by the pass over its letters.
                    let skeleton = addWord(bytes, from: start, end: &end, cache: &wordCache)
                    if words == Self.anchorWords { headEnd = end }
                    if let skeleton { addSkeleton(skeleton) }
                    let value = Self.shortNumber(bytes, start..<end)
                    if let hour, let value, end - start == 2, value <= 59 {
                        markTime(hour: hour, minutes: value, minutesAdded: numberCount > numbersBefore)
                    }
                    hour = value.flatMap { $0 <= 23 ? ($0, numberCount > numbersBefore) : nil }
                    while nextName < named.count && Int(named[nextName]) < start { nextName += 1 }
                    if nextName < named.count && Int(named[nextName]) == start, let skeleton, nameCount < 4 {
                        if !Self.contains(names, skeleton) {
                            names[nameCount] = skeleton
                            nameCount += 1
                        }
                    }
                }
                start = end + 1
            }
            wordCount = UInt8(min(words, 255))
            script =
                (latin == 0 && cyrillic == 0 ? Lookalikes.Script.other : latin > cyrillic ? .latin : .cyrillic).rawValue
            if words >= Self.anchoredTextWords {
                if singleSpaced {
                    // The fifth word from the end is word `words - 4`.
                    anchorText(bytes, headEnd: headEnd, tailStart: recentStarts[(words + 1) % Self.anchorWords])
                } else {
                    anchorText(bytes)
                }
            }
        }
        // The mentions are read in place: a loop over copies would retain and release their strings.
        if entities.direction != nil { direction = interner.place(entities.direction.unsafelyUnwrapped) }
        entities.places.withUnsafeBufferPointer { mentions in
            var placeCount = 0
            for index in mentions.indices where placeCount < 3 {
                let place = interner.place(mentions[index])
                if place != 0 && place != direction && !Self.contains(places, place) {
                    places[placeCount] = place
                    placeCount += 1
                }
            }
        }
        entities.equipment.withUnsafeBufferPointer { ids in
            for index in 0..<min(ids.count, 2) { equipment[index] = interner.equipment(ids[index]) }
        }
        for (index, count) in entities.counts.prefix(2).enumerated() { counts[index] = UInt16(clamping: count) }
    }

    /// `addWord(_:from:limit:end:)` to the end of `bytes`, with the traits of a word without digits taken from
    /// (or, on a miss, put into) `cache`.
    @inline(__always)
    private mutating func addWord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end wordEnd: inout Int, cache: inout WordTraitsCache
    ) -> UInt16? {
        var end = start
        guard let key = WordTraitsCache.Key(bytes, from: start, end: &end) else {
            return addWord(bytes, from: start, limit: bytes.count, end: &wordEnd)
        }
        let cached = cache.entry(key)
        if cached.key == key {
            wordEnd = end
            if cached.stem != 0 { addStem(cached.stem) }
            return cached.skeleton == 0 ? nil : cached.skeleton
        }
        var stem: UInt16 = 0
        var hasDigit = false
        let skeleton = addWord(bytes, from: start, limit: bytes.count, end: &wordEnd, stem: &stem, hasDigit: &hasDigit)
        if !hasDigit { cache.store(key, stem: stem, skeleton: skeleton ?? 0) }
        return skeleton
    }

    /// Adds the stem and number of the word from `start` to the next space (or `limit`), and sets `end` to where
    /// it ends; returns its skeleton (`nameSkeleton`), found in the same pass. `stem` is set to the stem hash
    /// added for a word without digits (left as it is when the word is too short for one), `hasDigit` to whether
    /// the word has a digit.
    mutating func addWord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, end wordEnd: inout Int
    ) -> UInt16? {
        var stem: UInt16 = 0
        var hasDigit = false
        return addWord(bytes, from: start, limit: limit, end: &wordEnd, stem: &stem, hasDigit: &hasDigit)
    }

    @inline(__always)
    private mutating func addWord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, end wordEnd: inout Int,
        stem: inout UInt16, hasDigit wordHasDigit: inout Bool
    ) -> UInt16? {
        let first = bytes[start]
        let startsWithDigit = first >= 0x30 && first <= 0x39
        var hasDigit = startsWithDigit
        var digitsEnd = start
        var stemEnd = start
        var scalars = 0
        var skeleton: UInt64 = 0
        var consonants = 0
        var index = start
        // A space never follows a lead byte in UTF-8, so a multi-byte letter's continuation is inside the word.
        // Letter by letter until the stem and the skeleton are complete.
        while index < limit && bytes[index] != 0x20 && (scalars < 5 || consonants < 3) {
            let byte = bytes[index]
            var consonant: UInt32 = 0
            var length = 1
            if byte < 0x80 {
                if byte >= 0x30 && byte <= 0x39 {
                    hasDigit = true
                    if startsWithDigit && digitsEnd == index { digitsEnd = index + 1 }
                } else if byte >= 0x61 && byte <= 0x7A && (0x0110_4111 as UInt32) >> UInt32(byte - 0x61) & 1 == 0 {
                    consonant = UInt32(byte)  // not a e i o u y
                }
            } else if (byte == 0xD0 || byte == 0xD1) && index + 1 < limit {
                let scalar = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                length = 2
                // а е и й о у ъ ы ь э ю я і ї (bits over U+0430…U+045F) are no consonants; ў is в, ц is т.
                if !(scalar >= 0x430 && scalar < 0x460 && (0xc0_fc08_4321 as UInt64) >> UInt64(scalar - 0x430) & 1 == 1)
                {
                    consonant = scalar == 0x45E ? 0x432 : scalar == 0x446 ? 0x442 : scalar
                }
            } else {
                let (scalar, scalarLength) = TextCharacters.decode(bytes, at: index)
                length = scalarLength
                consonant = scalar
            }
            index += length
            scalars += 1
            if scalars == 5 { stemEnd = index }
            if consonant != 0 && consonants < 3 {
                skeleton = skeleton << 21 | UInt64(consonant)
                consonants += 1
            }
        }
        // The rest of the word only for digits and its end: byte by byte, as no byte of a multi-byte letter is a
        // digit or a space.
        while index < limit && bytes[index] != 0x20 {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                hasDigit = true
                if startsWithDigit && digitsEnd == index { digitsEnd = index + 1 }
            }
            index += 1
        }
        wordEnd = index
        let word = start..<index
        if scalars < 5 { stemEnd = word.upperBound }
        wordHasDigit = hasDigit
        if hasDigit {
            let designation = startsWithDigit ? 0 : Self.designationHash(bytes, word)
            addNumber(startsWithDigit ? Self.numberCode(bytes, word.lowerBound..<digitsEnd) : designation | 1)
            addStem(Self.hash16(bytes, word, seed: 0x5354_454d))
            return startsWithDigit ? Self.numberHash(bytes, word) : designation
        }
        if scalars > 2 {
            stem = Self.hash16(bytes, word.lowerBound..<stemEnd, seed: 0x5354_454d)
            addStem(stem)
        }
        guard consonants > 0 else { return nil }
        let hash = UInt16(truncatingIfNeeded: (skeleton &* 0x9E37_79B9_7F4A_7C15) >> 48)
        return hash == 0 || hash == 0xFFFF ? 1 : hash
    }

    private mutating func anchorText(_ bytes: UnsafeBufferPointer<UInt8>) {
        var spaces = 0
        var headEnd = 0
        while headEnd < bytes.count {
            if bytes[headEnd] == 0x20 {
                spaces += 1
                if spaces == Self.anchorWords { break }
            }
            headEnd += 1
        }
        spaces = 0
        var tailStart = bytes.count - 1
        while tailStart > 0 {
            if bytes[tailStart] == 0x20 {
                spaces += 1
                if spaces == Self.anchorWords { break }
            }
            tailStart -= 1
        }
        anchorText(bytes, headEnd: headEnd, tailStart: tailStart + 1)
    }

    /// The anchors of the text's first words, `0..<headEnd`, and of its last, `tailStart..<bytes.count`.
    private mutating func anchorText(_ bytes: UnsafeBufferPointer<UInt8>, headEnd: Int, tailStart: Int) {
        textAnchors[0] = Self.hash16(bytes, 0..<headEnd, seed: 0x4845_4144)
        textAnchors[1] = Self.hash16(bytes, tailStart..<bytes.count, seed: 0x5441_494c)
    }

    /// The value of a word of one or two digits, nil for any other word.
    private static func shortNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        guard word.count <= 2 else { return nil }
        var value = 0
        for index in word {
            guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else { return nil }
            value = value * 10 + Int(bytes[index] - 0x30)
        }
        return value
    }

    private var numberCount: Int {
        var count = 0
        while count < 4 && numbers[count] != 0 { count += 1 }
        return count
    }

    /// Replaces the hour and minute numbers just added by one time-of-day number.
    private mutating func markTime(hour: (value: Int, added: Bool), minutes: Int, minutesAdded: Bool) {
        if minutesAdded {
            numbers[numberCount - 1] = 0
        }
        let time = Self.numberCode(value: Self.timeBase + hour.value * 60 + minutes)
        if hour.added {
            numbers[numberCount - 1] = time
        } else {
            addNumber(time)
        }
    }

    /// Times of day are kept as numbers from here on (minutes since midnight added), apart from counts.
    static let timeBase = 30_000

    static func isTime(_ code: UInt16) -> Bool { numberValue(code) >= timeBase }

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
        if Self.disjoint(designations, other.designations) { return true }
        return numbersConflict(with: other)
    }

    /// Each post states a plain number the other does not (`13 резервистов`/`30 резервистов`, `до 10 лет`/`до 7
    /// лет`, `в 16:23`/`в 14:21`, `3228 файлов`/`3572 файла`): otherwise-identical texts with other numbers are
    /// other sightings, whatever the numbers count. A round figure matches a number close to it (`около 30` for
    /// `32 единицы`, see `numbersMatch`), counts that agree are left out, and a number only one post states is no
    /// conflict.
    func numbersConflict(with other: PostProfile) -> Bool {
        let skipCounts = hasCount && other.hasCount && countsAgree(with: other)
        return hasPlainNumber(unmatchedIn: other, skippingCounts: skipCounts)
            && other.hasPlainNumber(unmatchedIn: self, skippingCounts: skipCounts)
    }

    private func hasPlainNumber(unmatchedIn other: PostProfile, skippingCounts: Bool) -> Bool {
        mine: for index in 0..<4 where numbers[index] != 0 && numbers[index] & 1 == 0 {
            let number = numbers[index]
            if skippingCounts && (number == countHash(0) || number == countHash(1)) { continue }
            // Compared with numbers of the same kind only: a time of day and a count say different things.
            var comparable = false
            for theirs in 0..<4 where other.numbers[theirs] != 0 && other.numbers[theirs] & 1 == 0 {
                guard Self.isTime(number) == Self.isTime(other.numbers[theirs]) else { continue }
                comparable = true
                if Self.numbersMatch(Self.numberValue(number), Self.numberValue(other.numbers[theirs])) {
                    continue mine
                }
            }
            if comparable { return true }
        }
        return false
    }

    /// Equal, or one is a round figure of 25 or more (a multiple of 5, as people estimate) within 15 % of the
    /// other: `около 30` and `32`, not `10` and `7` nor `3228` and `3572`.
    /// Times of day match within `timeTolerance` minutes.
    static func numbersMatch(_ a: Int, _ b: Int) -> Bool {
        if a == b { return true }
        if a >= timeBase && b >= timeBase { return abs(a - b) <= timeTolerance }
        let rounded = (a >= 25 && a % 5 == 0) || (b >= 25 && b % 5 == 0)
        return rounded && Double(abs(a - b)) <= 0.15 * Double(max(a, b))
    }

    /// Different names in two texts in the same script: each names something that does not occur in the other
    /// at all (`над Мачулищами`/`над Лунинцом`), so they are about different places, also ones the gazetteer does
    /// not know. A retelling that adds a name is no conflict, nor are texts in different scripts.
    func namesConflict(with other: PostProfile) -> Bool {
        script == other.script && hasName(absentFrom: other) && other.hasName(absentFrom: self)
    }

    private func hasName(absentFrom other: PostProfile) -> Bool {
        for index in 0..<4 where names[index] != 0 && !other.mayContainWord(skeleton: names[index]) { return true }
        return false
    }

    /// The filter's three bit positions for a skeleton hash (bytes of a remix, so they are independent).
    @inline(__always)
    private static func bloomBits(_ skeleton: UInt16) -> (Int, Int, Int) {
        let mixed = (UInt64(skeleton) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        return (Int(mixed >> 56), Int((mixed >> 48) & 0xFF), Int((mixed >> 40) & 0xFF))
    }

    private mutating func addSkeleton(_ skeleton: UInt16) {
        let (a, b, c) = Self.bloomBits(skeleton)
        wordSkeletons[a >> 6] |= 1 << UInt64(a & 63)
        wordSkeletons[b >> 6] |= 1 << UInt64(b & 63)
        wordSkeletons[c >> 6] |= 1 << UInt64(c & 63)
    }

    func mayContainWord(skeleton: UInt16) -> Bool {
        let (a, b, c) = Self.bloomBits(skeleton)
        return wordSkeletons[a >> 6] >> UInt64(a & 63) & 1 == 1 && wordSkeletons[b >> 6] >> UInt64(b & 63) & 1 == 1
            && wordSkeletons[c >> 6] >> UInt64(c & 63) & 1 == 1
    }
    /// A word's skeleton as `addWord` finds it: its first three consonants (`Мозыря`, `Мозырем`, `Мазыра` → `мзр`;
    /// `Добруш` → `дбр`), with the Belarusian `ў` as `в` and `ц` as `т` (`Віцебск`/`Витебск`), hashed; a word
    /// with digits as a designation (`Мі-8`/`Ми-8`). Nil when it has no consonant.
    static func nameSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt16? {
        var scratch = PostProfile()
        var end = word.lowerBound
        return scratch.addWord(bytes, from: word.lowerBound, limit: word.upperBound, end: &end)
    }

    /// How the facts of two posts support each other, for posts in other words or another language: shared
    /// places (with directions; `bothPlaces` when they share two), shared equipment or designation, an agreeing
    /// count or a shared number, the same category.
    struct Agreement: Equatable {
        var place = false
        var bothPlaces = false
        var equipment = false
        var number = false
        var category = false

        /// Independent facts that agree (two shared places count twice).
        var facts: Int {
            (place ? 1 : 0) + (bothPlaces ? 1 : 0) + (equipment ? 1 : 0) + (number ? 1 : 0)
        }
    }

    func agreement(with other: PostProfile) -> Agreement {
        var result = Agreement()
        var shared = 0
        for mine in [places[0], places[1], places[2], direction] where mine != 0 {
            if Self.contains(other.places, mine) || mine == other.direction { shared += 1 }
        }
        result.place = shared >= 1
        result.bothPlaces = shared >= 2
        result.equipment =
            Self.intersect(self.equipment, other.equipment) || Self.intersect(designations, other.designations)
        result.number = hasCount && other.hasCount && countsAgree(with: other)
        for index in 0..<4 where !result.number && numbers[index] != 0 && numbers[index] & 1 == 0 {
            result.number = Self.contains(other.numbers, numbers[index])
        }
        result.category = category != 0 && category == other.category && category != Self.otherCategory
        return result
    }

    static let otherCategory = UInt8(Category.allCases.firstIndex(of: .other)! + 1)

    /// Both posts have a category other than `other`, and they differ (a relay cabinet burned and a road blocked
    /// at the same place and time).
    func categoriesDiffer(from other: PostProfile) -> Bool {
        category != 0 && other.category != 0 && category != other.category && category != Self.otherCategory
            && other.category != Self.otherCategory
    }

    /// The designation hashes among `numbers`, the rest 0.
    var designations: InlineArray<4, UInt16> {
        var result = InlineArray<4, UInt16>(repeating: 0)
        for index in 0..<4 where numbers[index] & 1 == 1 { result[index] = numbers[index] }
        return result
    }

    var hasCount: Bool { counts[0] != 0 }

    /// Both posts state a count and the counts agree.
    func countsMatch(_ other: PostProfile) -> Bool {
        hasCount && other.hasCount && countsAgree(with: other)
    }

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

    static let factKeyCount = 8

    /// Keys for the facts index (`NearStore`), one per pair of main facts, distinct, 0 for unused: main places
    /// (the direction or the first place, and the next place) with the main equipment, with the main number and
    /// with the category, the main equipment with the main number, and the two main places together. The main
    /// number is the first count, else the first number in the text, hashed by its digits either way, so
    /// "27 единиц" and "27 vehicles" share it.
    var factKeys: SIMD8<UInt16> {
        var keys = SIMD8<UInt16>()
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
        let secondPlace = direction != 0 ? places[0] : places[1]
        let number = mainNumber
        let categoryKey = category == Self.otherCategory ? 0 : UInt16(category)
        add(1, mainPlace, equipment[0])
        add(2, mainPlace, number)
        add(4, mainPlace, categoryKey)
        add(1, secondPlace, equipment[0])
        add(2, secondPlace, number)
        add(4, secondPlace, categoryKey)
        add(3, equipment[0], number)
        add(5, min(mainPlace, secondPlace), max(mainPlace, secondPlace))
        return keys
    }

    /// The anchor-index keys of the text anchors (0 for none).
    var anchorKeys: InlineArray<2, UInt16> {
        var keys = InlineArray<2, UInt16>(repeating: 0)
        for index in 0..<2 where textAnchors[index] != 0 {
            let mixed = (UInt64(index + 6) << 32 | UInt64(textAnchors[index])) &* 0x9E37_79B9_7F4A_7C15
            keys[index] = UInt16(truncatingIfNeeded: mixed >> 40) | 1
        }
        return keys
    }

    /// The first count, else the first plain number in the text, by its `numberCode`; 0 if none.
    var mainNumber: UInt16 {
        if counts[0] != 0 { return countHash(0) }
        for index in 0..<4 where numbers[index] != 0 && numbers[index] & 1 == 0 { return numbers[index] }
        return 0
    }

    /// Count `index` as a `numberCode`, so that `27 единиц` and a plain `27` agree; 0 if none.
    func countHash(_ index: Int) -> UInt16 {
        counts[index] == 0 ? 0 : Self.numberCode(value: Int(counts[index]))
    }

    /// A plain number as kept in `numbers`: its value (up to 32,766; larger ones as that) shifted left, bit 0
    /// clear, never 0.
    static func numberCode(value: Int) -> UInt16 {
        UInt16((min(value, 32_766) + 1) << 1)
    }

    static func numberCode(_ bytes: UnsafeBufferPointer<UInt8>, _ digits: Range<Int>) -> UInt16 {
        var value = 0
        for index in digits {
            value = min(value * 10 + Int(bytes[index] &- 0x30), 32_766)
        }
        return numberCode(value: value)
    }

    static func numberValue(_ code: UInt16) -> Int { Int(code >> 1) - 1 }

    /// Two reporters' times of the same sighting may differ by a few minutes.
    static let timeTolerance = 5

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

    /// Hash of a designation word transliterated to Latin (`ту-22м3` → `tu-22m3`, `МиГ-31К` → `mig-31k`), by its
    /// base model.
    static func designationHash(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt16 {
        // FNV-1a over the Latin bytes as they are produced; the base model ends with the first run of digits
        // (`a-50u` → `a-50`, `t-72b3` → `t-72`), so a variant and its base agree while `su-30` and `su-35` do not.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var sawDigit = false
        func feed(_ byte: UInt8) -> Bool {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if sawDigit && !isDigit { return false }
            sawDigit = sawDigit || isDigit
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            return true
        }
        var index = word.lowerBound
        scan: while index < word.upperBound {
            let byte = bytes[index]
            if byte < 0x80 {
                if !feed(byte) { break }
                index += 1
                continue
            }
            var end = index + 1
            while end < word.upperBound && bytes[end] & 0xC0 == 0x80 { end += 1 }
            var latin: UInt32 = 0
            if end - index == 2 {
                let scalar = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                if scalar >= 0x430 && scalar <= 0x44F {
                    latin = cyrillicToLatin[Int(scalar - 0x430)]
                } else if scalar == 0x456 {
                    latin = 0x69  // і
                } else if scalar == 0x45E {
                    latin = 0x75  // ў
                }
            }
            if latin != 0 {
                while latin != 0 {
                    if !feed(UInt8(truncatingIfNeeded: latin)) { break scan }
                    latin >>= 8
                }
            } else if end - index != 2 || bytes[index] != 0xD1 || (bytes[index + 1] != 0x8A && bytes[index + 1] != 0x8C)
            {
                for other in index..<end where !feed(bytes[other]) { break scan }
            }
            index = end
        }
        let folded = UInt16(truncatingIfNeeded: (hash ^ 0x4445_5349) &* 0x9E37_79B9_7F4A_7C15 >> 48)
        return folded == 0 || folded == 0xFFFF ? 1 : folded
    }

    /// а…я as up to three Latin letters, packed little-endian (ъ and ь as nothing).
    private static let cyrillicToLatin: [UInt32] = [
        0x000061, 0x000062, 0x000076, 0x000067, 0x000064, 0x000065, 0x00687a, 0x00007a, 0x000069, 0x000069, 0x00006b,
        0x00006c, 0x00006d, 0x00006e, 0x00006f, 0x000070, 0x000072, 0x000073, 0x000074, 0x000075, 0x000066, 0x000068,
        0x000063, 0x006863, 0x006873, 0x686373, 0x000000, 0x000079, 0x000000, 0x000065, 0x007579, 0x006179,
    ]
}
