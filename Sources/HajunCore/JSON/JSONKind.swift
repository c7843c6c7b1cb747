/// The kind of a JSON value.
public enum JSONKind: UInt8, Sendable, Hashable {
    case null, `true`, `false`, number, string, array, object
}
