import HajunCore

/// Reads the gazetteer (`config/gazetteer.yaml`, docs/classification.md) into a `Gazetteer`, rejecting anything
/// it does not understand with the file, line and key.
///
/// ```yaml
/// version: 1
/// prepositions: {ru: [в, под, около], be: [у, ў, каля], en: [in, near]}
/// places:
///   - {id: mazyr, kind: city, region: homiel, be: [Мазыр], ru: [Мозырь], uk: [Мозир], en: [Mazyr, Mozyr]}
///   - {id: vietka, kind: town, region: homiel, ru: [Ветка], be: [Ветка], en: [Vietka], needs_preposition: true}
/// ```
/// The display name is `name`, else the first `en` name. `translit` lists more Latin spellings.
public enum GazetteerFile {
    /// The keys of a place, made once rather than for each of the gazetteer's hundreds of places.
    private static let placeKeys: Set<String> = [
        "id", "name", "kind", "region", "be", "ru", "uk", "en", "translit", "needs_preposition",
    ]

    /// Parses `yaml`; `file` names the source in errors (a path, or `<embedded>`).
    public static func load(yaml: String, file: String) throws -> Gazetteer {
        let root = try ConfigNode.parse(yaml: yaml, file: file).mapping(allowedKeys: [
            "version", "prepositions", "places",
        ])
        if let version = root.optional("version"), try version.int() != 1 {
            throw version.error("unsupported gazetteer version; this hajund reads version 1")
        }
        let prepositions = try LexiconFile.termsByLanguage(root.optional("prepositions"), weight: 1)
        var entries: [GazetteerEntry] = []
        var ids = Set<String>()
        for node in try root.required("places").list() {
            let item = try node.mapping(allowedKeys: placeKeys)
            let idNode = try item.required("id")
            let id = try idNode.string()
            guard !id.isEmpty, ids.insert(id).inserted else {
                throw idNode.error("duplicate or empty place id '\(id)'")
            }
            var names: [Language: [String]] = [:]
            for (key, language) in LexiconFile.languageKeys {
                guard let list = item.optional(key) else { continue }
                let values = try list.stringList()
                for value in values { try LexiconFile.checkTerm(value, list) }
                names[language, default: []] += values
            }
            if let list = item.optional("translit") {
                let values = try list.stringList()
                for value in values { try LexiconFile.checkTerm(value, list) }
                names[.en, default: []] += values
            }
            guard names.values.contains(where: { !$0.isEmpty }) else {
                throw node.error("place '\(id)' has no names (be, ru, uk, en or translit)")
            }
            let name = try item.optional("name")?.string() ?? names[.en]?.first ?? names[.ru]?.first ?? id
            entries.append(
                GazetteerEntry(
                    id: id, name: name, kind: try item.required("kind").choice(PlaceKind.self),
                    region: try item.required("region").choice(Region.self), names: names,
                    needsPreposition: try item.optional("needs_preposition")?.bool() ?? false))
        }
        return Gazetteer(entries: entries, prepositions: prepositions)
    }
}
