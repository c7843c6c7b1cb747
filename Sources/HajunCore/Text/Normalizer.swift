import Foundation  // NFC composition only, on the rare posts that carry combining marks.

/// Normalizes post text before fingerprinting, dedup and classification.
///
/// In order, on UTF-8 bytes (one pass, plus an NFC pre-pass only for text with combining marks):
/// - Unicode NFC, then combining marks NFC leaves (stress accents `а́`) dropped, and invisible characters
///   (zero-width space and joiners, soft hyphen, variation selectors) dropped without splitting the word;
/// - chunks between white space that are URLs (`https://…`, `www.…`, `t.me/…`, `name.by/…`), @mentions or
///   #hashtags removed, and a `via` left dangling before a removed mention or URL with them;
/// - words are runs of letters and digits, with inner hyphens (`су-34`, `10-15`) and apostrophes (`з'ява`)
///   kept as ASCII `-` and `'`; everything else (punctuation, repeated or not, emoji, symbols) separates words;
/// - mixed-script words folded to one script (`Cу-34` → `су-34`, `Мiнск` → `мінск`, `сonvoy` → `convoy`), see
///   `Lookalikes`;
/// - lowercase (full Unicode lowercase mapping), `ё` → `е`; Belarusian `і` and `ў` kept;
/// - channel signatures dropped, line by line, see `ChannelSignatures`;
/// - words joined by single spaces: line breaks and white space runs become one space.
public enum Normalizer {
    /// The normalized form of `text`.
    public static func normalize(_ text: String) -> NormalizedText {
        var text = text
        if let normalized = text.withUTF8({ NormalizationPass.run($0, composed: false) }) {
            return normalized
        }
        var composed = text.precomposedStringWithCanonicalMapping
        return composed.withUTF8 { NormalizationPass.run($0, composed: true)! }
    }
}

/// One run of the normalizer over valid UTF-8.
private struct NormalizationPass {
    let input: UnsafeBufferPointer<UInt8>
    /// True once the input is NFC: combining marks are then dropped instead of asking for composition.
    let composed: Bool
    var output: [UInt8]
    /// The current word's scalars as written (case and script untouched); `-` and `'` stand for inner joiners.
    var word: [UInt32] = []
    var census = Lookalikes.WordCensus()
    /// The current line's words, as ranges of `output`, and whether each is a name (see `namedWordStarts`).
    var lineWords: [Range<Int>] = []
    var lineNames: [Bool] = []
    var namedWordStarts: [Int32] = []
    /// True until the first word of a sentence is taken.
    var atSentenceStart = true
    var dominantScript: Lookalikes.Script?

    /// The normalized text, or nil when `input` has combining marks and is not `composed` yet.
    static func run(_ input: UnsafeBufferPointer<UInt8>, composed: Bool) -> NormalizedText? {
        var pass = NormalizationPass(input: input, composed: composed, output: [])
        pass.output.reserveCapacity(input.count)
        pass.word.reserveCapacity(32)
        guard pass.scan() else { return nil }
        return NormalizedText(bytes: pass.output, namedWordStarts: pass.namedWordStarts)
    }

    /// Returns false when it meets a combining mark in text that is not composed yet.
    mutating func scan() -> Bool {
        var index = 0
        var atChunkStart = true
        while index < input.count {
            let (scalar, length) = decode(at: index)
            if Self.isLineBreak(scalar) {
                endWord()
                endLine()
                atChunkStart = true
                atSentenceStart = true
            } else if Self.isSpace(scalar) {
                endWord()
                atChunkStart = true
            } else {
                if atChunkStart {
                    atChunkStart = false
                    if let end = removableChunkEnd(from: index) {
                        dropDanglingVia()
                        index = end
                        continue
                    }
                }
                if !take(scalar) { return false }
            }
            index += length
        }
        endWord()
        endLine()
        return true
    }

    /// Adds `scalar` to the current word or ends the word. False for a mark that needs composition first.
    mutating func take(_ scalar: UInt32) -> Bool {
        switch Self.kind(of: scalar) {
        case .letter, .digit:
            word.append(scalar)
            census.count(scalar, Lookalikes.script(of: scalar))
        case .hyphen:
            if let last = word.last, last != 0x2D, last != 0x27 { word.append(0x2D) }
        case .apostrophe:
            if let last = word.last, last != 0x2D, last != 0x27, Self.kind(of: last) == .letter { word.append(0x27) }
        case .composingMark:
            if !composed { return false }
        case .ignorable:
            break
        case .separator:
            endWord()
            if Self.endsSentence(scalar) { atSentenceStart = true }
        }
        return true
    }

    // MARK: - Words and lines

    mutating func endWord() {
        while let last = word.last, last == 0x2D || last == 0x27 { word.removeLast() }
        defer {
            word.removeAll(keepingCapacity: true)
            census = Lookalikes.WordCensus()
        }
        guard !word.isEmpty else { return }
        let isName = !atSentenceStart && Self.isCapitalized(word)
        atSentenceStart = false
        var target = Lookalikes.Script.other
        let census = self.census
        if census.isMixed {
            target = census.target { self.dominant() }
        }
        if !output.isEmpty { output.append(0x20) }
        let start = output.count
        for scalar in word {
            var folded = scalar
            if target == .cyrillic, let twin = Lookalikes.cyrillicTwin(ofLatin: scalar) {
                folded = twin
            } else if target == .latin, let twin = Lookalikes.latinTwin(ofCyrillic: scalar) {
                folded = twin
            }
            appendLowercased(folded)
        }
        lineWords.append(start..<output.count)
        lineNames.append(isName)
    }

    mutating func endLine() {
        defer {
            lineWords.removeAll(keepingCapacity: true)
            lineNames.removeAll(keepingCapacity: true)
        }
        guard !lineWords.isEmpty else { return }
        let drop = output.withUnsafeBufferPointer { ChannelSignatures.dropMask(line: lineWords, bytes: $0) }
        guard let drop else {
            for (range, isName) in zip(lineWords, lineNames) where isName {
                namedWordStarts.append(Int32(range.lowerBound))
            }
            return
        }
        let kept = lineWords.indices.filter { !drop[$0] }.map { (Array(output[lineWords[$0]]), lineNames[$0]) }
        // Cut the line, and the space that joined it to the previous one.
        output.removeSubrange(max(0, lineWords[0].lowerBound - 1)..<output.count)
        for (word, isName) in kept {
            if !output.isEmpty { output.append(0x20) }
            if isName { namedWordStarts.append(Int32(output.count)) }
            output.append(contentsOf: word)
        }
    }

    /// "via @channel": the mention is removed with its chunk, the `via` before it goes too.
    mutating func dropDanglingVia() {
        guard let last = lineWords.last, last.count == 3, output[last.lowerBound] == 0x76,
            output[last.lowerBound + 1] == 0x69, output[last.lowerBound + 2] == 0x61
        else { return }
        output.removeSubrange(max(0, last.lowerBound - 1)..<output.count)
        lineWords.removeLast()
        lineNames.removeLast()
    }

    /// The script with more letters that can only be its own in the whole input (Cyrillic on a tie): what an
    /// all-look-alike mixed word such as `Cу` (Latin C, Cyrillic у) is folded to.
    mutating func dominant() -> Lookalikes.Script {
        if let dominantScript { return dominantScript }
        var census = Lookalikes.WordCensus()
        var index = 0
        while index < input.count {
            let (scalar, length) = decode(at: index)
            census.count(scalar, Lookalikes.script(of: scalar))
            index += length
        }
        let script: Lookalikes.Script =
            census.distinctlyLatin > census.distinctlyCyrillic
                || (census.distinctlyLatin == census.distinctlyCyrillic && census.latin > census.cyrillic)
            ? .latin : .cyrillic
        dominantScript = script
        return script
    }

    // MARK: - Output

    mutating func appendLowercased(_ scalar: UInt32) {
        if let lower = Self.simpleLowercase(scalar) {
            appendUTF8(lower == 0x451 ? 0x435 : lower)  // ё → е
            return
        }
        guard let value = Unicode.Scalar(scalar) else { return }
        if !value.properties.changesWhenLowercased {
            appendUTF8(scalar)
            return
        }
        for lower in value.properties.lowercaseMapping.unicodeScalars {
            let kind = Self.kind(of: lower.value)
            if kind == .letter || kind == .digit { appendUTF8(lower.value) }
        }
    }

    /// Lowercase of Latin-1 and Cyrillic letters without table lookups; nil for other scripts.
    @inline(__always)
    static func simpleLowercase(_ s: UInt32) -> UInt32? {
        switch s {
        case 0x41...0x5A: return s + 0x20
        case 0x00...0x7F: return s
        case 0xC0...0xDE where s != 0xD7: return s + 0x20
        case 0xDF...0xFF: return s
        case 0x400...0x40F: return s + 0x50
        case 0x410...0x42F: return s + 0x20
        case 0x430...0x45F: return s
        case 0x460...0x481, 0x48A...0x4BF, 0x4D0...0x52F: return s | 1
        case 0x4C0: return 0x4CF
        case 0x4C1...0x4CE: return s & 1 == 1 ? s + 1 : s
        case 0x4CF: return s
        default: return nil
        }
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: - Input

    /// Decodes the scalar at `index` of valid UTF-8 (a `String`'s bytes).
    @inline(__always)
    func decode(at index: Int) -> (UInt32, Int) {
        let b0 = UInt32(input[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(input[index + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (
                ((b0 & 0x0F) << 12) | ((UInt32(input[index + 1]) & 0x3F) << 6) | (UInt32(input[index + 2]) & 0x3F), 3
            )
        }
        let value =
            ((b0 & 0x07) << 18) | ((UInt32(input[index + 1]) & 0x3F) << 12) | ((UInt32(input[index + 2]) & 0x3F) << 6)
            | (UInt32(input[index + 3]) & 0x3F)
        return (value, 4)
    }

    /// When the chunk (run of non-space) starting at `start` is a URL, a mention or a hashtag: where it ends.
    func removableChunkEnd(from start: Int) -> Int? {
        var end = start
        while end < input.count {
            let (scalar, length) = decode(at: end)
            if Self.isSpace(scalar) || Self.isLineBreak(scalar) { break }
            end += length
        }
        var index = start
        // Opening brackets and quotes: ( [ { " ' < and « “ „ ‘.
        while index < end {
            let (scalar, length) = decode(at: index)
            guard [0x28, 0x5B, 0x7B, 0x22, 0x27, 0x3C, 0xAB, 0x201C, 0x201E, 0x2018].contains(scalar) else { break }
            index += length
        }
        guard index < end else { return nil }
        let first = input[index]
        if first == 0x40 || first == 0x23 {  // @mention, #hashtag
            return index + 1 < end ? end : nil
        }
        return isURL(index..<end) ? end : nil
    }

    static let urlPrefixes = ["http://", "https://", "www.", "t.me/", "tg://", "telegram.me/"].map { Array($0.utf8) }
    static let topLevelDomains: Set<[UInt8]> = Set(
        [
            "by", "ru", "ua", "com", "org", "net", "info", "io", "me", "tv", "su", "eu", "pl", "lt", "lv", "de",
            "uk", "us", "gov", "edu", "co", "news", "online", "site", "app", "link", "ly",
        ].map { Array($0.utf8) })

    /// `http(s)://…`, `www.…`, `t.me/…`, or `label.label.tld` (optionally followed by `/…`) in ASCII.
    func isURL(_ range: Range<Int>) -> Bool {
        for prefix in Self.urlPrefixes where range.count >= prefix.count {
            var equal = true
            for offset in 0..<prefix.count where input[range.lowerBound + offset] | 0x20 != prefix[offset] | 0x20 {
                equal = false
                break
            }
            if equal { return true }
        }
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = input[index]
            let isHostByte =
                (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
                || byte == 0x2E
            if !isHostByte { break }
            index += 1
        }
        // The host must be followed by a path or by nothing but closing punctuation.
        if index < range.upperBound && input[index] != 0x2F {
            for rest in index..<range.upperBound
            where ![0x2C, 0x2E, 0x29, 0x5D, 0x3A, 0x3B, 0x21, 0x3F].contains(input[rest]) {
                return false
            }
        }
        var host = range.lowerBound..<index
        if let last = host.last, input[last] == 0x2E { host = host.lowerBound..<last }  // "site.by." ends a sentence
        guard let lastDot = host.last(where: { input[$0] == 0x2E }), lastDot > host.lowerBound,
            host.upperBound - lastDot > 2
        else { return false }
        return Self.topLevelDomains.contains(input[(lastDot + 1)..<host.upperBound].map { $0 | 0x20 })
    }

    // MARK: - Character classes

    enum Kind {
        case letter, digit, hyphen, apostrophe, composingMark, ignorable, separator
    }

    @inline(__always)
    static func kind(of s: UInt32) -> Kind {
        if s < 0x80 {
            if (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A { return .letter }
            if s >= 0x30 && s <= 0x39 { return .digit }
            if s == 0x2D { return .hyphen }
            if s == 0x27 { return .apostrophe }
            return .separator
        }
        if s >= 0x400 && s <= 0x52F {
            if s >= 0x483 && s <= 0x489 { return .ignorable }  // Cyrillic titlo and other combining marks
            return s == 0x482 ? .separator : .letter
        }
        switch s {
        case 0x300...0x36F: return .composingMark
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63, 0xFF0D: return .hyphen
        case 0x2019, 0x02BC: return .apostrophe
        case 0xAD, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0xFE00...0xFE0F, 0x20D0...0x20FF, 0x1AB0...0x1AFF,
            0x1DC0...0x1DFF, 0xFE20...0xFE2F, 0xE0000...0xE007F:
            return .ignorable
        default: break
        }
        guard let value = Unicode.Scalar(s) else { return .separator }
        let properties = value.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber:
            return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .ignorable
        default:
            return .separator
        }
    }

    /// . ! ? … and their full-width forms: the next word starts a sentence, so its capital says nothing.
    @inline(__always)
    static func endsSentence(_ s: UInt32) -> Bool {
        s == 0x2E || s == 0x21 || s == 0x3F || s == 0x2026 || s == 0xFF01 || s == 0xFF1F || s == 0x3002
    }

    /// An uppercase first letter followed by at least one lowercase letter (`Мозыря`, `МиГ-31К`, not `ПВО`).
    static func isCapitalized(_ word: [UInt32]) -> Bool {
        guard let first = word.first, isUppercase(first) else { return false }
        return word.dropFirst().contains { isLowercase($0) }
    }

    @inline(__always)
    static func isUppercase(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x41 && s <= 0x5A }
        if s >= 0x400 && s <= 0x42F { return true }
        if s >= 0x430 && s <= 0x45F { return false }
        return Unicode.Scalar(s)?.properties.isUppercase ?? false
    }

    @inline(__always)
    static func isLowercase(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x61 && s <= 0x7A }
        if s >= 0x430 && s <= 0x45F { return true }
        if s >= 0x400 && s <= 0x42F { return false }
        return Unicode.Scalar(s)?.properties.isLowercase ?? false
    }

    @inline(__always)
    static func isSpace(_ s: UInt32) -> Bool {
        s == 0x20 || s == 0x09 || s == 0x0B || s == 0x0C || s == 0xA0 || (s >= 0x2000 && s <= 0x200A) || s == 0x202F
            || s == 0x205F || s == 0x3000 || s == 0x1680
    }

    @inline(__always)
    static func isLineBreak(_ s: UInt32) -> Bool {
        s == 0x0A || s == 0x0D || s == 0x85 || s == 0x2028 || s == 0x2029
    }
}
