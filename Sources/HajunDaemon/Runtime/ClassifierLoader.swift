import Foundation
import HajunCore

/// Builds the classifier from the configured lexicon and gazetteer files, or the bundled ones built into the binary.
public enum ClassifierLoader {
    public static func load(_ configuration: ClassifierConfiguration) throws -> Classifier {
        let lexicon = try LexiconFile.load(
            yaml: try configuration.lexiconPath.map(read) ?? EmbeddedResources.lexicon,
            file: configuration.lexiconPath ?? "<embedded>/lexicon.yaml"
        )
        let gazetteer = try GazetteerFile.load(
            yaml: try configuration.gazetteerPath.map(read) ?? EmbeddedResources.gazetteer,
            file: configuration.gazetteerPath ?? "<embedded>/gazetteer.yaml"
        )
        return Classifier(lexicon: lexicon, gazetteer: gazetteer)
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(
                file: path, line: nil, keyPath: "", message: "cannot read the file: \(HajunConfiguration.reason(error))"
            )
        }
    }
}
