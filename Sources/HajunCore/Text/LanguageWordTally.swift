/// `LanguageDetector`'s letter and function-word counts, gathered one word of the normalized text at a time (the
/// words of `WordSpan.split`, cut at spaces and hyphens) instead of by scanning the text again: the classifier's
/// term index visits every word anyway, and remembers each word's counts (`pack`) with its matches.
///
/// The detector's words run from separator to separator with their hyphens ("су-34" is one word), so the tally
/// joins hyphen-joined words back together: their Latin `i`s are judged together, and a word with a hyphen is no
/// function word. It models words of ASCII letters, digits and apostrophes and Cyrillic letters only; a word
/// holding anything else makes it give up (`isExact` false), and the caller scans the text instead.
struct LanguageWordTally {
    private(set) var cyrillic = 0
    private(set) var latin = 0
    /// Cyrillic letters by `LanguageDetector.LetterClass`.
    private(set) var letters = InlineArray<8, Int>(repeating: 0)
    private(set) var words = LanguageDetector.Evidence()
    /// False when a word held a character the tally does not model.
    private(set) var isExact = true
    /// The detector's word being read (hyphen-joined words so far).
    private var wordCyrillic = 0
    private var wordLatin = 0
    private var wordLatinI = 0
    /// Where the previous word ended, -1 before the first.
    private var previousEnd = -1

    /// One word's counts in 57 bits: Cyrillic letters, Latin letters, Latin `i`s, then Cyrillic letters of each
    /// `LetterClass` from 1 to 6 (6 bits each), the function-word language (2 bits: 0 none, 1 ru, 2 be, 3 uk)
    /// and a bit for a character the tally does not model. Words of at most `longestPacked` bytes fit.
    static let longestPacked = 32
    private static let functionWordShift: UInt64 = 54
    private static let unmodelledBit: UInt64 = 1 << 56

    /// The counts of the word `bytes[start..<end]` (at most `longestPacked` bytes), packed.
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> UInt64 {
        let cyrillicLetters = LanguageDetector.cyrillicLetters
        var packed: UInt64 = 0
        // The word's bytes as the detector packs them for the function-word table (lowercased, `ё` as `е`).
        var low: UInt64 = 0
        var high: UInt64 = 0
        var index = start
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                if (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x41 && lead <= 0x5A) {
                    packed &+= 1 << 6
                    if lead == 0x69 || lead == 0x49 { packed &+= 1 << 12 }
                    high = (high << 8) | (low >> 56)
                    low = (low << 8) | UInt64(lead | 0x20)
                } else if lead == 0x27 || (lead >= 0x30 && lead <= 0x39) {
                    high = (high << 8) | (low >> 56)
                    low = (low << 8) | UInt64(lead)
                } else {
                    return unmodelledBit
                }
                index += 1
                continue
            }
            guard lead & 0xE0 == 0xC0 && index + 1 < end else { return unmodelledBit }
            let scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
            guard scalar >= 0x400 && scalar <= 0x4FF else { return unmodelledBit }
            let letter = cyrillicLetters[Int(scalar) - 0x400]
            packed &+= 1
            let letterClass = UInt64(letter & 0xFF)
            if letterClass != 0 { packed &+= 1 << (12 + 6 * letterClass) }
            high = (high << 16) | (low >> 48)
            low = (low << 16) | (UInt64((letter >> 8) & 0xFF) << 8 | UInt64((letter >> 16) & 0xFF))
            index += 2
        }
        if end - start <= 16 {
            let language = LanguageDetector.FunctionWordTable.shared.language(low: low, high: high)
            packed |= UInt64(language) << functionWordShift
        }
        return packed
    }

    /// Adds the word `bytes[start..<end]` (the next of `WordSpan.split`'s) whose counts `pack` gave.
    @inline(__always)
    mutating func add(_ packed: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        let hyphenBefore = start > 0 && bytes[start - 1] == 0x2D
        let hyphenAfter = end < bytes.count && bytes[end] == 0x2D
        join(hyphenBefore: hyphenBefore, bytes, start: start, end: end)
        count(packed)
        guard !hyphenBefore && !hyphenAfter else { return }
        switch (packed >> LanguageWordTally.functionWordShift) & 3 {
        case 1: words.russian &+= 1
        case 2: words.belarusian &+= 1
        case 3: words.ukrainian &+= 1
        default: break
        }
    }

    /// Adds a word longer than `longestPacked` bytes, in packed pieces; it is no function word (those are short).
    mutating func addLong(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        join(hyphenBefore: start > 0 && bytes[start - 1] == 0x2D, bytes, start: start, end: end)
        var index = start
        while index < end {
            var cut = min(index + LanguageWordTally.longestPacked, end)
            // Not inside a two-byte letter (a longer character is not modelled whatever the cut).
            if cut < end && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            count(LanguageWordTally.pack(bytes, start: index, end: cut))
            index = cut
        }
    }

    /// Ends the detector's word before this one unless only hyphens lie between them.
    @inline(__always)
    private mutating func join(hyphenBefore: Bool, _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        if !hyphenBefore || !LanguageWordTally.onlyHyphens(bytes, from: previousEnd, to: start) { endWord() }
        previousEnd = end
    }

    /// Adds a word's letters (not its function-word language) to the detector's word being read.
    @inline(__always)
    private mutating func count(_ packed: UInt64) {
        if packed & LanguageWordTally.unmodelledBit != 0 { isExact = false }
        wordCyrillic &+= Int(packed & 63)
        wordLatin &+= Int((packed >> 6) & 63)
        wordLatinI &+= Int((packed >> 12) & 63)
        // Many words have none of the letters that tell the alphabets apart.
        guard (packed >> 18) & 0xF_FFFF_FFFF != 0 else { return }
        letters[1] &+= Int((packed >> 18) & 63)
        letters[2] &+= Int((packed >> 24) & 63)
        letters[3] &+= Int((packed >> 30) & 63)
        letters[4] &+= Int((packed >> 36) & 63)
        letters[5] &+= Int((packed >> 42) & 63)
        letters[6] &+= Int((packed >> 48) & 63)
    }

    /// Ends the last word; the counts are then complete.
    mutating func finish() {
        endWord()
        previousEnd = -1
    }

    private mutating func endWord() {
        if wordCyrillic > 0 && wordLatin > 0 && wordLatin == wordLatinI {
            letters[LanguageDetector.LetterClass.beUk] &+= wordLatinI
            cyrillic &+= wordCyrillic &+ wordLatin
        } else {
            cyrillic &+= wordCyrillic
            latin &+= wordLatin
        }
        wordCyrillic = 0
        wordLatin = 0
        wordLatinI = 0
    }

    /// Whether `bytes[from..<to]` are all hyphens (false when `from` is negative).
    private static func onlyHyphens(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        guard from >= 0 else { return false }
        for index in from..<to where bytes[index] != 0x2D { return false }
        return true
    }
}
