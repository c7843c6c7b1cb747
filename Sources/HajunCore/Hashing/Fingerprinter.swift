/// Computes a post's fingerprint from its normalized text.
public enum Fingerprinter {
    /// XXH3-64 (seed 0) of the normalized bytes, and their SimHash-64.
    public static func fingerprint(_ text: NormalizedText) -> Fingerprint {
        text.bytes.withUnsafeBufferPointer { bytes in
            Fingerprint(exact: XXH3.hash64(UnsafeRawBufferPointer(bytes)), simhash: SimHash.hash64(utf8: bytes))
        }
    }
}
