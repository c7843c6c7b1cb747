/// Text after normalization: what fingerprints, dedup and the classifier look at.
///
/// Lowercase words (letters and digits, with inner hyphens and apostrophes such as `су-34` or `з'ява`) separated
/// by single ASCII spaces, no leading or trailing space. `Normalizer` documents every fold.
public struct NormalizedText: Sendable, Hashable {
    /// Normalized UTF-8 bytes: words separated by single spaces.
    public var bytes: [UInt8]

    /// The normalized text as a `String`.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Byte offsets of the words written capitalized in mid-sentence (`… в сторону Мозыря`, `… near Mazyr`):
    /// most are names of places, units or equipment. Dedup takes two otherwise similar posts naming different
    /// ones as different sightings, even for places the gazetteer does not know. Not part of equality.
    public var namedWordStarts: [Int32]

    public init(bytes: [UInt8], namedWordStarts: [Int32] = []) {
        self.bytes = bytes
        self.namedWordStarts = namedWordStarts
    }

    /// True when nothing was left (a post of only links, mentions, emoji or signatures).
    public var isEmpty: Bool { bytes.isEmpty }

    public static func == (lhs: NormalizedText, rhs: NormalizedText) -> Bool { lhs.bytes == rhs.bytes }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    /// The words, as byte ranges of `bytes`.
    public var wordRanges: [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x20 {
            if index > start { ranges.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { ranges.append(start..<bytes.count) }
        return ranges
    }
}
