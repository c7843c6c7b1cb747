import HajunCore

extension DedupConfiguration {
    static let keys: Set<String> = [
        "exact_window", "near_window", "facts_window", "max_simhash_distance", "min_token_similarity",
        "repeatable_text_max_words",
    ]

    /// The largest `max_simhash_distance` the multi-index table is laid out for (`DedupConfiguration`).
    static let largestSimHashDistance = 11

    init(from node: ConfigNode?) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(allowedKeys: Self.keys)
        if let value = map.optional("exact_window") { exactWindowMilliseconds = try Self.window(value) }
        if let value = map.optional("near_window") { nearWindowMilliseconds = try Self.window(value) }
        if let value = map.optional("facts_window") { factsWindowMilliseconds = try Self.window(value) }
        if let value = map.optional("max_simhash_distance") {
            let distance = try value.int()
            guard (0...Self.largestSimHashDistance).contains(distance) else {
                throw value.error(
                    "expected a Hamming distance from 0 to \(Self.largestSimHashDistance) bits, not \(distance)")
            }
            maxSimHashDistance = distance
        }
        if let value = map.optional("min_token_similarity") {
            let similarity = try value.double()
            guard similarity >= 0 && similarity <= 1 else {
                throw value.error("expected a similarity from 0 to 1, not \(similarity)")
            }
            minTokenSimilarity = similarity
        }
        if let value = map.optional("repeatable_text_max_words") {
            let words = try value.int()
            guard words >= 0 else { throw value.error("expected a number of words (0 or more), not \(words)") }
            repeatableTextMaxWords = words
        }
    }

    /// A window: a duration longer than zero (a zero window would forget every post at once).
    private static func window(_ value: ConfigNode) throws -> Int64 {
        let milliseconds = try value.durationMilliseconds()
        guard milliseconds > 0 else { throw value.error("expected a window longer than 0") }
        return milliseconds
    }
}
