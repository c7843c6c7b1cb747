import HajunCore

/// Builds the classifier from the configured lexicon and gazetteer, or the bundled ones.
public enum ClassifierLoader {
    public static func load(_ configuration: ClassifierConfiguration) throws -> Classifier {
        // INTERIM: the lexicon and gazetteer loaders (issue 3) replace this empty classifier.
        Classifier(lexicon: Lexicon(categories: []), gazetteer: Gazetteer(entries: []))
    }
}
