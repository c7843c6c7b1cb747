import HajunCore

extension DedupConfiguration {
    init(from node: ConfigNode?) throws {
        self.init()
        guard let node else { return }
        let map = try node.mapping(allowedKeys: ["exact_window", "near_window"])
        if let exact = map.optional("exact_window") { exactWindowMilliseconds = try exact.durationMilliseconds() }
        if let near = map.optional("near_window") { nearWindowMilliseconds = try near.durationMilliseconds() }
    }
}
