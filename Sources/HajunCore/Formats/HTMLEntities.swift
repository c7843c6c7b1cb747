/// The named HTML character references that turn up in channel posts, and numeric references.
///
/// Not the full HTML5 table (2,000+ names): the ones feeds actually use for punctuation, quotes and spaces.
enum HTMLEntities {
    private static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "ensp": 0x2002,
        "emsp": 0x2003, "thinsp": 0x2009, "shy": 0xAD, "zwj": 0x200D, "zwnj": 0x200C, "ndash": 0x2013,
        "mdash": 0x2014, "minus": 0x2212, "hellip": 0x2026, "laquo": 0xAB, "raquo": 0xBB, "lsquo": 0x2018,
        "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "bull": 0x2022,
        "middot": 0xB7, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "deg": 0xB0, "plusmn": 0xB1, "times": 0xD7,
        "divide": 0xF7, "euro": 0x20AC, "pound": 0xA3, "sect": 0xA7, "para": 0xB6, "numero": 0x2116,
        "larr": 0x2190, "rarr": 0x2192, "uarr": 0x2191, "darr": 0x2193, "frac12": 0xBD, "prime": 0x2032,
    ]

    /// The reference at `start` (an `&`) in `bytes` and its length; nil when it is not one (a bare `&`).
    static func decode(_ bytes: [UInt8], at start: Int) -> (scalar: UInt32, length: Int)? {
        bytes.withUnsafeBufferPointer { buffer in
            var semicolon = start + 1
            while semicolon < buffer.count && semicolon - start <= 10 && buffer[semicolon] != UInt8(ascii: ";") {
                semicolon += 1
            }
            guard semicolon < buffer.count, buffer[semicolon] == UInt8(ascii: ";"), semicolon > start + 1 else {
                return nil
            }
            let name = UnsafeBufferPointer(rebasing: buffer[(start + 1)..<semicolon])
            let scalar =
                name[0] == UInt8(ascii: "#")
                ? XMLReader.numericReference(name) : named[String(decoding: name, as: UTF8.self)]
            return scalar.map { ($0, semicolon - start + 1) }
        }
    }
}
