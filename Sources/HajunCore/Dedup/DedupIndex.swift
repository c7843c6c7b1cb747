/// Remembers recent posts and judges each new one: `new`, `exact`, `near` or `edit`, pointing every duplicate
/// at its incident's first event and counting the incident's distinct sources.
///
/// Decisions, in order (the first that applies wins):
/// 1. the same post again (chat and message id): `exact`, or `edit` when its text changed;
/// 2. a forward whose origin post was seen: `exact`;
/// 3. the same normalized text within the exact window: `exact` (but identical short texts further apart than
///    the near window are separate sightings, see `DedupConfiguration.repeatableTextMaxWords`);
/// 4. a near duplicate: a post within the near window whose SimHash is within `maxSimHashDistance`, found
///    through `NearStore`'s multi-index table (or one that shares the text's first or last five words, within
///    12 more bits: a re-post with a comment added), whose word stems are similar enough
///    (`minTokenSimilarity`), and with no conflicting facts (places, direction, equipment, designations,
///    counts, names): `near`;
/// 5. a post within the facts window in other words or another language with agreeing facts and no conflicting
///    ones: two of a shared place, a second shared place, shared equipment (or designation), an agreeing count
///    (or shared number), one of them a place or equipment; or a shared place and the same category (when the
///    caller gives categories): `near`. Texts that are similar enough to compare word by word must not name
///    different things either (`PostProfile.namesConflict`).
/// Otherwise the post is `new`: the first event of a new incident. A match in 4 or 5 is refused when any post
/// of the candidate's incident in the near window conflicts with the new one (an English re-report must not
/// carry a post into an incident whose Russian posts name another town).
///
/// Sources: a post's source is its forward's origin (chat or sender), else its chat; every incident counts its
/// distinct sources (`DedupVerdict.sources`): forwards of one channel's post are one source.
///
/// Memory, bounded by the windows (stores are compacted by rebuilding when they have doubled, or when the posts'
/// time has moved on by a window): per remembered post 24 bytes of columns and two lookup tables of 5 to 6.25
/// bytes a row (`PostStore`); per incident 21 bytes (`IncidentStore`); per post with a new text inside the
/// near window a profile and index links of about 290 bytes (`NearStore`). `bench/dedup` measures 61 bytes a
/// remembered post with 1,000,000 posts in a week's window.
///
/// Not thread-safe: one pipeline judges posts one at a time.
public final class DedupIndex {
    public let configuration: DedupConfiguration
    var engine: DedupEngine

    public init(configuration: DedupConfiguration = .default) {
        self.configuration = configuration
        engine = DedupEngine(configuration: configuration)
    }

    /// An index restored from `snapshot()` bytes, judging with `configuration` (windows may differ from the
    /// saving run's; they apply from the next compaction on).
    public convenience init(configuration: DedupConfiguration = .default, restoring snapshot: [UInt8]) throws {
        self.init(configuration: configuration)
        try DedupSnapshot.decode(snapshot, into: &engine)
        engine.resetCompactionSchedule()
    }

    /// The index as compact bytes for the state store (format: `DedupSnapshot`). About 44 bytes a remembered
    /// post plus 120 a near-window profile.
    public func snapshot() -> [UInt8] {
        DedupSnapshot.encode(engine)
    }

    /// Judges `report` and remembers it under `id`. `normalized` must be `Normalizer.normalize(report.text)`
    /// and `fingerprint` `Fingerprinter.fingerprint(normalized)`; `entities` and `category` are the classifier's.
    public func judge(
        _ report: Report, fingerprint: Fingerprint, normalized: NormalizedText, entities: Entities,
        category: Category? = nil, id: EventID
    ) -> DedupVerdict {
        engine.judge(
            report, fingerprint: fingerprint, normalized: normalized, entities: entities, category: category, id: id)
    }

    /// Judges `report`, normalizing and fingerprinting its text itself. Prefer the variant that takes the
    /// normalized text when the caller has it already.
    public func judge(_ report: Report, fingerprint: Fingerprint, entities: Entities, id: EventID) -> DedupVerdict {
        judge(
            report, fingerprint: fingerprint, normalized: Normalizer.normalize(report.text), entities: entities, id: id)
    }

    /// Forgets every post posted before `cutoff`, except first posts of incidents that still have later members
    /// (duplicates keep pointing at them). Judging does this by itself as the windows move; this is for callers
    /// that want the memory back at once.
    public func evict(before cutoff: Timestamp) {
        engine.evict(before: cutoff)
    }

    // MARK: - Statistics

    /// What the index holds, for metrics and the benchmark.
    public struct Statistics: Sendable, Hashable {
        /// Posts remembered for the exact window.
        public var rememberedPosts: Int
        /// Posts with a profile in the near window.
        public var nearPosts: Int
        /// Incidents remembered (first posts and their duplicates count once).
        public var incidents: Int
        /// Bytes held by the index's arrays and tables (capacities, not counts), and the part of them held by
        /// the posts (columns and lookup tables), the incidents and the near-window profiles.
        public var bytes: Int
        public var postBytes: Int
        public var incidentBytes: Int
        public var nearBytes: Int
    }

    public var statistics: Statistics {
        Statistics(
            rememberedPosts: engine.posts.count, nearPosts: engine.near.count,
            incidents: engine.incidents.count,
            bytes: engine.posts.footprint + engine.incidents.footprint + engine.near.footprint,
            postBytes: engine.posts.footprint, incidentBytes: engine.incidents.footprint,
            nearBytes: engine.near.footprint)
    }
}
