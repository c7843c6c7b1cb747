// INTERIM STUB — owned by the hashing work (issue 4), which replaces it with bit-exact XXH3-64.
public enum XXH3 {
    public static func hash64(_ bytes: some Collection<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
