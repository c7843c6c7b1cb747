import HajunCore
import Logging

/// Re-applies the events the log holds beyond what the state covers: the log is the write-ahead record, so a
/// crash between a log write and the state commit loses nothing and takes nothing twice.
///
/// From `dedupSeq + 1` on, every event is judged again by the dedup index with the facts the log recorded (the
/// same report, id, entities and order give the same verdict, so the index ends as it was; no classifying needed).
/// Events from `lastSeq + 1` on, written but not committed before a crash, go through the whole pipeline instead,
/// so that their alerts can be handed back for delivery; the caller marks their posts as taken.
struct LogRecovery {
    struct Replayed {
        var event: Event
        var fired: [AlertRule]
    }

    struct Summary {
        var replayed = 0
        var uncommitted = 0
        var mismatches = 0
        var unreadable = 0
        var lastSeq: Int64 = 0
    }

    let logPath: String
    let logger: Logger

    /// Reads the log from `dedupSeq + 1` to its end, passing each event through `pipeline`; `handle` gets the
    /// events after `lastSeq`.
    func replay(
        pipeline: Pipeline,
        dedupSeq: Int64,
        lastSeq: Int64,
        handle: (Replayed) -> Void
    ) throws -> Summary {
        var summary = Summary()
        let reader = EventLogReader(livePath: logPath, start: .seq(dedupSeq + 1), follow: false)
        try reader.run(
            notice: { notice in
                switch notice {
                case .gap(let expected, _, _) where expected == dedupSeq + 1 && summary.replayed == 0:
                    logger.warning("the log has no events after seq \(dedupSeq) to replay from: \(notice)")
                default:
                    logger.warning("while replaying the log: \(notice)")
                }
            },
            line: { line in
                summary.lastSeq = line.seq
                guard let logged = LoggedEvent(line: line.bytes) else {
                    summary.unreadable += 1
                    logger.error("cannot replay seq \(line.seq) from \(line.file): not a complete schema v1 event")
                    return
                }
                summary.replayed += 1
                guard logged.seq > lastSeq else {
                    let normalized = Normalizer.normalize(logged.report.text)
                    let verdict = pipeline.dedup.judge(
                        logged.report,
                        fingerprint: Fingerprinter.fingerprint(normalized),
                        normalized: normalized,
                        entities: logged.entities,
                        category: logged.category,
                        id: logged.id
                    )
                    if let status = logged.dedupStatus, status != verdict.status.rawValue { summary.mismatches += 1 }
                    return
                }
                let (event, fired) = pipeline.process(logged.report, seq: logged.seq, receivedAt: logged.receivedAt)
                if let status = logged.dedupStatus, status != event.dedup.status.rawValue { summary.mismatches += 1 }
                summary.uncommitted += 1
                handle(Replayed(event: event, fired: fired))
            }
        )
        return summary
    }
}
