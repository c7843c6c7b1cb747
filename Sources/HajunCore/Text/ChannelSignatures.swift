/// The boilerplate channels add to posts ("Прислал подписчик", "Подписаться на …", "Прапанаваць навіну"),
/// found among the normalized words of one line so that normalization can drop it.
///
/// Two kinds, because they sit differently in a post:
/// - attributions name who sent the post ("прислал подписчик", "прыслала падпісчыца", "sent by a subscriber");
///   only the attribution's own words are dropped, since the sighting often follows on the same line;
/// - calls to action ("подписаться", "падпісвайцеся", "предложить новость", "subscribe") end a post; a short line
///   holding one is dropped whole (its remaining words are the channel's name), a long line from it to the end.
enum ChannelSignatures {
    /// Longest line (in words) that a call to action removes whole.
    static let shortLine = 8

    /// A sender verb, then within `attributionGap` words a subscriber noun (prefixes, after normalization).
    static let senderPrefixes = words(["прислал", "прислан", "прыслал", "прыслаў", "даслал", "даслаў", "sent"])
    static let subscriberPrefixes = words(["подписчи", "падпісчы", "подпісчы", "subscriber"])
    static let attributionGap = 2

    /// Words that are a call to action by themselves (exact words).
    static let callWords = words([
        "подписаться", "подписывайтесь", "подпишитесь", "подпишись", "падпісацца", "падпісвайцеся", "падпішыцеся",
        "падпішыся", "падпісвайся", "subscribe",
    ])
    /// A verb and a noun that together are a call to action ("предложить новость"), prefixes.
    /// ("Напісаць нам: @bot" too: "нам" after a writing verb.)
    static let offerVerbs = words([
        "предложить", "прислать", "прапанаваць", "даслаць", "send", "submit", "написать", "напишите", "напісаць",
        "напішыце",
    ])
    static let offerNouns = words(["новост", "навін", "новин", "news", "информац", "інфармац", "фото", "нам"])

    private static func words(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }

    /// Whether a normalized word (at `word`, `length` bytes) can start a signature: its first four letters
    /// are those of a sender verb, a call word or an offer verb. Most words fail on a length check and one
    /// 8- or 4-byte compare, so lines without a candidate are never matched against the lists.
    @inline(__always)
    static func mayStart(_ word: UnsafePointer<UInt8>, length: Int) -> Bool {
        if word[0] >= 0x80 {
            guard length >= 8 else { return false }
            switch UnsafeRawPointer(word).loadUnaligned(as: UInt64.self).littleEndian {
            case 0x81d1_b8d0_80d1_bfd0,  // прис
                0x81d1_8bd1_80d1_bfd0,  // прыс
                0xbbd0_81d1_b0d0_b4d0,  // дасл
                0xbfd0_b4d0_bed0_bfd0,  // подп
                0xbfd0_b4d0_b0d0_bfd0,  // падп
                0xb4d0_b5d0_80d1_bfd0,  // пред
                0xbfd0_b0d0_80d1_bfd0,  // прап
                0xb8d0_bfd0_b0d0_bdd0,  // напи
                0x96d1_bfd0_b0d0_bdd0:  // напі
                return true
            default:
                return false
            }
        }
        guard length >= 4 else { return false }
        switch UnsafeRawPointer(word).loadUnaligned(as: UInt32.self).littleEndian {
        case 0x746e_6573, 0x7362_7573, 0x646e_6573, 0x6d62_7573: return true  // sent subs send subm
        default: return false
        }
    }

    /// Marks which words of one line to drop: `line` holds the line's words as byte ranges of `bytes`, `drop` one
    /// flag per word (all false on entry; true = drop). Returns false when the line has no signature.
    static func markDrops(
        line: UnsafeBufferPointer<Range<Int>>, bytes: UnsafeBufferPointer<UInt8>, drop: UnsafeMutableBufferPointer<Bool>
    ) -> Bool {
        var marked = false
        for index in line.indices where mayStart(bytes.baseAddress! + line[index].lowerBound, length: line[index].count)
        {
            if isCallToAction(at: index, line: line, bytes: bytes) {
                let from = line.count <= shortLine ? 0 : index
                for word in from..<line.count { drop[word] = true }
                return true
            }
            if matches(line[index], senderPrefixes, bytes, prefix: true) {
                let last = min(line.count - 1, index + attributionGap + 1)
                guard index < last else { continue }
                for candidate in (index + 1)...last
                where matches(line[candidate], subscriberPrefixes, bytes, prefix: true) {
                    for word in index...candidate { drop[word] = true }
                    marked = true
                    break
                }
            }
        }
        return marked
    }

    /// Whether a call to action starts at word `index`.
    private static func isCallToAction(
        at index: Int, line: UnsafeBufferPointer<Range<Int>>, bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if matches(line[index], callWords, bytes, prefix: false) { return true }
        return index + 1 < line.count && matches(line[index], offerVerbs, bytes, prefix: false)
            && matches(line[index + 1], offerNouns, bytes, prefix: true)
    }

    private static func matches(
        _ word: Range<Int>, _ list: [[UInt8]], _ bytes: UnsafeBufferPointer<UInt8>, prefix: Bool
    ) -> Bool {
        for candidate in list {
            if prefix ? word.count < candidate.count : word.count != candidate.count { continue }
            var equal = true
            for offset in 0..<candidate.count where bytes[word.lowerBound + offset] != candidate[offset] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }
}
