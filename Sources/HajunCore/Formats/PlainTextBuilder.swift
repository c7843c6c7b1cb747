/// Accumulates text the way a browser lays it out: whitespace runs become one space, line breaks and block
/// boundaries become newlines (never more than one blank line), and nothing leads or trails.
struct PlainTextBuilder {
    private var output: [UInt8] = []
    private var pendingSpace = false

    mutating func append(byte: UInt8) {
        if FeedText.isWhitespace(byte) {
            pendingSpace = true
            return
        }
        if pendingSpace {
            if let last = output.last, last != 0x0A { output.append(0x20) }
            pendingSpace = false
        }
        output.append(byte)
    }

    mutating func append(scalar: UInt32) {
        switch scalar {
        case 0xA0, 0x2002, 0x2003, 0x2009: pendingSpace = true  // non-breaking and typographic spaces
        case 0xAD, 0x200B: break  // soft hyphen, zero-width space: invisible
        default:
            var encoded: [UInt8] = []
            UTF8Validation.append(scalar: scalar, to: &encoded)
            for byte in encoded {
                // A decoded `&#10;` is still a character, not layout whitespace: keep it as a space.
                append(byte: FeedText.isWhitespace(byte) ? 0x20 : byte)
            }
        }
    }

    /// `<br>`: a new line (two in a row leave one blank line).
    mutating func lineBreak() {
        guard !output.isEmpty else { return }
        trimTrailingSpaces()
        if trailingNewlines() < 2 { output.append(0x0A) }
        pendingSpace = false
    }

    /// The edge of a paragraph or other block: start a new line unless already on one.
    mutating func blockBoundary() {
        guard !output.isEmpty else { return }
        trimTrailingSpaces()
        if trailingNewlines() == 0 { output.append(0x0A) }
        pendingSpace = false
    }

    func result() -> String {
        var end = output.count
        while end > 0 && FeedText.isWhitespace(output[end - 1]) { end -= 1 }
        return String(decoding: output[..<end], as: UTF8.self)
    }

    private mutating func trimTrailingSpaces() {
        while output.last == 0x20 { output.removeLast() }
    }

    private func trailingNewlines() -> Int {
        var count = 0
        var index = output.count - 1
        while index >= 0 && output[index] == 0x0A {
            count += 1
            index -= 1
        }
        return count
    }
}
