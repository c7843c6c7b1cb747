// INTERIM STUB — owned by the hashing work (issue 4).
public enum Fingerprinter {
    public static func fingerprint(_ text: NormalizedText) -> Fingerprint {
        Fingerprint(exact: XXH3.hash64(text.bytes), simhash: SimHash.hash64(text))
    }
}
