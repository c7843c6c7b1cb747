/// Where hajund keeps its embedded state (cursors, dedup index, alert outbox).
public struct StateConfiguration: Sendable, Hashable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    init(from node: ConfigNode?, baseDirectory: String) throws {
        let map = try node?.mapping(allowedKeys: ["directory"])
        let path = try map?.optional("directory")?.string() ?? "./var/state"
        directory = ConfigPaths.resolve(path, against: baseDirectory)
    }
}
