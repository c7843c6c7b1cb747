/// Which lexicon and gazetteer the classifier uses; nil means the bundled ones built into the binary.
public struct ClassifierConfiguration: Sendable, Hashable {
    public var lexiconPath: String?
    public var gazetteerPath: String?

    public init(lexiconPath: String? = nil, gazetteerPath: String? = nil) {
        self.lexiconPath = lexiconPath
        self.gazetteerPath = gazetteerPath
    }

    init(from node: ConfigNode?, baseDirectory: String) throws {
        let map = try node?.mapping(allowedKeys: ["lexicon", "gazetteer"])
        lexiconPath = try map?.optional("lexicon").map { ConfigPaths.resolve(try $0.string(), against: baseDirectory) }
        gazetteerPath = try map?.optional("gazetteer").map {
            ConfigPaths.resolve(try $0.string(), against: baseDirectory)
        }
    }
}
