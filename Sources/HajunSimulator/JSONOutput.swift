import HajunCore

/// Appends JSON to a byte buffer with members in the order written, so that output is byte-for-byte stable.
struct JSONOutput {
    var bytes: [UInt8] = []
    /// Whether the innermost open object or array already has a member (and the next one needs a comma).
    private var hasMember: [Bool] = []
    /// Indentation step for pretty output (Telegram Desktop exports indent by one space); nil for compact.
    private let indent: Int?

    init(capacity: Int = 512, indent: Int? = nil) {
        bytes.reserveCapacity(capacity)
        self.indent = indent
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member: comma, newline and indentation as needed, then `"key":`.
    mutating func key(_ name: String) {
        separate()
        JSONEscaping.append(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if indent != nil { bytes.append(UInt8(ascii: " ")) }
    }

    /// Starts an array element.
    mutating func element() { separate() }

    mutating func string(_ value: String) { JSONEscaping.append(value, to: &bytes) }
    mutating func int(_ value: Int64) { bytes.append(contentsOf: String(value).utf8) }
    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }
    mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    mutating func null() { bytes.append(contentsOf: "null".utf8) }
    /// Pre-encoded JSON.
    mutating func raw(_ json: [UInt8]) { bytes.append(contentsOf: json) }

    mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int64) {
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A string member, or `null` when the value is nil.
    mutating func field(_ name: String, orNull value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    private mutating func open(_ byte: UInt8) {
        bytes.append(byte)
        hasMember.append(false)
    }

    private mutating func close(_ byte: UInt8) {
        let hadMembers = hasMember.removeLast()
        if hadMembers { newline() }
        bytes.append(byte)
    }

    private mutating func separate() {
        if hasMember.last == true { bytes.append(UInt8(ascii: ",")) }
        if !hasMember.isEmpty { hasMember[hasMember.count - 1] = true }
        newline()
    }

    private mutating func newline() {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * hasMember.count))
    }
}
