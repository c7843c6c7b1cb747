import Yams

/// A YAML node that knows its file, line and key path, so that every error can name all three.
///
/// Config sections decode themselves from a `ConfigNode` with explicit key sets: an unknown key or a wrong type
/// is a `ConfigError`, never silently ignored.
public struct ConfigNode: @unchecked Sendable {  // Yams nodes are immutable values
    /// The file (or `<embedded>`) the node was read from.
    public let file: String
    /// The key path from the document root, such as `feeds[2].format`.
    public let path: String
    private let node: Node

    init(node: Node, file: String, path: String) {
        self.node = node
        self.file = file
        self.path = path
    }

    /// Parses a YAML document. An empty document is an empty mapping.
    public static func parse(yaml: String, file: String) throws -> ConfigNode {
        do {
            // The basic resolver leaves scalars' tags unresolved: every accessor here reads the scalar's text
            // (`int`, `bool`, `null` parse it themselves), and the default resolver's regular expressions were a
            // tenth of start-up (one per scalar and type, over the lexicon's and gazetteer's thousands of scalars).
            let root = try Yams.compose(yaml: yaml, .basic) ?? Node.mapping(Node.Mapping([]))
            return ConfigNode(node: root, file: file, path: "")
        } catch let error as YamlError {
            throw ConfigError(
                file: file, line: ConfigNode.line(of: error), keyPath: "",
                message: "invalid YAML: \(ConfigNode.summary(of: error))")
        }
    }

    /// The 1-based line the node starts on.
    public var line: Int { node.mark.map { $0.line } ?? 0 }

    public func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, keyPath: path, message: message)
    }

    /// Whether the node is YAML null (`~`, `null` or empty).
    public var isNull: Bool {
        if case .scalar(let scalar) = node { return node.null != nil && scalar.style == .plain }
        return false
    }

    /// The node as a mapping whose keys must all be in `allowedKeys`.
    public func mapping(allowedKeys: Set<String>) throws -> ConfigMapping {
        guard case .mapping(let mapping) = node else {
            if isNull { return ConfigMapping(owner: self, entries: []) }
            throw error("expected a mapping of keys (\(allowedKeys.sorted().joined(separator: ", ")))")
        }
        var entries: [(key: String, node: ConfigNode)] = []
        var seen = Set<String>()
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                throw ConfigError(file: file, line: keyNode.mark?.line, keyPath: path, message: "keys must be strings")
            }
            let childPath = path.isEmpty ? key : path + "." + key
            guard allowedKeys.contains(key) else {
                let hint = ConfigNode.closest(to: key, in: allowedKeys).map { " (did you mean '\($0)'?)" } ?? ""
                throw ConfigError(
                    file: file,
                    line: keyNode.mark?.line,
                    keyPath: childPath,
                    message: "unknown key\(hint); expected one of: \(allowedKeys.sorted().joined(separator: ", "))"
                )
            }
            guard seen.insert(key).inserted else {
                throw ConfigError(file: file, line: keyNode.mark?.line, keyPath: childPath, message: "duplicate key")
            }
            entries.append((key, ConfigNode(node: valueNode, file: file, path: childPath)))
        }
        return ConfigMapping(owner: self, entries: entries)
    }

    /// The node as a mapping with arbitrary string keys (for maps whose keys are names, such as categories).
    public func anyMapping() throws -> ConfigMapping {
        guard case .mapping(let mapping) = node else {
            if isNull { return ConfigMapping(owner: self, entries: []) }
            throw error("expected a mapping")
        }
        var entries: [(key: String, node: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else {
                throw ConfigError(file: file, line: keyNode.mark?.line, keyPath: path, message: "keys must be strings")
            }
            entries.append((key, ConfigNode(node: valueNode, file: file, path: path.isEmpty ? key : path + "." + key)))
        }
        return ConfigMapping(owner: self, entries: entries)
    }

    public func list() throws -> [ConfigNode] {
        guard case .sequence(let sequence) = node else {
            if isNull { return [] }
            throw error("expected a list")
        }
        return sequence.enumerated().map { ConfigNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    public func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a string") }
        return scalar.string
    }

    public func stringList() throws -> [String] {
        if case .scalar = node, !isNull { return [try string()] }
        return try list().map { try $0.string() }
    }

    public func int() throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error("expected an integer") }
        return value
    }

    public func double() throws -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            throw error("expected a number")
        }
        return value
    }

    public func bool() throws -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("expected true or false") }
        return value
    }

    /// A duration such as `500ms`, `30s`, `5m`, `6h`, `7d`, or a plain number of seconds.
    public func durationMilliseconds() throws -> Int64 {
        let text = try string().trimmingCharacters(in: .whitespaces)
        if let value = ConfigNode.parseDuration(text) { return value }
        throw error("expected a duration such as 500ms, 30s, 5m, 6h or 7d, not '\(text)'")
    }

    /// A size such as `64MiB`, `10MB`, `512KiB` or a plain number of bytes.
    public func byteSize() throws -> Int64 {
        let text = try string().trimmingCharacters(in: .whitespaces)
        if let value = ConfigNode.parseByteSize(text) { return value }
        throw error("expected a size such as 4096, 512KiB, 64MiB or 1GiB, not '\(text)'")
    }

    /// An enumeration value; the error lists the allowed values.
    public func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws -> T where T.RawValue == String {
        let text = try string()
        if let value = T(rawValue: text) { return value }
        throw error("'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    static func parseDuration(_ text: String) -> Int64? {
        let units: [(String, Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            // "5ms" also ends with "s"; the list order tries "ms" first.
            if let value = Double(number), value >= 0 { return Int64(value * scale) }
        }
        if let seconds = Double(text), seconds >= 0 { return Int64(seconds * 1000) }
        return nil
    }

    static func parseByteSize(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000),
            ("GB", 1_000_000_000),
            ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Double(number), value >= 0 { return Int64(value * Double(scale)) }
        }
        if let value = Int64(text), value >= 0 { return value }
        return nil
    }

    private static func closest(to key: String, in candidates: Set<String>) -> String? {
        candidates.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(problem) (column \(mark.column))"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}

/// The entries of a YAML mapping, in file order, with the keys already checked.
public struct ConfigMapping: Sendable {
    public let owner: ConfigNode
    public let entries: [(key: String, node: ConfigNode)]

    public var keys: [String] { entries.map(\.key) }

    public func optional(_ key: String) -> ConfigNode? {
        entries.first { $0.key == key }.map(\.node)
    }

    public func required(_ key: String) throws -> ConfigNode {
        if let node = optional(key) { return node }
        let where_ = owner.path.isEmpty ? key : owner.path + "." + key
        throw ConfigError(file: owner.file, line: owner.line, keyPath: where_, message: "required key is missing")
    }
}
