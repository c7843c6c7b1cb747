// INTERIM STUB — owned by the dedup work (issue 4), which replaces it.
/// Remembers recent posts and judges each new one: new, exact, near or edit.
public final class DedupIndex {
    public let configuration: DedupConfiguration
    private var byPost: [String: (EventID, UInt64)] = [:]
    private var byText: [UInt64: EventID] = [:]

    public init(configuration: DedupConfiguration = .default) {
        self.configuration = configuration
    }

    /// Judges `report` and remembers it under `id`.
    public func judge(
        _ report: Report,
        fingerprint: Fingerprint,
        entities: Entities,
        id: EventID
    ) -> DedupVerdict {
        let postKey = report.messageID.map { "\(report.chat)/\($0)" }
        if let postKey, let (first, exact) = byPost[postKey] {
            return DedupVerdict(status: exact == fingerprint.exact ? .exact : .edit, of: first, distance: 0)
        }
        if let first = byText[fingerprint.exact] {
            if let postKey { byPost[postKey] = (first, fingerprint.exact) }
            return DedupVerdict(status: .exact, of: first, distance: 0)
        }
        byText[fingerprint.exact] = id
        if let postKey { byPost[postKey] = (id, fingerprint.exact) }
        return DedupVerdict(status: .new)
    }
}
