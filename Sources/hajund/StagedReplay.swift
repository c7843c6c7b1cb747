import HajunCore

/// `hajund replay --profile`: the pipeline run stage by stage over batches of posts, so that the thread CPU time
/// of each stage can be read with a few clock reads per batch rather than per post (which would cost as much as
/// the stages themselves). The events and their order are those of `Pipeline.process`.
final class StagedReplay {
    let profile = StageProfile()
    private let pipeline: Pipeline
    private let output: BufferedOutput
    private var batch: [(report: Report, seq: Int64)] = []
    // Each stage's results for the batch, kept between batches so that their memory is reused, and emptied in
    // a stage of its own: freeing a batch's reports and events is a cost of the run too, but of no one stage.
    private var normalized: [NormalizedText] = []
    private var fingerprints: [Fingerprint] = []
    private var classifications: [Classification] = []
    private var events: [Event] = []
    private var receivedAt = Timestamp(millisecondsSince1970: 0)
    private var posts = 0
    private static let batchSize = 1024

    init(pipeline: Pipeline, output: BufferedOutput) {
        self.pipeline = pipeline
        self.output = output
        batch.reserveCapacity(StagedReplay.batchSize)
        normalized.reserveCapacity(StagedReplay.batchSize)
        fingerprints.reserveCapacity(StagedReplay.batchSize)
        classifications.reserveCapacity(StagedReplay.batchSize)
        events.reserveCapacity(StagedReplay.batchSize)
    }

    /// Takes one parsed report; runs the stages when a batch is full. The time since the last charge was
    /// parsing.
    func add(_ report: Report, seq: Int64, receivedAt: Timestamp) {
        self.receivedAt = receivedAt
        batch.append((report, seq))
        if batch.count == StagedReplay.batchSize { finishBatch() }
    }

    /// Runs the stages over the posts taken so far.
    func finishBatch() {
        profile.charge(.parse)
        guard !batch.isEmpty else { return }
        for item in batch { normalized.append(Normalizer.normalize(item.report.text)) }
        profile.charge(.normalize)
        for text in normalized { fingerprints.append(Fingerprinter.fingerprint(text)) }
        profile.charge(.fingerprint)
        for (index, item) in batch.enumerated() {
            classifications.append(pipeline.classifier.classify(text: item.report.text, normalized: normalized[index]))
        }
        profile.charge(.classify)
        for (index, item) in batch.enumerated() {
            events.append(
                pipeline.judge(
                    item.report, normalized: normalized[index], fingerprint: fingerprints[index],
                    classification: classifications[index], seq: item.seq, receivedAt: receivedAt))
        }
        profile.charge(.dedup)
        for index in events.indices { _ = pipeline.evaluateRules(&events[index]) }
        profile.charge(.rules)
        for event in events {
            output.appendLine(maxBytes: EventEncoder.encodedLengthBound(event), flushing: false) {
                EventEncoder.encode(event, to: $0)
            }
        }
        profile.charge(.encode)
        output.flush()
        profile.charge(.write)
        posts += batch.count
        batch.removeAll(keepingCapacity: true)
        normalized.removeAll(keepingCapacity: true)
        fingerprints.removeAll(keepingCapacity: true)
        classifications.removeAll(keepingCapacity: true)
        events.removeAll(keepingCapacity: true)
        profile.charge(.release)
    }

    func summary() -> String {
        profile.summary(posts: posts, dedup: pipeline.dedup.statistics)
    }
}
