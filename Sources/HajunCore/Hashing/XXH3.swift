/// XXH3-64, bit-exact with the reference implementation (xxHash 0.8, `XXH3_64bits_withSeed`).
///
/// Pure Swift so the core keeps no C dependency. The hot paths read through unaligned raw pointer loads and use
/// wrapping arithmetic; inputs longer than 240 bytes run the stripe loop on `SIMD8<UInt64>`, which LLVM lowers to
/// the same `pmuludq`-style vector code the C reference uses. Nothing allocates: the seeded long path derives its
/// custom secret in a stack buffer.
public enum XXH3 {
    /// XXH3-64 of `bytes` with `seed`.
    @inlinable
    public static func hash64(_ bytes: some Collection<UInt8>, seed: UInt64 = 0) -> UInt64 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hash64(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        return Array(bytes).withUnsafeBytes { hash64($0, seed: seed) }
    }

    /// XXH3-64 of `bytes` with `seed`.
    @inlinable
    public static func hash64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash64($0, seed: seed) }
    }

    /// XXH3-64 of the UTF-8 bytes of `string` with `seed`.
    @inlinable
    public static func hash64(utf8 string: String, seed: UInt64 = 0) -> UInt64 {
        var string = string
        return string.withUTF8 { hash64(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// XXH3-64 of the bytes in `buffer` with `seed`.
    @inlinable @inline(__always)
    public static func hash64(_ buffer: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let length = buffer.count
        guard length > 16 else {
            // An empty buffer may have a nil base address; the 0-length path reads no input.
            return hashUpTo16(buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, length, seed)
        }
        return hashAbove16(buffer.baseAddress!, length, seed)
    }

    // MARK: - Short inputs

    /// Up to 16 bytes, inlined into the caller. The default secret's bytes this path reads are folded into
    /// constants (XXH3Tests checks them against the secret), so it touches no memory but the input.
    @inlinable @inline(__always)
    static func hashUpTo16(_ p: UnsafeRawPointer, _ len: Int, _ seed: UInt64) -> UInt64 {
        if len > 8 {
            let low = read64(p, 0) ^ (secret24xor32 &+ seed)
            let high = read64(p, len - 8) ^ (secret40xor48 &- seed)
            let acc = UInt64(len) &+ low.byteSwapped &+ high &+ mul128Fold64(low, high)
            return avalanche(acc)
        }
        if len >= 4 {
            let seed = seed ^ (UInt64(UInt32(truncatingIfNeeded: seed).byteSwapped) << 32)
            let input1 = UInt64(read32(p, 0))
            let input2 = UInt64(read32(p, len - 4))
            let keyed = (input2 &+ (input1 << 32)) ^ (secret8xor16 &- seed)
            return rrmxmx(keyed, UInt64(len))
        }
        if len > 0 {
            let bytes = p.assumingMemoryBound(to: UInt8.self)
            let c1 = UInt32(bytes[0])
            let c2 = UInt32(bytes[len >> 1])
            let c3 = UInt32(bytes[len - 1])
            let combined = (c1 << 16) | (c2 << 24) | c3 | (UInt32(len) << 8)
            return xxh64Avalanche(UInt64(combined) ^ (UInt64(secret0xor4) &+ seed))
        }
        return xxh64Avalanche(seed ^ secret56xor64)
    }

    // XOR-folded words of the default secret: `read64(secret, a) ^ read64(secret, b)`.
    @inlinable static var secret0xor4: UInt32 { 0x8727_5a9b }
    @inlinable static var secret8xor16: UInt64 { 0xc73a_b174_c5ec_d5a2 }
    @inlinable static var secret24xor32: UInt64 { 0x6782_737b_ea42_39b9 }
    @inlinable static var secret40xor48: UInt64 { 0xaf56_bc3b_0996_523a }
    @inlinable static var secret56xor64: UInt64 { 0x8726_f910_5dc2_1ddc }

    // MARK: - Medium inputs

    /// Over 16 bytes: out of line, where the default secret is a statically initialized constant.
    @usableFromInline @inline(never)
    static func hashAbove16(_ p: UnsafeRawPointer, _ len: Int, _ seed: UInt64) -> UInt64 {
        if len > 240 { return hashLong(p, len, seed) }
        return XXH3Secret.withDefault { secret in
            len <= 128 ? hash17To128(p, len, secret, seed) : hash129To240(p, len, secret, seed)
        }
    }

    @inline(__always)
    static func hash17To128(_ p: UnsafeRawPointer, _ len: Int, _ s: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        var acc = UInt64(len) &* prime64_1
        if len > 32 {
            if len > 64 {
                if len > 96 {
                    acc &+= mix16(p + 48, s + 96, seed)
                    acc &+= mix16(p + (len - 64), s + 112, seed)
                }
                acc &+= mix16(p + 32, s + 64, seed)
                acc &+= mix16(p + (len - 48), s + 80, seed)
            }
            acc &+= mix16(p + 16, s + 32, seed)
            acc &+= mix16(p + (len - 32), s + 48, seed)
        }
        acc &+= mix16(p, s, seed)
        acc &+= mix16(p + (len - 16), s + 16, seed)
        return avalanche(acc)
    }

    @inline(__always)
    static func hash129To240(_ p: UnsafeRawPointer, _ len: Int, _ s: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        var acc = UInt64(len) &* prime64_1
        for i in 0..<8 {
            acc &+= mix16(p + 16 * i, s + 16 * i, seed)
        }
        acc = avalanche(acc)
        let rounds = len / 16
        var i = 8
        while i < rounds {
            acc &+= mix16(p + 16 * i, s + (16 * (i - 8) + 3), seed)
            i += 1
        }
        acc &+= mix16(p + (len - 16), s + (136 - 17), seed)
        return avalanche(acc)
    }

    // MARK: - Long inputs

    /// Kept out of line: it is large, and inlining it into the medium path costs instruction cache.
    @inline(never)
    static func hashLong(_ p: UnsafeRawPointer, _ len: Int, _ seed: UInt64) -> UInt64 {
        if seed == 0 {
            return XXH3Secret.withDefault { hashLong(p, len, secret: $0) }
        }
        return withUnsafeTemporaryAllocation(byteCount: XXH3Secret.size, alignment: 16) { custom in
            let out = custom.baseAddress!
            XXH3Secret.withDefault { base in
                for i in 0..<(XXH3Secret.size / 16) {
                    out.storeBytes(
                        of: (read64(base, 16 * i) &+ seed).littleEndian, toByteOffset: 16 * i, as: UInt64.self)
                    out.storeBytes(
                        of: (read64(base, 16 * i + 8) &- seed).littleEndian, toByteOffset: 16 * i + 8, as: UInt64.self)
                }
            }
            return hashLong(p, len, secret: UnsafeRawPointer(out))
        }
    }

    @inline(__always)
    static func hashLong(_ p: UnsafeRawPointer, _ len: Int, secret s: UnsafeRawPointer) -> UInt64 {
        let secretSize = XXH3Secret.size
        let stripesPerBlock = (secretSize - 64) / 8
        let blockLength = 64 * stripesPerBlock
        let blocks = (len - 1) / blockLength
        var acc = SIMD8<UInt64>(
            UInt64(prime32_3), prime64_1, prime64_2, prime64_3, prime64_4, UInt64(prime32_2), prime64_5,
            UInt64(prime32_1))
        let scrambleKey = readVector(s, secretSize - 64)
        for block in 0..<blocks {
            let base = p + block * blockLength
            for stripe in 0..<stripesPerBlock {
                accumulate(&acc, base + 64 * stripe, s + 8 * stripe)
            }
            acc ^= acc &>> 47
            acc ^= scrambleKey
            acc &*= UInt64(prime32_1)
        }
        let stripes = ((len - 1) - blockLength * blocks) / 64
        let base = p + blocks * blockLength
        for stripe in 0..<stripes {
            accumulate(&acc, base + 64 * stripe, s + 8 * stripe)
        }
        accumulate(&acc, p + (len - 64), s + (secretSize - 64 - 7))

        var result = UInt64(len) &* prime64_1
        let merge = s + 11
        for i in 0..<4 {
            result &+= mul128Fold64(acc[2 * i] ^ read64(merge, 16 * i), acc[2 * i + 1] ^ read64(merge, 16 * i + 8))
        }
        return avalanche(result)
    }

    @inline(__always)
    static func accumulate(_ acc: inout SIMD8<UInt64>, _ input: UnsafeRawPointer, _ secret: UnsafeRawPointer) {
        let data = readVector(input, 0)
        let key = data ^ readVector(secret, 0)
        let swapped = SIMD8<UInt64>(data[1], data[0], data[3], data[2], data[5], data[4], data[7], data[6])
        acc &+= swapped &+ (key & 0xFFFF_FFFF) &* (key &>> 32)
    }

    @inline(__always)
    static func readVector(_ p: UnsafeRawPointer, _ offset: Int) -> SIMD8<UInt64> {
        let v = p.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt64>.self)
        #if _endian(big)
        return SIMD8(
            v[0].byteSwapped, v[1].byteSwapped, v[2].byteSwapped, v[3].byteSwapped, v[4].byteSwapped,
            v[5].byteSwapped, v[6].byteSwapped, v[7].byteSwapped)
        #else
        return v
        #endif
    }

    // MARK: - Primitives

    @inlinable static var prime32_1: UInt32 { 0x9E37_79B1 }
    @inlinable static var prime32_2: UInt32 { 0x85EB_CA77 }
    @inlinable static var prime32_3: UInt32 { 0xC2B2_AE3D }
    @inlinable static var prime64_1: UInt64 { 0x9E37_79B1_85EB_CA87 }
    @inlinable static var prime64_2: UInt64 { 0xC2B2_AE3D_27D4_EB4F }
    @inlinable static var prime64_3: UInt64 { 0x1656_67B1_9E37_79F9 }
    @inlinable static var prime64_4: UInt64 { 0x85EB_CA77_C2B2_AE63 }
    @inlinable static var prime64_5: UInt64 { 0x27D4_EB2F_1656_67C5 }

    @inlinable @inline(__always)
    static func read64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always)
    static func read32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inlinable @inline(__always)
    static func mul128Fold64(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inlinable @inline(__always)
    static func mix16(_ p: UnsafeRawPointer, _ s: UnsafeRawPointer, _ seed: UInt64) -> UInt64 {
        mul128Fold64(read64(p, 0) ^ (read64(s, 0) &+ seed), read64(p, 8) ^ (read64(s, 8) &- seed))
    }

    @inlinable @inline(__always)
    static func avalanche(_ h: UInt64) -> UInt64 {
        var h = h ^ (h >> 37)
        h &*= 0x1656_6791_9E37_79F9
        return h ^ (h >> 32)
    }

    @inlinable @inline(__always)
    static func rrmxmx(_ h: UInt64, _ len: UInt64) -> UInt64 {
        var h = h ^ (rotateLeft(h, 49) ^ rotateLeft(h, 24))
        h &*= 0x9FB2_1C65_1E98_DF25
        h ^= (h >> 35) &+ len
        h &*= 0x9FB2_1C65_1E98_DF25
        return h ^ (h >> 28)
    }

    @inlinable @inline(__always)
    static func rotateLeft(_ h: UInt64, _ count: UInt64) -> UInt64 {
        (h << count) | (h >> (64 - count))
    }

    @inlinable @inline(__always)
    static func xxh64Avalanche(_ h: UInt64) -> UInt64 {
        var h = h ^ (h >> 33)
        h &*= prime64_2
        h ^= h >> 29
        h &*= prime64_3
        return h ^ (h >> 32)
    }
}
