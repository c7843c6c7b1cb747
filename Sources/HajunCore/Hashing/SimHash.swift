// INTERIM STUB — owned by the hashing work (issue 4).
public enum SimHash {
    public static func hash64(_ text: NormalizedText) -> UInt64 {
        XXH3.hash64(text.bytes)
    }
}
