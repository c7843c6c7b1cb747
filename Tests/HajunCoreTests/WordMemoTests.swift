import Testing

@testable import HajunCore

/// The word memo packs two short words or one long word into a cache line: whatever shares a set, a word must read
/// back exactly what was remembered for it, and never what was remembered for another.
@Suite struct WordMemoTests {
    /// A memo whose words all go to set 0, so that they compete for it.
    final class Memo {
        let memo = WordMemo()
        deinit { memo.deallocate() }

        func remember(_ word: String, refs: [Int32], letters: UInt64) {
            var recording = WordMemo.Recording()
            for ref in refs { recording.add(ref) }
            recording.letters = letters
            memo.remember(recording, for: WordMemoTests.key(word), slot: 0)
        }

        /// The refs and letters remembered for `word`, if it is remembered.
        func known(_ word: String) -> (refs: [Int16], letters: UInt64)? {
            guard let known = memo.known(WordMemoTests.key(word), slot: 0) else { return nil }
            return ((0..<known.count).map { known.ref($0) }, known.letters)
        }
    }

    static func key(_ word: String) -> WordMemo.Key {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { WordMemo.Key($0, start: 0, length: bytes.count) }
    }

    @Test func twoShortWordsShareASetAndTheLeastRecentlyUsedGoes() {
        let memo = Memo()
        memo.remember("колонна", refs: [-5], letters: 7)
        memo.remember("мост", refs: [], letters: 4)
        #expect(memo.known("колонна")?.refs == [-5])
        #expect(memo.known("колонна")?.letters == 7)
        #expect(memo.known("мост")?.refs == [])
        // "мост" was used last, so "колонна" goes.
        memo.remember("у", refs: [-1, 3, -9], letters: 1)
        #expect(memo.known("колонна") == nil)
        #expect(memo.known("мост")?.letters == 4)
        #expect(memo.known("у")?.refs == [-1, 3, -9])
        #expect(memo.known("мос") == nil)
        #expect(memo.known("мостt") == nil)
    }

    @Test func aLongWordTakesTheWholeSet() {
        let memo = Memo()
        memo.remember("мост", refs: [2], letters: 4)
        memo.remember("в", refs: [-3], letters: 1)
        let long = "барановичами"  // 24 bytes
        memo.remember(long, refs: [-7, 12], letters: 99)
        #expect(memo.known(long)?.refs == [-7, 12])
        #expect(memo.known(long)?.letters == 99)
        #expect(memo.known("мост") == nil)
        #expect(memo.known("в") == nil)
        // Its first 16 bytes are a word of their own, not it.
        #expect(memo.known("барановi") == nil)
        #expect(memo.known(String(decoding: Array(long.utf8.prefix(16)), as: UTF8.self)) == nil)
        // A short word after it leaves no trace of it.
        memo.remember("в", refs: [-3], letters: 1)
        #expect(memo.known(long) == nil)
        #expect(memo.known("в")?.refs == [-3])
        #expect(memo.known("мост") == nil)
    }

    @Test func aShortWordWithManyMatchesIsKeptLong() {
        let memo = Memo()
        let refs: [Int32] = [-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11]
        memo.remember("станция", refs: refs, letters: 42)
        #expect(memo.known("станция")?.refs == refs.map { Int16($0) })
        #expect(memo.known("станци") == nil)
        memo.remember("станцыя", refs: [1, 2, 3, 4], letters: 43)
        #expect(memo.known("станция") == nil)
        #expect(memo.known("станцыя")?.refs == [1, 2, 3, 4])
    }

    @Test func tooManyMatchesAreNotRemembered() {
        let memo = Memo()
        memo.remember("аэродром", refs: Array(0..<12), letters: 8)
        #expect(memo.known("аэродром") == nil)
        memo.remember("аэрадром", refs: [40_000], letters: 8)
        #expect(memo.known("аэрадром") == nil)
    }
}
