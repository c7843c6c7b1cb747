/// Why a JSON input was rejected, and exactly where.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case emptyInput
        case unexpectedEnd
        case unexpectedCharacter
        case invalidUTF8
        case controlCharacter
        case invalidEscape
        case invalidNumber
        case tooDeep
        case trailingData
        case tooLarge
    }

    public var kind: Kind
    /// Offset of the offending byte from the start of the input (0-based).
    public var byteOffset: Int
    /// Line of the offending byte (1-based).
    public var line: Int
    /// Column of the offending byte in bytes (1-based).
    public var column: Int
    /// What is wrong, for people: `expected ',' or '}' after an object member, found 'x'`.
    public var message: String

    public init(kind: Kind, byteOffset: Int, line: Int, column: Int, message: String) {
        self.kind = kind
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "line \(line), column \(column) (byte \(byteOffset)): \(message)"
    }
}
