import HajunTestSupport
import Testing

@testable import HajunCore

/// The classifier's word split reads eight bytes at a time: its words must be those of a byte-by-byte split at
/// ASCII control and blank bytes and hyphens, wherever the separators fall in the eight.
@Suite struct WordSpanTests {
    static func reference(_ bytes: [UInt8]) -> [WordSpan] {
        var spans: [WordSpan] = []
        var start = -1
        for (index, byte) in bytes.enumerated() {
            if byte <= 0x20 || byte == 0x2D {
                if start >= 0 { spans.append(WordSpan(start: Int32(start), end: Int32(index))) }
                start = -1
            } else if start < 0 {
                start = index
            }
        }
        if start >= 0 { spans.append(WordSpan(start: Int32(start), end: Int32(bytes.count))) }
        return spans
    }

    static func split(_ bytes: [UInt8]) -> [WordSpan] {
        var spans = ScratchBuffer<WordSpan>(capacity: 1)
        defer { spans.deallocate() }
        bytes.withUnsafeBufferPointer { WordSpan.split($0, into: &spans) }
        return Array(spans.elements)
    }

    @Test(arguments: [
        "", " ", "-", "су-34 над  мостом", "  a--b  ", "abcdefgh", "abcdefgh ", " abcdefghi", "\u{7F}\u{80}",
    ])
    func splitsAtSeparators(_ text: String) {
        #expect(WordSpanTests.split(Array(text.utf8)) == WordSpanTests.reference(Array(text.utf8)))
    }

    @Test func randomBytesSplitAsByteByByte() {
        // Separators, their neighbours (0x21, 0x2C, 0x2E) and bytes with the high bit set, which must not pass
        // for separators when their low bits would.
        let alphabet: [UInt8] = [
            0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x2C, 0x2D, 0x2E, 0x41, 0x61, 0x80, 0xA0, 0xAD, 0xD0, 0xFF,
        ]
        var random = SeededRandom(state: 34)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &random)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            #expect(WordSpanTests.split(bytes) == WordSpanTests.reference(bytes), "\(bytes)")
        }
    }
}
