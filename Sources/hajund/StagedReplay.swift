import HajunCore

/// `hajund replay --profile`: the pipeline run stage by stage over batches of posts, so that the thread CPU time
/// of each stage can be read with a few clock reads per batch rather than per post (which would cost as much as
/// the stages themselves). The events and their order are those of `Pipeline.process`.
final class StagedReplay {
    let profile = StageProfile()
    private let pipeline: Pipeline
    private let output: BufferedOutput
    /// The batch's reports and their `seq`s. The dedup stage moves each report into its event.
    private var reports: [Report] = []
    private var seqs: [Int64] = []
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
        reports.reserveCapacity(StagedReplay.batchSize)
        seqs.reserveCapacity(StagedReplay.batchSize)
        normalized.reserveCapacity(StagedReplay.batchSize)
        fingerprints.reserveCapacity(StagedReplay.batchSize)
        classifications.reserveCapacity(StagedReplay.batchSize)
        events.reserveCapacity(StagedReplay.batchSize)
    }

    /// Takes one parsed report; runs the stages when a batch is full. The time since the last charge was
    /// parsing.
    func add(_ report: consuming Report, seq: Int64, receivedAt: Timestamp) {
        self.receivedAt = receivedAt
        reports.append(consume report)
        seqs.append(seq)
        if reports.count == StagedReplay.batchSize { finishBatch() }
    }

    /// Runs the stages over the posts taken so far.
    func finishBatch() {
        profile.charge(.parse)
        guard !reports.isEmpty else { return }
        let count = reports.count
        // Read in place: a loop over copies would retain and release every report's and text's storage.
        reports.withUnsafeBufferPointer { reports in
            for index in 0..<count { normalized.append(Normalizer.normalize(reports[index].text)) }
        }
        profile.charge(.normalize)
        normalized.withUnsafeBufferPointer { normalized in
            for index in 0..<count { fingerprints.append(Fingerprinter.fingerprint(normalized[index])) }
        }
        profile.charge(.fingerprint)
        reports.withUnsafeBufferPointer { reports in
            normalized.withUnsafeBufferPointer { normalized in
                for index in 0..<count {
                    classifications.append(
                        pipeline.classifier.classify(text: reports[index].text, normalized: normalized[index]))
                }
            }
        }
        profile.charge(.classify)
        // Each report and classification is moved into its event rather than copied (taken from the end of
        // arrays reversed first, which moves them without retaining anything).
        reports.reverse()
        classifications.reverse()
        normalized.withUnsafeBufferPointer { normalized in
            for index in 0..<count {
                events.append(
                    pipeline.judge(
                        reports.removeLast(), normalized: normalized[index], fingerprint: fingerprints[index],
                        classification: classifications.removeLast(), seq: seqs[index], receivedAt: receivedAt))
            }
        }
        profile.charge(.dedup)
        for index in events.indices { pipeline.evaluateRules(&events[index]) }
        profile.charge(.rules)
        for index in events.indices { output.appendEvent(events[index], flushing: false) }
        profile.charge(.encode)
        output.flush()
        profile.charge(.write)
        posts += count
        reports.removeAll(keepingCapacity: true)
        seqs.removeAll(keepingCapacity: true)
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
