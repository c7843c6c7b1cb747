// INTERIM STUB — owned by the hashing/dedup work (issue 4), which replaces it.
/// Text after normalization: what fingerprints, dedup and the classifier look at.
public struct NormalizedText: Sendable, Hashable {
    /// Normalized UTF-8 bytes: words separated by single spaces.
    public var bytes: [UInt8]
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// Normalizes post text before fingerprinting.
public enum Normalizer {
    public static func normalize(_ text: String) -> NormalizedText {
        let folded = text.lowercased().replacingOccurrences(of: "ё", with: "е")
        let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return NormalizedText(bytes: Array(words.joined(separator: " ").utf8))
    }
}
