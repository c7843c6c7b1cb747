import HajunCore

/// Reads `rules:` entries into core alert rules, and silences (in rules and in the runtime silences file).
enum RuleConfiguration {
    /// Keys every rule takes.
    private static let commonKeys: Set<String> = [
        "name", "type", "match", "receiver", "group_by", "realert", "silences",
    ]
    /// Keys each rule type takes besides the common ones.
    private static let kindKeys: [AlertRule.Kind: Set<String>] = [
        .any: [],
        .frequency: ["count", "window"],
        .corroborated: ["sources"],
        .spike: ["factor", "window", "reference", "min_count"],
        .flatline: ["count", "window"],
    ]

    static func rule(from node: ConfigNode, receivers: Set<String>) throws -> AlertRule {
        let allKeys = kindKeys.values.reduce(commonKeys) { $0.union($1) }
        let map = try node.mapping(allowedKeys: allKeys)
        let name = try map.required("name").string()
        let kind = try map.optional("type")?.choice(AlertRule.Kind.self) ?? .any
        for (key, value) in map.entries where !commonKeys.contains(key) && !kindKeys[kind]!.contains(key) {
            let accepted = kindKeys[kind]!.sorted()
            throw value.error(
                "'\(key)' does not apply to \(kind.rawValue) rules"
                    + (accepted.isEmpty ? "" : " (they take: \(accepted.joined(separator: ", ")))")
            )
        }
        let receiverNode = try map.required("receiver")
        let receiver = try receiverNode.string()
        guard receivers.contains(receiver) else {
            throw receiverNode.error(
                "no receiver named '\(receiver)' (receivers: \(receivers.sorted().joined(separator: ", ")))")
        }
        let match = try self.match(from: map.optional("match"))
        let groupBy = try map.optional("group_by").map { try choices($0, GroupField.self) } ?? []
        if kind == .flatline, !groupBy.isEmpty, groupBy != [.feed] {
            throw map.optional("group_by")!.error("flatline rules group by feed or not at all")
        }
        let rule = AlertRule(
            name: name,
            condition: try condition(kind, map),
            match: match,
            receiver: receiver,
            groupBy: groupBy,
            realert: try realert(from: map.optional("realert")),
            silences: try map.optional("silences")?.list().map { try silence(from: $0, rule: name) } ?? []
        )
        return rule
    }

    private static func condition(_ kind: AlertRule.Kind, _ map: ConfigMapping) throws -> AlertRule.Condition {
        func positive(_ key: String, default value: Int? = nil) throws -> Int {
            guard let node = map.optional(key) else {
                if let value { return value }
                return try map.required(key).int()  // throws "required key is missing"
            }
            let number = try node.int()
            guard number >= 1 else { throw node.error("must be at least 1") }
            return number
        }
        func window(_ key: String) throws -> Int64 {
            let node = try map.required(key)
            let value = try node.durationMilliseconds()
            guard value >= 1000 else { throw node.error("must be at least 1s") }
            return value
        }
        switch kind {
        case .any:
            return .any
        case .frequency:
            return .frequency(count: try positive("count"), windowMilliseconds: try window("window"))
        case .corroborated:
            return .corroborated(sources: try positive("sources"))
        case .spike:
            let factorNode = try map.required("factor")
            let factor = try factorNode.double()
            guard factor > 1 else { throw factorNode.error("must be more than 1") }
            return .spike(
                factor: factor, windowMilliseconds: try window("window"),
                referenceMilliseconds: try window("reference"),
                minimumCount: try positive("min_count", default: 3)
            )
        case .flatline:
            return .flatline(below: try positive("count", default: 1), windowMilliseconds: try window("window"))
        }
    }

    /// `realert: 10m`, or `realert: {interval: 10m, backoff: 2, max: 2h}`.
    private static func realert(from node: ConfigNode?) throws -> RealertPolicy {
        guard let node else { return .none }
        if (try? node.string()) != nil { return RealertPolicy(intervalMilliseconds: try node.durationMilliseconds()) }
        let map = try node.mapping(allowedKeys: ["interval", "backoff", "max"])
        let interval = try map.required("interval").durationMilliseconds()
        var backoff = 1.0
        if let value = map.optional("backoff") {
            backoff = try value.double()
            guard backoff >= 1 else { throw value.error("must be at least 1 (1 means a fixed interval)") }
        }
        let maximum = try map.optional("max")?.durationMilliseconds()
        if let maximum, maximum < interval { throw map.optional("max")!.error("must not be shorter than the interval") }
        return RealertPolicy(intervalMilliseconds: interval, backoff: backoff, maximumMilliseconds: maximum)
    }

    /// A silence: `{until: 2024-03-01T06:00:00Z, from: …, match: {…}, comment: …}`, plus `rule:` outside a rule.
    static func silence(from node: ConfigNode, rule: String?) throws -> Silence {
        var keys: Set<String> = ["until", "from", "match", "comment"]
        if rule == nil { keys.insert("rule") }
        let map = try node.mapping(allowedKeys: keys)
        func time(_ key: String) throws -> Timestamp? {
            guard let value = map.optional(key) else { return nil }
            let text = try value.string()
            guard let time = Timestamp(parsing: text) else {
                throw value.error("expected an RFC 3339 time such as 2024-03-01T06:00:00Z, not '\(text)'")
            }
            return time
        }
        _ = try map.required("until")
        return Silence(
            rule: try rule ?? map.optional("rule")?.string(),
            match: try match(from: map.optional("match")),
            startsAt: try time("from"),
            endsAt: try time("until")!,
            comment: try map.optional("comment")?.string() ?? ""
        )
    }

    static func match(from node: ConfigNode?) throws -> RuleMatch {
        var match = RuleMatch()
        guard let node else { return match }
        let map = try node.mapping(
            allowedKeys: ["category", "severity", "region", "place", "equipment", "text", "feed", "chat", "dedup"]
        )
        if let value = map.optional("category") { match.categories = Set(try choices(value, Category.self)) }
        if let value = map.optional("severity") { match.minimumSeverity = try value.choice(Severity.self) }
        if let value = map.optional("region") { match.regions = Set(try choices(value, Region.self)) }
        if let value = map.optional("place") { match.places = Set(try value.stringList().map { $0.lowercased() }) }
        if let value = map.optional("equipment") {
            match.equipment = Set(try value.stringList().map { $0.lowercased() })
        }
        if let value = map.optional("text") {
            do {
                match.text = try TextPattern(try value.string())
            } catch let error as TextPatternError {
                throw value.error(error.description)
            }
        }
        if let value = map.optional("feed") { match.feeds = Set(try value.stringList()) }
        if let value = map.optional("chat") {
            match.chats = Set(try value.stringList().map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 })
        }
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
