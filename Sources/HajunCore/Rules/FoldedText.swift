/// A post's text lowercased once, as UTF-8 bytes, so that every rule's text pattern can search it without `Regex`.
///
/// Swift's case-insensitive `Regex` compares grapheme clusters by `lowercased()` under canonical equivalence. A
/// byte search over the lowercased text agrees with it exactly when every scalar of the text is its own grapheme
/// cluster whatever its neighbours, lowercases to one such scalar, and is NFC-stable (no two distinct ones are
/// canonically equivalent). `isSimple` tells whether the whole text is made of such scalars (ASCII but CR, Latin-1,
/// Latin Extended-A, Cyrillic but its combining marks, punctuation, arrows, symbols, dingbats and common emoji
/// without modifiers); when it is not, patterns fall back to the `Regex`. `RuleTextPatternTests` checks the set.
///
/// The text may also hold U+FE0F VARIATION SELECTOR-16 (`❗️`, a quarter of the simulator's posts): it joins the
/// scalar before it into one cluster, which no pattern of simple scalars equals, so a match just before it does not
/// count. Patterns themselves must not hold it.
struct FoldedText {
    /// The lowercased UTF-8 text; empty when the text is not simple.
    let bytes: [UInt8]
    let isSimple: Bool
    /// Whether the text holds U+FE0F.
    let hasVariationSelector: Bool
    /// 4,096 bits: which byte pairs (hashed) occur in `bytes`; a literal whose pairs are not all here is absent.
    private let pairs: [UInt64]

    init(_ text: String) {
        var bytes: [UInt8] = []
        var selectors = false
        let simple: Bool
        if let result = text.utf8.withContiguousStorageIfAvailable({
            FoldedText.fold($0, into: &bytes, variationSelectors: &selectors)
        }) {
            simple = result
        } else {
            simple = Array(text.utf8).withUnsafeBufferPointer {
                FoldedText.fold($0, into: &bytes, variationSelectors: &selectors)
            }
        }
        isSimple = simple
        hasVariationSelector = selectors
        if !simple { bytes = [] }
        var pairs = [UInt64](repeating: 0, count: 64)
        if bytes.count > 1 {
            for index in 1..<bytes.count {
                let hash = FoldedText.pairHash(bytes[index - 1], bytes[index])
                pairs[hash >> 6] |= 1 << UInt64(hash & 63)
            }
        }
        self.bytes = bytes
        self.pairs = pairs
    }

    /// Whether `needle` (lowercased UTF-8, as folded by this type) occurs in the text. Only for simple texts.
    func contains(_ needle: [UInt8]) -> Bool {
        let count = needle.count
        guard count > 0 else { return true }
        guard count <= bytes.count else { return false }
        if count > 1 {
            for index in 1..<count {
                let hash = FoldedText.pairHash(needle[index - 1], needle[index])
                if pairs[hash >> 6] & (1 << UInt64(hash & 63)) == 0 { return false }
            }
        }
        let selectors = hasVariationSelector
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                let first = needle[0]
                var start = 0
                let last = haystack.count - count
                while start <= last {
                    if haystack[start] == first {
                        var offset = 1
                        while offset < count, haystack[start + offset] == needle[offset] { offset += 1 }
                        if offset == count {
                            let after = start + count
                            let selected =
                                selectors && after + 2 < haystack.count && haystack[after] == 0xEF
                                && haystack[after + 1] == 0xB8 && haystack[after + 2] == 0x8F
                            if !selected { return true }
                        }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    private static func pairHash(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) &* 67 &+ Int(second)) & 4095
    }

    /// Appends the lowercased `utf8` to `out`; false (stopping early) at the first scalar that is not simple.
    private static func fold(
        _ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], variationSelectors: inout Bool
    ) -> Bool {
        out.reserveCapacity(utf8.count)
        var index = 0
        let end = utf8.count
        while index < end {
            let lead = utf8[index]
            if lead < 0x80 {
                if lead == 0x0D { return false }
                out.append(lead >= 0x41 && lead <= 0x5A ? lead | 0x20 : lead)
                index += 1
            } else if lead < 0xE0 {
                let scalar = (UInt32(lead & 0x1F) << 6) | UInt32(utf8[index + 1] & 0x3F)
                let lower = twoByteLowercase[Int(scalar) - 0x80]
                guard lower != 0 else { return false }
                append(lower, to: &out)
                index += 2
            } else if lead < 0xF0 {
                let scalar =
                    (UInt32(lead & 0x0F) << 12) | (UInt32(utf8[index + 1] & 0x3F) << 6)
                    | UInt32(utf8[index + 2] & 0x3F)
                if scalar == 0xFE0F {
                    variationSelectors = true
                } else {
                    guard isSimpleUncased(scalar) else { return false }
                }
                out.append(lead)
                out.append(utf8[index + 1])
                out.append(utf8[index + 2])
                index += 3
            } else {
                let scalar =
                    (UInt32(lead & 0x07) << 18) | (UInt32(utf8[index + 1] & 0x3F) << 12)
                    | (UInt32(utf8[index + 2] & 0x3F) << 6) | UInt32(utf8[index + 3] & 0x3F)
                guard isSimpleUncased(scalar) else { return false }
                out.append(contentsOf: utf8[index..<index + 4])
                index += 4
            }
        }
        return true
    }

    private static func append(_ scalar: UInt16, to out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else {
            out.append(0xC0 | UInt8(scalar >> 6))
            out.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// Simple scalars of U+0080…U+07FF.
    static func isSimpleTwoByteRange(_ scalar: UInt32) -> Bool {
        (0xA0...0x17F).contains(scalar) || (0x400...0x482).contains(scalar) || (0x48A...0x52F).contains(scalar)
    }

    /// Simple scalars from U+0800 on: uncased, NFC-stable, never part of a larger grapheme cluster among simple ones.
    static func isSimpleUncased(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20BF, 0x2190...0x2328, 0x232B...0x23FF, 0x2500...0x27BF,
            0x1F300...0x1F3FA, 0x1F400...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF:
            return true
        default:
            return false
        }
    }

    /// For U+0080…U+07FF: the lowercase of each simple scalar (itself when uncased), 0 for the others. A scalar
    /// whose lowercase mapping is not one simple scalar (U+0130 `İ` lowercases to two) is not simple.
    static let twoByteLowercase: [UInt16] = (0x80..<0x800).map { value -> UInt16 in
        guard FoldedText.isSimpleTwoByteRange(UInt32(value)), let scalar = Unicode.Scalar(UInt32(value)) else {
            return 0
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let mapped = lower.first else { return 0 }
        let isSimple =
            (mapped.value < 0x80 && mapped.value != 0x0D) || FoldedText.isSimpleTwoByteRange(mapped.value)
        return isSimple ? UInt16(mapped.value) : 0
    }
}
