/// A JSON value as a plain Swift enum, for code that wants a tree rather than `JSONNode`'s lazy view
/// (tests, configuration-sized documents). Object members keep their input order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written as an integer that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Parses `bytes` as one JSON value.
    public init(parsing bytes: [UInt8], maxDepth: Int = JSONDocument.defaultMaxDepth) throws(JSONError) {
        self.init(try JSONDocument.parse(bytes, maxDepth: maxDepth).root)
    }

    /// Parses `text` as one JSON value.
    public init(parsing text: String, maxDepth: Int = JSONDocument.defaultMaxDepth) throws(JSONError) {
        try self.init(parsing: Array(text.utf8), maxDepth: maxDepth)
    }

    /// Builds the tree under `node`.
    public init(_ node: JSONNode) {
        switch node.kind {
        case .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number: self = node.int64.map(JSONValue.int) ?? .double(node.double ?? .nan)
        case .string: self = .string(node.string ?? "")
        case .array: self = .array(node.elements.map(JSONValue.init))
        case .object: self = .object(node.members.map { Member(key: $0.key, value: JSONValue($0.value)) })
        }
    }

    /// The first member named `key` of an object; nil for other kinds.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index` of an array; nil for other kinds or past the end.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var int64Value: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The value as compact JSON text (members in order, strings escaped by `JSONEscaping`).
    public var jsonText: String {
        var output: [UInt8] = []
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value): output.append(contentsOf: (value.isFinite ? "\(value)" : "null").utf8)
        case .string(let value): JSONEscaping.append(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONEscaping.append(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
