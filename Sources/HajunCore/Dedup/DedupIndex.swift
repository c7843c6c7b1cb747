/// Remembers recent posts and judges each new one: `new`, `exact`, `near` or `edit`, pointing every duplicate
/// at its incident's first event and counting the incident's distinct sources.
///
/// Decisions, in order (the first that applies wins):
/// 1. the same post again (chat and message id): `exact`, or `edit` when its text changed;
/// 2. a forward whose origin post was seen: `exact`;
/// 3. the same normalized text within the exact window: `exact` (but identical short texts further apart than
///    the near window are separate sightings, see `DedupConfiguration.repeatableTextMaxWords`);
/// 4. a near duplicate: a post within the near window whose SimHash is within `maxSimHashDistance`, found
///    through `NearStore`'s multi-index table, whose word stems are similar enough (`minTokenSimilarity`),
///    and with no conflicting facts (places, direction, equipment, designations, counts, names): `near`;
/// 5. a post within the facts window in other words or another language with agreeing facts — a shared place
///    and shared equipment or number, or shared equipment and number — and no conflicting ones: `near`.
/// Otherwise the post is `new`: the first event of a new incident.
///
/// Memory: 44 bytes of columns per post plus two hash tables in the exact window (`PostStore`), and a profile
/// entry of about 110 bytes only for posts with a new text inside the near window (`NearStore`). Stores are
/// compacted by rebuilding once they have doubled since the last compaction, so they stay bounded by the
/// windows. `bench/dedup` measures it.
public final class DedupIndex {
    public let configuration: DedupConfiguration
    var posts = PostStore()
    var near: NearStore
    var interner = FactInterner()
    var incidentSources = IncidentSources()
    /// The latest posted time seen, in seconds: windows are counted back from here when evicting.
    var highWater: UInt32 = 0
    /// Compaction is due when a store has doubled since the last one, or when the posts' time has moved on by
    /// a whole window since (then at least a window's worth of entries has expired and chains would drag it).
    private var nextCompaction = DedupIndex.minimumCompaction
    private var nextNearCompaction = DedupIndex.minimumCompaction
    private var lastCompactionTime: UInt32 = 0
    private var lastNearCompactionTime: UInt32 = 0
    static let minimumCompaction = 4096
    static let minimumTimedCompaction = 256

    public init(configuration: DedupConfiguration = .default) {
        self.configuration = configuration
        near = NearStore(radius: configuration.maxSimHashDistance)
    }

    /// An index restored from `snapshot()` bytes, judging with `configuration` (windows may differ from the
    /// saving run's; they apply from the next compaction on).
    public convenience init(configuration: DedupConfiguration = .default, restoring snapshot: [UInt8]) throws {
        self.init(configuration: configuration)
        try DedupSnapshot.decode(snapshot, into: self)
        nextCompaction = max(Self.minimumCompaction, posts.count * 2)
        nextNearCompaction = max(Self.minimumCompaction, near.count * 2)
        lastCompactionTime = highWater
        lastNearCompactionTime = highWater
    }

    /// The index as compact bytes for the state store (format: `DedupSnapshot`). About 44 bytes a remembered
    /// post plus 82 a near-window profile.
    public func snapshot() -> [UInt8] {
        DedupSnapshot.encode(self)
    }

    /// Judges `report` and remembers it under `id`. `normalized` must be `Normalizer.normalize(report.text)`
    /// and `fingerprint` `Fingerprinter.fingerprint(normalized)`; `entities` are the classifier's.
    public func judge(
        _ report: Report, fingerprint: Fingerprint, normalized: NormalizedText, entities: Entities, id: EventID
    ) -> DedupVerdict {
        let seconds = Self.seconds(report.postedAt)
        if seconds > highWater { highWater = seconds }
        compactIfDue()
        let postKey = PostIdentity.key(of: report)
        let source = PostIdentity.source(of: report)
        let exactWindow = Self.seconds(milliseconds: configuration.exactWindowMilliseconds)

        // 1. The same post again.
        if let row = posts.row(postKey: postKey), Self.gap(posts.seconds[row], seconds) <= exactWindow {
            let root = Int(posts.root[row])
            if posts.exact[row] == fingerprint.exact { return verdict(.exact, root: root, fingerprint) }
            posts.replaceText(of: row, exact: fingerprint.exact, simhash: fingerprint.simhash)
            if !normalized.isEmpty {
                let profile = PostProfile(normalized, entities: entities, interner: &interner)
                near.insert(simhash: fingerprint.simhash, post: UInt32(row), seconds: seconds, profile: profile)
            }
            return verdict(.edit, root: root, fingerprint)
        }

        // 2. A forward of a post seen before.
        if let originKey = PostIdentity.originKey(of: report), let row = posts.row(postKey: originKey),
            Self.gap(posts.seconds[row], seconds) <= exactWindow
        {
            let root = Int(posts.root[row])
            let textIsKnown = posts.row(text: fingerprint.exact) != nil
            let member = remember(report, postKey, source, seconds, fingerprint, id, root: root)
            if !textIsKnown && !normalized.isEmpty {
                addNearEntry(member, seconds, fingerprint, PostProfile(normalized, entities: entities, interner: &interner))
            }
            return verdict(.exact, root: root, fingerprint, addingSource: source)
        }

        // 3. The same normalized text.
        if !normalized.isEmpty, let row = posts.row(text: fingerprint.exact) {
            let gap = Self.gap(posts.seconds[row], seconds)
            let repeatable =
                gap > Self.seconds(milliseconds: configuration.nearWindowMilliseconds)
                && Self.wordCount(normalized) <= configuration.repeatableTextMaxWords
            if gap <= exactWindow && !repeatable {
                let root = Int(posts.root[row])
                let member = remember(report, postKey, source, seconds, fingerprint, id, root: root)
                if gap > Self.seconds(milliseconds: configuration.nearWindowMilliseconds) {
                    // A repost days later renews the text for near duplicates of it.
                    addNearEntry(member, seconds, fingerprint, PostProfile(normalized, entities: entities, interner: &interner))
                }
                return verdict(.exact, root: root, fingerprint, addingSource: source)
            }
        }

        guard !normalized.isEmpty else {
            // Nothing left to compare (only links, emoji or signatures): a sighting of its own.
            remember(report, postKey, source, seconds, fingerprint, id, root: nil, indexText: false)
            return DedupVerdict(status: .new)
        }
        let profile = PostProfile(normalized, entities: entities, interner: &interner)

        // 4. A near duplicate, 5. the same facts in other words.
        if let match = nearDuplicate(fingerprint.simhash, profile, seconds) ?? sameFacts(profile, seconds) {
            let root = Int(posts.root[Int(near.post[match])])
            let member = remember(report, postKey, source, seconds, fingerprint, id, root: root)
            addNearEntry(member, seconds, fingerprint, profile)
            return verdict(.near, root: root, fingerprint, addingSource: source)
        }

        let row = remember(report, postKey, source, seconds, fingerprint, id, root: nil)
        addNearEntry(row, seconds, fingerprint, profile)
        return DedupVerdict(status: .new)
    }

    /// Judges `report`, normalizing and fingerprinting its text itself. Prefer the variant that takes the
    /// normalized text when the caller has it already.
    public func judge(_ report: Report, fingerprint: Fingerprint, entities: Entities, id: EventID) -> DedupVerdict {
        judge(report, fingerprint: fingerprint, normalized: Normalizer.normalize(report.text), entities: entities, id: id)
    }

    // MARK: - Matching

    /// The near-window entry that is the best near duplicate (smallest SimHash distance, then most similar).
    private func nearDuplicate(_ simhash: UInt64, _ profile: PostProfile, _ seconds: UInt32) -> Int? {
        let window = Self.seconds(milliseconds: configuration.nearWindowMilliseconds)
        let radius = configuration.maxSimHashDistance
        var best: (entry: Int, distance: Int, similarity: Double)?
        near.forEachSimHashCandidate(simhash) { entry in
            let distance = SimHash.distance(near.simhash[entry], simhash)
            guard distance <= radius, Self.gap(near.seconds[entry], seconds) <= window else { return }
            if let best, distance > best.distance || entry == best.entry { return }
            let candidate = near.profile[entry]
            let similarity = candidate.stemSimilarity(to: profile)
            guard similarity >= configuration.minTokenSimilarity else { return }
            if let best, distance == best.distance && similarity <= best.similarity { return }
            guard !candidate.factsConflict(with: profile), !candidate.namesConflict(with: profile) else { return }
            best = (entry, distance, similarity)
        }
        return best?.entry
    }

    /// The facts-window entry whose facts agree best with `profile` (a place and equipment or a number, or
    /// equipment and a number) and conflict in nothing; the closest in time among equals.
    private func sameFacts(_ profile: PostProfile, _ seconds: UInt32) -> Int? {
        let window = Self.seconds(milliseconds: configuration.factsWindowMilliseconds)
        var best: (entry: Int, score: Int, gap: UInt32)?
        let keys = profile.factKeys
        for slot in 0..<PostProfile.factKeyCount where keys[slot] != 0 {
            near.forEachFactCandidate(keys[slot]) { entry in
                let gap = Self.gap(near.seconds[entry], seconds)
                guard gap <= window else { return }
                let candidate = near.profile[entry]
                let agreement = candidate.agreement(with: profile)
                let score = (agreement.place ? 1 : 0) + (agreement.equipment ? 1 : 0) + (agreement.number ? 1 : 0)
                guard score >= 2, agreement.place || agreement.equipment else { return }
                if let best, score < best.score || (score == best.score && gap >= best.gap) { return }
                guard !candidate.factsConflict(with: profile) else { return }
                best = (entry, score, gap)
            }
        }
        return best?.entry
    }

    // MARK: - Remembering

    @discardableResult
    private func remember(
        _ report: Report, _ postKey: UInt64, _ source: UInt32, _ seconds: UInt32, _ fingerprint: Fingerprint,
        _ id: EventID, root: Int?, indexText: Bool = true
    ) -> Int {
        posts.append(
            postKey: postKey, exact: fingerprint.exact, simhash: fingerprint.simhash, eventID: id.rawValue,
            seconds: seconds, root: root, source: source, indexText: indexText)
    }

    private func addNearEntry(_ row: Int, _ seconds: UInt32, _ fingerprint: Fingerprint, _ profile: PostProfile) {
        near.insert(simhash: fingerprint.simhash, post: UInt32(row), seconds: seconds, profile: profile)
    }

    private func verdict(
        _ status: DedupStatus, root: Int, _ fingerprint: Fingerprint, addingSource source: UInt32? = nil
    ) -> DedupVerdict {
        let sources =
            source.map { incidentSources.add($0, root: root, firstSource: posts.source[root]) }
            ?? incidentSources.count(root: root)
        return DedupVerdict(
            status: status, of: EventID(rawValue: posts.eventID[root]),
            distance: SimHash.distance(posts.simhash[root], fingerprint.simhash), sources: sources)
    }

    // MARK: - Eviction

    /// Forgets every post posted before `cutoff`, except first posts of incidents that still have later members
    /// (duplicates keep pointing at them). Judging does this by itself as the windows move; this is for callers
    /// that want the memory back at once.
    public func evict(before cutoff: Timestamp) {
        compact(exactCutoff: Self.seconds(cutoff), nearCutoff: Self.seconds(cutoff))
    }

    private func compactIfDue() {
        let exactCutoff = Self.cutoff(highWater, configuration.exactWindowMilliseconds)
        let nearCutoff = Self.cutoff(highWater, configuration.nearWindowMilliseconds)
        if posts.count >= nextCompaction
            || (posts.count >= Self.minimumTimedCompaction && exactCutoff > lastCompactionTime)
        {
            compact(exactCutoff: exactCutoff, nearCutoff: nearCutoff)
        } else if near.count >= nextNearCompaction
            || (near.count >= Self.minimumTimedCompaction && nearCutoff > lastNearCompactionTime)
        {
            compactNear(cutoff: nearCutoff)
        }
    }

    private func compact(exactCutoff: UInt32, nearCutoff: UInt32) {
        var keep = posts.seconds.map { $0 >= exactCutoff }
        for row in 0..<posts.count where keep[row] { keep[Int(posts.root[row])] = true }
        let map = posts.compact(keeping: keep)
        near.compact { post, seconds in seconds >= nearCutoff ? map[Int(post)] : nil }
        incidentSources.remap(map)
        nextCompaction = max(Self.minimumCompaction, posts.count * 2)
        nextNearCompaction = max(Self.minimumCompaction, near.count * 2)
        lastCompactionTime = highWater
        lastNearCompactionTime = highWater
    }

    private func compactNear(cutoff: UInt32) {
        near.compact { post, seconds in seconds >= cutoff ? post : nil }
        nextNearCompaction = max(Self.minimumCompaction, near.count * 2)
        lastNearCompactionTime = highWater
    }

    // MARK: - Statistics

    /// What the index holds, for metrics and the benchmark.
    public struct Statistics: Sendable, Hashable {
        /// Posts remembered for the exact window.
        public var rememberedPosts: Int
        /// Posts with a profile in the near window.
        public var nearPosts: Int
        /// Incidents reported by more than one source.
        public var multiSourceIncidents: Int
        /// Bytes held by the index's arrays and tables (capacities, not counts).
        public var bytes: Int
    }

    public var statistics: Statistics {
        Statistics(
            rememberedPosts: posts.count, nearPosts: near.count, multiSourceIncidents: incidentSources.sources.count,
            bytes: posts.footprint + near.footprint + incidentSources.footprint)
    }

    // MARK: - Time

    static func seconds(_ time: Timestamp) -> UInt32 {
        UInt32(clamping: time.millisecondsSince1970.floorDivided(by: 1000))
    }

    static func seconds(milliseconds: Int64) -> UInt32 {
        UInt32(clamping: milliseconds / 1000)
    }

    static func cutoff(_ highWater: UInt32, _ windowMilliseconds: Int64) -> UInt32 {
        let window = seconds(milliseconds: windowMilliseconds)
        return highWater > window ? highWater - window : 0
    }

    @inline(__always)
    static func gap(_ a: UInt32, _ b: UInt32) -> UInt32 { a > b ? a - b : b - a }

    static func wordCount(_ text: NormalizedText) -> Int {
        text.bytes.isEmpty ? 0 : text.bytes.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
    }
}
