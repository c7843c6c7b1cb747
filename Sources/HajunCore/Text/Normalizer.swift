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
