/// Plain text from the HTML that RSS and Atom feeds carry (RSSHub puts each post's HTML in `<description>`).
///
/// Tags go, `<br>` and block elements become line breaks, `script` and `style` lose their content, entities are
/// decoded, and runs of whitespace collapse to one space as a browser would show them.
enum HTMLText {
    private static let blockElements: Set<String> = [
        "p", "div", "li", "ul", "ol", "tr", "table", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "header", "footer", "figure", "figcaption",
    ]

    static func plainText(fromHTML html: String) -> String {
        var builder = PlainTextBuilder()
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let tag = readTag(bytes, at: index) {
                index = tag.end
                if tag.name == "br" {
                    builder.lineBreak()
                } else if blockElements.contains(tag.name) {
                    builder.blockBoundary()
                } else if (tag.name == "script" || tag.name == "style") && !tag.isClosing {
                    index = skipRawContent(bytes, from: index, closing: tag.name)
                }
            } else if byte == UInt8(ascii: "&"), let (scalar, length) = HTMLEntities.decode(bytes, at: index) {
                builder.append(scalar: scalar)
                index += length
            } else {
                builder.append(byte: byte)
                index += 1
            }
        }
        return builder.result()
    }

    /// Plain text of an XHTML element tree (Atom `type="xhtml"` content), with the same block rules.
    static func plainText(fromXHTML element: XMLTreeElement) -> String {
        var builder = PlainTextBuilder()
        append(element, to: &builder)
        return builder.result()
    }

    private static func append(_ element: XMLTreeElement, to builder: inout PlainTextBuilder) {
        let name = element.name.split(separator: ":").last.map { $0.lowercased() } ?? ""
        if name == "br" { builder.lineBreak() }
        if name == "script" || name == "style" { return }
        let block = blockElements.contains(name)
        if block { builder.blockBoundary() }
        for part in element.content {
            switch part {
            case .text(let text): for byte in text.utf8 { builder.append(byte: byte) }
            case .element(let child): append(child, to: &builder)
            }
        }
        if block { builder.blockBoundary() }
    }

    /// A tag or comment at `start` (a `<`): its lowercased name and the offset after it. Nil when the `<` does
    /// not start markup (`5 < 6`), so it stays text.
    private static func readTag(_ bytes: [UInt8], at start: Int) -> (name: String, isClosing: Bool, end: Int)? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index...].starts(with: Array("!--".utf8)) {
            var end = index + 3
            while end + 2 < bytes.count && !bytes[end...].starts(with: Array("-->".utf8)) { end += 1 }
            return ("!--", false, min(end + 3, bytes.count))
        }
        let isClosing = bytes[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        guard index < bytes.count, isLetter(bytes[index]) || (!isClosing && bytes[index] == UInt8(ascii: "!")) else {
            return nil
        }
        let nameStart = index
        while index < bytes.count && (isLetter(bytes[index]) || (bytes[index] &- UInt8(ascii: "0")) < 10) {
            index += 1
        }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
        }
        return (name, isClosing, index)
    }

    /// The offset after `</name…>`, or the end.
    private static func skipRawContent(_ bytes: [UInt8], from start: Int, closing name: String) -> Int {
        let closing = Array("</\(name)".utf8)
        var index = start
        while index + closing.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"),
                bytes[index..<(index + closing.count)].map({ $0 | 0x20 }) == closing.map({ $0 | 0x20 })
            {
                while index < bytes.count && bytes[index] != UInt8(ascii: ">") { index += 1 }
                return min(index + 1, bytes.count)
            }
            index += 1
        }
        return bytes.count
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }
}
