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
    public func process(
        _ report: consuming Report, seq: Int64, receivedAt: Timestamp
    ) -> (event: Event, alerts: [AlertRule]) {
        var event = processEventBeforeRules(consume report, seq: seq, receivedAt: receivedAt)
        let fired = evaluateRules(&event)
        return (event, fired.map { rules.rules[$0] })
    }

    /// `process` without the fired rules, for callers that need only the event (`hajund replay`): the event's
    /// `alerts` still name them.
    public func processEvent(_ report: consuming Report, seq: Int64, receivedAt: Timestamp) -> Event {
        var event = processEventBeforeRules(consume report, seq: seq, receivedAt: receivedAt)
        evaluateRules(&event)
        return event
    }

    @inline(__always)
    private func processEventBeforeRules(_ report: consuming Report, seq: Int64, receivedAt: Timestamp) -> Event {
        let normalized = Normalizer.normalize(report.text)
        let fingerprint = Fingerprinter.fingerprint(normalized)
        let classification = classifier.classify(text: report.text, normalized: normalized)
        return judge(
            consume report, normalized: normalized, fingerprint: fingerprint, classification: classification, seq: seq,
            receivedAt: receivedAt)
    }

    /// The dedup stage of `process`, for callers that run the stages separately (`hajund replay --profile`):
    /// `normalized`, `fingerprint` and `classification` must be what `process` computes for `report`. The
    /// report and classification become the event's (a caller done with them can move them in uncopied).
    public func judge(
        _ report: consuming Report, normalized: NormalizedText, fingerprint: Fingerprint,
        classification: consuming Classification, seq: Int64, receivedAt: Timestamp
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
            report: consume report,
            receivedAt: receivedAt,
            classification: consume classification,
            dedup: verdict,
            fingerprint: fingerprint
        )
    }

    /// The rules stage of `process`: evaluates the rules on `event` (in `seq` order), records the names of the
    /// rules that fired in `event.alerts` and returns their positions in `rules.rules`.
    @discardableResult
    public func evaluateRules(_ event: inout Event) -> [Int] {
        let fired = rules.firedRules(event)
        event.alerts =
            fired.isEmpty ? [] : rules.rules.withUnsafeBufferPointer { rules in fired.map { rules[$0].name } }
        return fired
    }

    /// XXH3 of feed, 0, chat, 0, then the message id (-1 for none), posted time and exact fingerprint as
    /// little-endian 64-bit words, seeded with `seq`: the key is laid out in a stack buffer, not an array a post.
    static func eventID(for report: Report, fingerprint: Fingerprint, seq: Int64) -> EventID {
        var feed = report.feed
        var chat = report.chat
        // Read out here: a closure that read them from `report` would capture (copy) the whole report.
        let messageID = report.messageID ?? -1
        let posted = report.postedAt.millisecondsSince1970
        return feed.withUTF8 { feed in
            chat.withUTF8 { chat in
                let length = feed.count + chat.count + 26
                return withUnsafeTemporaryAllocation(byteCount: length, alignment: 8) { key in
                    var at = 0
                    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                        if let base = bytes.baseAddress {
                            (key.baseAddress! + at).copyMemory(from: base, byteCount: bytes.count)
                        }
                        at += bytes.count
                        key[at] = 0
                        at += 1
                    }
                    func put(_ word: Int64) {
                        key.storeBytes(of: word.littleEndian, toByteOffset: at, as: Int64.self)
                        at += 8
                    }
                    put(feed)
                    put(chat)
                    put(messageID)
                    put(posted)
                    put(Int64(bitPattern: fingerprint.exact))
                    return EventID(
                        rawValue: XXH3.hash64(UnsafeRawBufferPointer(key), seed: UInt64(bitPattern: seq)))
                }
            }
        }
    }
}
