import HajunCore

/// Decides which fault, if any, a request gets: faults queued by the embedding code first, then configured rules.
actor FaultInjector {
    private let rules: [FaultRule]
    private var counters: [Int]
    private var queued: [(Fault, FaultRule.Scope)] = []
    private var random: SeededRandom
    private(set) var injected: [String: Int] = [:]

    init(rules: [FaultRule], seed: UInt64) {
        self.rules = rules
        counters = rules.map { _ in 0 }
        random = SeededRandom(seed: seed, stream: "faults")
    }

    /// Queues faults for the next requests in `scope`, one request each.
    func enqueue(_ faults: [Fault], scope: FaultRule.Scope) {
        queued.append(contentsOf: faults.map { ($0, scope) })
    }

    /// The fault for a request covered by `scopes` (say `[.all, .botAPI, .getUpdates]`).
    func fault(for scopes: Set<FaultRule.Scope>) -> Fault? {
        var chosen: Fault?
        if let index = queued.firstIndex(where: { scopes.contains($0.1) }) {
            chosen = queued.remove(at: index).0
        }
        for (index, rule) in rules.enumerated() where scopes.contains(rule.scope) {
            counters[index] += 1
            guard chosen == nil else { continue }
            switch rule.trigger {
            case .requests(let range): if range.contains(counters[index]) { chosen = rule.fault }
            case .every(let n): if counters[index] % n == 0 { chosen = rule.fault }
            case .probability(let p): if random.chance(p) { chosen = rule.fault }
            }
        }
        if let chosen { injected[chosen.description, default: 0] += 1 }
        return chosen
    }
}
