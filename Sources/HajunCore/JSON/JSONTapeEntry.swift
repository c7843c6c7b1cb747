/// One value of a parsed JSON document, in document order (a "tape" in the manner of simdjson).
///
/// A flat array of 16-byte entries instead of a tree of enums keeps parsing to one append per value; strings and
/// numbers stay as byte ranges until someone asks for them.
struct JSONTapeEntry: Sendable {
    /// Strings: the first byte after the opening quote. Others: the value's first byte.
    var start: UInt32
    /// Strings: the closing quote. Numbers and literals: one past the last byte. Containers: the closing bracket.
    var end: UInt32
    /// The tape index just after this value and all it contains; 0 while a container is still open.
    var next: UInt32
    var kind: JSONKind
    /// Strings: `hasEscapes`; numbers: `isInteger`.
    var flags: UInt8

    static let hasEscapes: UInt8 = 1
    static let isInteger: UInt8 = 1
}
