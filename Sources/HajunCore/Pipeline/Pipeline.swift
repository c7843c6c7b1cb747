/// The pure per-post pipeline: normalize → fingerprint → classify → dedup → rules. No I/O.
///
/// The caller owns sequencing: it passes the `seq` the log will give the event, writes the encoded event, and
/// delivers the fired alerts.
public final class Pipeline {
    public let classifier: Classifier
    public let dedup: DedupIndex
    public let rules: RuleEngine

    public init(classifier: Classifier, dedup: DedupIndex, rules: RuleEngine) {
        self.classifier = classifier
        self.dedup = dedup
        self.rules = rules
    }

    /// Judges one report. `seq` salts the event id so that the same post seen twice gets two distinct ids.
    public func process(_ report: Report, seq: Int64, receivedAt: Timestamp) -> (event: Event, alerts: [AlertRule]) {
        let normalized = Normalizer.normalize(report.text)
        let fingerprint = Fingerprinter.fingerprint(normalized)
        let classification = classifier.classify(text: report.text, normalized: normalized)
        var event = judge(
            report, normalized: normalized, fingerprint: fingerprint, classification: classification, seq: seq,
            receivedAt: receivedAt)
        let fired = evaluateRules(&event)
        return (event, fired)
    }

    /// The dedup stage of `process`, for callers that run the stages separately (`hajund replay --profile`):
    /// `normalized`, `fingerprint` and `classification` must be what `process` computes for `report`.
    public func judge(
        _ report: Report, normalized: NormalizedText, fingerprint: Fingerprint, classification: Classification,
        seq: Int64, receivedAt: Timestamp
    ) -> Event {
        let id = Pipeline.eventID(for: report, fingerprint: fingerprint, seq: seq)
        let verdict = dedup.judge(
            report,
            fingerprint: fingerprint,
            normalized: normalized,
            entities: classification.entities,
            category: classification.category,
            id: id
        )
        return Event(
            id: id,
            seq: seq,
            report: report,
            receivedAt: receivedAt,
            classification: classification,
            dedup: verdict,
            fingerprint: fingerprint
        )
    }

    /// The rules stage of `process`: evaluates the rules on `event` (in `seq` order), records the names of the
    /// rules that fired in `event.alerts` and returns them.
    public func evaluateRules(_ event: inout Event) -> [AlertRule] {
        let fired = rules.evaluate(event)
        event.alerts = fired.map(\.name)
        return fired
    }

    static func eventID(for report: Report, fingerprint: Fingerprint, seq: Int64) -> EventID {
        var key: [UInt8] = []
        key.reserveCapacity(report.feed.utf8.count + report.chat.utf8.count + 34)
        key.append(contentsOf: report.feed.utf8)
        key.append(0)
        key.append(contentsOf: report.chat.utf8)
        key.append(0)
        withUnsafeBytes(of: (report.messageID ?? -1).littleEndian) { key.append(contentsOf: $0) }
        withUnsafeBytes(of: report.postedAt.millisecondsSince1970.littleEndian) { key.append(contentsOf: $0) }
        withUnsafeBytes(of: fingerprint.exact.littleEndian) { key.append(contentsOf: $0) }
        return EventID(rawValue: XXH3.hash64(key, seed: UInt64(bitPattern: seq)))
    }
}
