import Foundation
import Testing

@testable import HajunCore

/// XXH3-64 against reference vectors produced by libxxhash (Tests/Fixtures/xxh3/generate.sh).
@Suite struct XXH3Tests {
    struct Vector {
        var length: Int
        var seed: UInt64
        var hash: UInt64
    }

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/xxh3")

    static func loadVectors() throws -> [Vector] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("vectors.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: " ")
            return Vector(
                length: Int(fields[0])!, seed: UInt64(fields[1], radix: 16)!, hash: UInt64(fields[2], radix: 16)!)
        }
    }

    /// xxHash's sanity-test buffer, as vectors.c builds it.
    static func sanityBuffer(_ length: Int) -> [UInt8] {
        var generator: UInt64 = 2_654_435_761
        return (0..<length).map { _ in
            defer { generator &*= 11_400_714_785_074_694_797 }
            return UInt8(generator >> 56)
        }
    }

    @Test func vectorsCoverEveryLengthClassAndSeveralSeeds() throws {
        let vectors = try Self.loadVectors()
        let classes: [ClosedRange<Int>] = [
            0...0, 1...3, 4...8, 9...16, 17...128, 129...240, 241...1024, 1025...Int.max,
        ]
        for lengthClass in classes {
            #expect(vectors.contains { lengthClass.contains($0.length) && $0.seed == 0 })
            #expect(vectors.contains { lengthClass.contains($0.length) && $0.seed != 0 })
        }
        #expect(Set(vectors.map(\.seed)).count >= 5)
    }

    @Test func matchesReferenceVectors() throws {
        let vectors = try Self.loadVectors()
        let buffer = Self.sanityBuffer(vectors.map(\.length).max()!)
        var mismatches: [String] = []
        for vector in vectors {
            let hash = buffer.withUnsafeBytes {
                XXH3.hash64(UnsafeRawBufferPointer(rebasing: $0[0..<vector.length]), seed: vector.seed)
            }
            if hash != vector.hash {
                mismatches.append(
                    "len \(vector.length) seed \(vector.seed.hex16): \(hash.hex16) != \(vector.hash.hex16)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    }

    @Test func overloadsAgree() throws {
        for length in [0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1025] {
            let bytes = Self.sanityBuffer(length)
            let viaArray = XXH3.hash64(bytes, seed: 7)
            let viaSlice = XXH3.hash64(bytes[...], seed: 7)
            let viaLazy = XXH3.hash64(AnyCollection(bytes), seed: 7)
            let viaPointer = bytes.withUnsafeBytes { XXH3.hash64($0, seed: 7) }
            #expect(viaArray == viaSlice && viaSlice == viaLazy && viaLazy == viaPointer, "length \(length)")
        }
        #expect(XXH3.hash64(utf8: "abc") == 0x78af_5f94_892f_3950)  // `printf abc | xxhsum -H3`
        #expect(XXH3.hash64(Array("abc".utf8)) == 0x78af_5f94_892f_3950)
    }

    @Test func unalignedInputGivesTheSameHash() {
        let bytes = Self.sanityBuffer(4099)
        for length in [7, 15, 100, 200, 300, 4096] {
            let expected = XXH3.hash64(Array(bytes[3..<(3 + length)]))
            let unaligned = bytes.withUnsafeBytes {
                XXH3.hash64(UnsafeRawBufferPointer(rebasing: $0[3..<(3 + length)]))
            }
            #expect(unaligned == expected, "length \(length)")
        }
    }

    @Test func foldedSecretConstantsMatchTheSecret() {
        XXH3Secret.withDefault { s in
            #expect(XXH3.secret0xor4 == XXH3.read32(s, 0) ^ XXH3.read32(s, 4))
            #expect(XXH3.secret8xor16 == XXH3.read64(s, 8) ^ XXH3.read64(s, 16))
            #expect(XXH3.secret24xor32 == XXH3.read64(s, 24) ^ XXH3.read64(s, 32))
            #expect(XXH3.secret40xor48 == XXH3.read64(s, 40) ^ XXH3.read64(s, 48))
            #expect(XXH3.secret56xor64 == XXH3.read64(s, 56) ^ XXH3.read64(s, 64))
        }
    }
}
