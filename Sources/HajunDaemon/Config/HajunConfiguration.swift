import Foundation
import HajunCore

/// The whole configuration: one YAML file (`docs/configuration.md`), or the embedded default.
public struct HajunConfiguration: Sendable {
    /// The file the configuration came from, or `<embedded>`.
    public var file: String
    /// The directory relative paths were resolved against.
    public var baseDirectory: String
    public var feeds: [FeedConfiguration]
    public var log: LogConfiguration
    public var state: StateConfiguration
    public var dedup: DedupConfiguration
    public var classifier: ClassifierConfiguration
    public var limits: LimitsConfiguration
    public var receivers: [ReceiverConfiguration]
    public var rules: [AlertRule]
    /// Scheduling, health thresholds and the metrics listener (`server:`).
    public var server: ServerConfiguration = ServerConfiguration()
    /// The in-process channel simulator `hajund run` starts (`simulator:`), nil when the section is absent.
    public var simulator: SimulatorConfiguration?

    static let topLevelKeys: Set<String> = [
        "version", "feeds", "log", "state", "dedup", "classifier", "limits", "receivers", "rules", "server",
        "simulator",
    ]

    /// Reads and validates a configuration file. Relative paths in it resolve against the file's directory.
    public static func load(path: String) throws -> HajunConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(
                file: path, line: nil, keyPath: "", message: "cannot read the file: \(Self.reason(error))")
        }
        let absolute = ConfigPaths.resolve(path, against: FileManager.default.currentDirectoryPath)
        return try parse(yaml: text, file: path, baseDirectory: (absolute as NSString).deletingLastPathComponent)
    }

    /// The configuration built into the binary (`config/hajund.yaml`), with paths relative to `baseDirectory`
    /// (by default the working directory).
    public static func embeddedDefault(
        baseDirectory: String = FileManager.default.currentDirectoryPath
    ) throws
        -> HajunConfiguration
    {
        try parse(
            yaml: EmbeddedResources.defaultConfiguration, file: "<embedded>/hajund.yaml", baseDirectory: baseDirectory)
    }

    public static func parse(yaml: String, file: String, baseDirectory: String) throws -> HajunConfiguration {
        let root = try ConfigNode.parse(yaml: yaml, file: file)
        let map = try root.mapping(allowedKeys: topLevelKeys)
        if let version = map.optional("version"), try version.int() != 1 {
            throw version.error("unsupported configuration version (this hajund reads version 1)")
        }
        let feeds =
            try map.optional("feeds")?.list().map { try FeedConfiguration(from: $0, baseDirectory: baseDirectory) }
            ?? []
        try rejectDuplicates(feeds.map(\.name), in: map, section: "feeds", what: "feed")
        let receivers =
            try map.optional("receivers")?.list().map {
                try ReceiverConfiguration(from: $0, baseDirectory: baseDirectory)
            } ?? []
        try rejectDuplicates(receivers.map(\.name), in: map, section: "receivers", what: "receiver")
        let receiverNames = Set(receivers.map(\.name))
        let rules =
            try map.optional("rules")?.list().map { try RuleConfiguration.rule(from: $0, receivers: receiverNames) }
            ?? []
        // Alerts, their ids and the outbox are keyed by rule and receiver name: two of a name would mix them up.
        try rejectDuplicates(rules.map(\.name), in: map, section: "rules", what: "rule")
        var configuration = HajunConfiguration(
            file: file,
            baseDirectory: baseDirectory,
            feeds: feeds,
            log: try LogConfiguration(from: map.optional("log"), baseDirectory: baseDirectory),
            state: try StateConfiguration(from: map.optional("state"), baseDirectory: baseDirectory),
            dedup: try DedupConfiguration(from: map.optional("dedup")),
            classifier: try ClassifierConfiguration(from: map.optional("classifier"), baseDirectory: baseDirectory),
            limits: try LimitsConfiguration(from: map.optional("limits"), baseDirectory: baseDirectory),
            receivers: receivers,
            rules: rules
        )
        configuration.server = try ServerConfiguration(from: map.optional("server"))
        configuration.simulator = try map.optional("simulator").map(SimulatorConfiguration.init(from:))
        if configuration.simulator == nil,
            let index = configuration.feeds.firstIndex(where: \.usesSimulator)
        {
            throw ConfigError(
                file: file, line: try map.required("feeds").list()[index].line, keyPath: "feeds[\(index)].url",
                message: "a simulator:/ URL needs the top-level 'simulator' section"
            )
        }
        return configuration
    }

    /// The second item of `section` that repeats a name is an error at its line.
    private static func rejectDuplicates(
        _ names: [String], in map: ConfigMapping, section: String, what: String
    ) throws {
        var seen = Set<String>()
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            let item = try map.required(section).list()[index]
            throw ConfigError(
                file: item.file, line: item.line, keyPath: "\(section)[\(index)].name",
                message: "duplicate \(what) name '\(name)'")
        }
    }

    /// The configuration with every `simulator:/PATH` feed URL turned into `baseURL/PATH` (the simulator's
    /// loopback address once it listens, e.g. `http://127.0.0.1:40123`).
    public func bindingSimulator(baseURL: String) -> HajunConfiguration {
        var bound = self
        for index in bound.feeds.indices where bound.feeds[index].usesSimulator {
            guard case .url(let url) = bound.feeds[index].location else { continue }
            bound.feeds[index].location = .url(baseURL + url.dropFirst(SimulatorConfiguration.scheme.count))
        }
        return bound
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
