// INTERIM STUB — owned by the classifier work (issue 3), which replaces it.
/// Assigns a category, severity, language, place and entities to a post.
public final class Classifier: Sendable {
    public init() {}

    public func classify(text: String, normalized: NormalizedText) -> Classification {
        let s = normalized.string
        let category: Category =
            s.contains("колонн") || s.contains("convoy") ? .troopMovement
            : s.contains("самолет") || s.contains("су-34") ? .aviation
            : s.contains("пуск") || s.contains("launch") ? .missileLaunch : .other
        return Classification(category: category, severity: category == .missileLaunch ? .critical : .medium, language: .undetermined)
    }
}
