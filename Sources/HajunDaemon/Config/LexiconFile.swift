import HajunCore

/// Reads the lexicon (`config/lexicon.yaml`, docs/classification.md) into a `Lexicon`, rejecting anything it
/// does not understand with the file, line and key.
///
/// ```yaml
/// version: 1
/// minimum_score: 1.5
/// categories:                 # in priority order: on equal scores the earlier category wins
///   aviation:
///     severity: high
///     escalate:
///       - {severity: critical, equipment: [mig-31k]}
///     terms:
///       - weight: 2
///         ru: [самолёт, вертолёт]
///         en: [helicopter, "took off"]
///     negative:
///       - weight: 3
///         ru: [пассажирский]
/// equipment:
///   - {id: su-34, category: aviation, weight: 2, aliases: [Су-34, Su-34, Су34]}
/// count_nouns: {ru: [единица, машина], en: [unit, vehicle]}
/// direction_markers: {ru: ["в сторону"], en: [towards]}
/// number_words: {ru: {два: 2, три: 3}, en: {two: 2}}
/// ```
public enum LexiconFile {
    static let languageKeys: [(key: String, language: Language)] = [("ru", .ru), ("be", .be), ("uk", .uk), ("en", .en)]
    /// The keys of a mapping from language to terms, without and with `weight`, made once rather than per mapping.
    private static let languageKeySet = Set(languageKeys.map(\.key))
    private static let weightedLanguageKeySet = languageKeySet.union(["weight"])

    /// Parses `yaml`; `file` names the source in errors (a path, or `<embedded>`).
    public static func load(yaml: String, file: String) throws -> Lexicon {
        let root = try ConfigNode.parse(yaml: yaml, file: file).mapping(allowedKeys: [
            "version", "minimum_score", "categories", "equipment", "count_nouns", "direction_markers", "number_words",
        ])
        if let version = root.optional("version"), try version.int() != 1 {
            throw version.error("unsupported lexicon version; this hajund reads version 1")
        }
        let minimumScore = try root.optional("minimum_score").map { try positive($0.double(), $0) } ?? 1

        var equipment: [EquipmentType] = []
        for node in try root.optional("equipment")?.list() ?? [] {
            let item = try node.mapping(allowedKeys: ["id", "aliases", "category", "weight"])
            let idNode = try item.required("id")
            let id = try idNode.string()
            guard !equipment.contains(where: { $0.id == id }) else {
                throw idNode.error("duplicate equipment id '\(id)'")
            }
            let aliasesNode = try item.required("aliases")
            let aliases = try aliasesNode.stringList()
            guard !aliases.isEmpty else { throw aliasesNode.error("expected at least one alias") }
            for alias in aliases { try checkTerm(alias, aliasesNode) }
            equipment.append(
                EquipmentType(
                    id: id, aliases: aliases,
                    category: try item.optional("category").map { try $0.choice(Category.self) },
                    weight: try item.optional("weight").map { try $0.double() } ?? 1))
        }

        var categories: [CategoryRules] = []
        let categoriesNode = try root.required("categories")
        for (name, node) in try categoriesNode.anyMapping().entries {
            guard let category = Category(rawValue: name) else {
                throw ConfigError(
                    file: node.file, line: node.line, keyPath: node.path,
                    message:
                        "unknown category; expected one of: \(Category.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let map = try node.mapping(allowedKeys: ["severity", "escalate", "terms", "negative"])
            var escalations: [SeverityEscalation] = []
            for escalationNode in try map.optional("escalate")?.list() ?? [] {
                let escalation = try escalationNode.mapping(allowedKeys: ["severity", "min_count", "equipment"])
                let minimumCount = try escalation.optional("min_count").map { try positive($0.int(), $0) }
                let named = try escalation.optional("equipment")?.stringList() ?? []
                for id in named where !equipment.contains(where: { $0.id == id }) {
                    throw try escalation.required("equipment").error("unknown equipment id '\(id)'")
                }
                guard minimumCount != nil || !named.isEmpty else {
                    throw escalationNode.error("an escalation needs min_count or equipment")
                }
                escalations.append(
                    SeverityEscalation(
                        severity: try escalation.required("severity").choice(Severity.self), minimumCount: minimumCount,
                        equipment: named))
            }
            categories.append(
                CategoryRules(
                    category: category, severity: try map.required("severity").choice(Severity.self),
                    terms: try termGroups(map.optional("terms")),
                    negativeTerms: try termGroups(map.optional("negative")),
                    escalations: escalations))
        }
        guard !categories.isEmpty else { throw categoriesNode.error("expected at least one category") }

        var numberWords: [NumberWord] = []
        if let node = root.optional("number_words") {
            let byLanguage = try node.mapping(allowedKeys: languageKeySet)
            for (key, language) in languageKeys {
                guard let words = byLanguage.optional(key) else { continue }
                for (word, valueNode) in try words.anyMapping().entries {
                    try checkTerm(word, valueNode)
                    numberWords.append(
                        NumberWord(word, language: language, value: try positive(valueNode.int(), valueNode)))
                }
            }
        }

        return Lexicon(
            categories: categories, equipment: equipment,
            countNouns: try termsByLanguage(root.optional("count_nouns"), weight: 1),
            directionMarkers: try termsByLanguage(root.optional("direction_markers"), weight: 1),
            numberWords: numberWords, minimumScore: minimumScore)
    }

    /// A list of `{weight, ru, be, uk, en}` groups.
    private static func termGroups(_ node: ConfigNode?) throws -> [LexiconTerm] {
        var terms: [LexiconTerm] = []
        for group in try node?.list() ?? [] {
            let map = try group.mapping(allowedKeys: weightedLanguageKeySet)
            let weight = try map.optional("weight").map { try positive($0.double(), $0) } ?? 1
            terms += try termsByLanguage(group, weight: weight, allowingWeight: true)
        }
        return terms
    }

    /// A mapping from language to a list of terms.
    static func termsByLanguage(
        _ node: ConfigNode?, weight: Double, allowingWeight: Bool = false
    ) throws -> [LexiconTerm] {
        guard let node else { return [] }
        let map = try node.mapping(allowedKeys: allowingWeight ? weightedLanguageKeySet : languageKeySet)
        var terms: [LexiconTerm] = []
        for (key, language) in languageKeys {
            guard let list = map.optional(key) else { continue }
            let words = try list.stringList()
            for word in words {
                try checkTerm(word, list)
                terms.append(LexiconTerm(word, language: language, weight: weight))
            }
        }
        return terms
    }

    /// A term must have something to match once its `=` / `*` markers are set aside.
    static func checkTerm(_ text: String, _ node: ConfigNode) throws {
        let hasWord = text.split(separator: " ").contains { word in
            var core = Substring(word)
            if core.hasPrefix("=") { core = core.dropFirst() }
            if core.hasSuffix("*") { core = core.dropLast() }
            return core.contains { $0.isLetter || $0.isNumber }
        }
        guard hasWord else { throw node.error("'\(text)' has no letters or digits to match") }
        // A byte test for `*`: `contains` with a string argument is Foundation's, slow for the thousands of terms.
        if text.utf8.contains(0x2A) && !text.split(separator: " ").allSatisfy({ !$0.dropLast().contains("*") }) {
            throw node.error("'\(text)': '*' may only end a word")
        }
    }

    private static func positive<T: Numeric & Comparable>(_ value: T, _ node: ConfigNode) throws -> T {
        guard value > 0 else { throw node.error("expected a positive number") }
        return value
    }
}
