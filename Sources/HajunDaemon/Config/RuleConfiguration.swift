import HajunCore

/// Reads `rules:` entries into core alert rules.
enum RuleConfiguration {
    static func rule(from node: ConfigNode, receivers: Set<String>) throws -> AlertRule {
        let map = try node.mapping(allowedKeys: ["name", "type", "match", "receiver"])
        let name = try map.required("name").string()
        let kind = try map.optional("type")?.choice(AlertRule.Kind.self) ?? .any
        let receiverNode = try map.required("receiver")
        let receiver = try receiverNode.string()
        guard receivers.contains(receiver) else {
            throw receiverNode.error("no receiver named '\(receiver)' (receivers: \(receivers.sorted().joined(separator: ", ")))")
        }
        let match = try self.match(from: map.optional("match"))
        return AlertRule(name: name, kind: kind, match: match, receiver: receiver)
    }

    static func match(from node: ConfigNode?) throws -> RuleMatch {
        var match = RuleMatch()
        guard let node else { return match }
        let map = try node.mapping(allowedKeys: ["category", "severity", "region", "feed", "dedup"])
        if let value = map.optional("category") { match.categories = Set(try choices(value, Category.self)) }
        if let value = map.optional("severity") { match.minimumSeverity = try value.choice(Severity.self) }
        if let value = map.optional("region") { match.regions = Set(try choices(value, Region.self)) }
        if let value = map.optional("feed") { match.feeds = Set(try value.stringList()) }
        if let value = map.optional("dedup") { match.statuses = Set(try choices(value, DedupStatus.self)) }
        return match
    }

    /// A value or a list of values of an enumeration.
    private static func choices<T: RawRepresentable & CaseIterable>(_ node: ConfigNode, _ type: T.Type) throws -> [T]
    where T.RawValue == String {
        if let list = try? node.list(), !list.isEmpty { return try list.map { try $0.choice(type) } }
        return [try node.choice(type)]
    }
}
