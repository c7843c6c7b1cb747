/// The chunks (runs of non-space) the normalizer removes whole: URLs, @mentions and #hashtags, which name
/// where a post came from or where it links to rather than what was seen.
enum RemovableChunks {
    /// Where the chunk starting at `start` ends when it is removable, else nil. Opening brackets and quotes
    /// before it do not count (`(@hajun)`, `«https://…»`).
    static func end(ofChunkAt start: Int, in input: UnsafeBufferPointer<UInt8>) -> Int? {
        if cannotBeURL(at: start, in: input) { return nil }
        var end = start
        var punctuated = false
        while end < input.count {
            let byte = input[end]
            if byte < 0x80 {
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { break }
                if byte == 0x2E || byte == 0x2F { punctuated = true }
                end += 1
                continue
            }
            let (scalar, length) = TextCharacters.decode(input, at: end)
            if TextCharacters.isSpace(scalar) || TextCharacters.isLineBreak(scalar) { break }
            end += length
        }
        var index = start
        while index < end {
            let (scalar, length) = TextCharacters.decode(input, at: index)
            guard isOpening(scalar) else { break }
            index += length
        }
        guard index < end else { return nil }
        let first = input[index]
        if first == 0x40 || first == 0x23 {  // @mention, #hashtag
            return index + 1 < end ? end : nil
        }
        // Every URL form has a dot or a slash.
        return punctuated && isURL(index..<end, in: input) ? end : nil
    }

    /// True for most chunks that start with an ASCII letter or digit (nearly every word of a Latin-script post),
    /// told by their first run of host bytes alone: every URL form `isURL` accepts has a dot in that run, or ends
    /// it with the `:` of `http://` or `tg://` (or a byte that matches `.` or `:` case-insensitively there).
    @inline(__always)
    static func cannotBeURL(at start: Int, in input: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = input[start]
        guard (first | 0x20) &- 0x61 < 26 || first &- 0x30 < 10 else { return false }
        var index = start + 1
        while index < input.count {
            let byte = input[index]
            if byte == 0x2E { return false }
            guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x2D else { break }
            index += 1
        }
        guard index < input.count else { return true }
        let stop = input[index] | 0x20
        return stop != 0x2E && stop != 0x3A
    }

    /// ( [ { " ' < « “ „ ‘
    @inline(__always)
    static func isOpening(_ s: UInt32) -> Bool {
        s == 0x28 || s == 0x5B || s == 0x7B || s == 0x22 || s == 0x27 || s == 0x3C || s == 0xAB || s == 0x201C
            || s == 0x201E || s == 0x2018
    }

    static let urlPrefixes = ["http://", "https://", "www.", "t.me/", "tg://", "telegram.me/"].map { Array($0.utf8) }
    static let topLevelDomains: Set<[UInt8]> = Set(
        [
            "by", "ru", "ua", "com", "org", "net", "info", "io", "me", "tv", "su", "eu", "pl", "lt", "lv", "de",
            "uk", "us", "gov", "edu", "co", "news", "online", "site", "app", "link", "ly",
        ].map { Array($0.utf8) })

    /// `http(s)://…`, `www.…`, `t.me/…`, or `label.label.tld` (optionally followed by `/…`) in ASCII.
    static func isURL(_ range: Range<Int>, in input: UnsafeBufferPointer<UInt8>) -> Bool {
        for prefix in urlPrefixes where range.count >= prefix.count {
            var equal = true
            for offset in 0..<prefix.count where input[range.lowerBound + offset] | 0x20 != prefix[offset] | 0x20 {
                equal = false
                break
            }
            if equal { return true }
        }
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = input[index]
            let isHostByte =
                (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
                || byte == 0x2E
            if !isHostByte { break }
            index += 1
        }
        // The host must be followed by a path or by nothing but closing punctuation.
        if index < range.upperBound && input[index] != 0x2F {
            for rest in index..<range.upperBound {
                let byte = input[rest]
                let closing =
                    byte == 0x2C || byte == 0x2E || byte == 0x29 || byte == 0x5D || byte == 0x3A || byte == 0x3B
                    || byte == 0x21 || byte == 0x3F
                if !closing { return false }
            }
        }
        var host = range.lowerBound..<index
        if let last = host.last, input[last] == 0x2E { host = host.lowerBound..<last }  // "site.by." ends a sentence
        guard let lastDot = host.last(where: { input[$0] == 0x2E }), lastDot > host.lowerBound,
            host.upperBound - lastDot > 2
        else { return false }
        return topLevelDomains.contains(input[(lastDot + 1)..<host.upperBound].map { $0 | 0x20 })
    }
}
