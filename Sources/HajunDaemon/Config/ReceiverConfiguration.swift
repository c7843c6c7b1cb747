/// Where alerts go.
public struct ReceiverConfiguration: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A local JSON-lines file.
        case file
    }

    public var name: String
    public var kind: Kind
    /// The file for `file` receivers (absolute).
    public var path: String?

    public init(name: String, kind: Kind, path: String? = nil) {
        self.name = name
        self.kind = kind
        self.path = path
    }

    init(from node: ConfigNode, baseDirectory: String) throws {
        let map = try node.mapping(allowedKeys: ["name", "type", "path"])
        name = try map.required("name").string()
        kind = try map.required("type").choice(Kind.self)
        switch kind {
        case .file:
            path = ConfigPaths.resolve(try map.required("path").string(), against: baseDirectory)
        }
    }
}
