/// The dedup stage's state and decisions (see `DedupIndex`, its public face). A value type: judging mutates it
/// in place through one access, so the hot loops read columns directly, with no dynamic exclusivity checks
/// and no copies.
struct DedupEngine {
    let configuration: DedupConfiguration
    var posts = PostStore()
    var incidents = IncidentStore()
    var near: NearStore
    var interner = FactInterner()
    /// The traits of recently seen words, for building profiles.
    private var words = WordTraitsCache()
    /// The latest posted time seen, in seconds: windows are counted back from here when evicting.
    var highWater: UInt32 = 0
    /// Compaction is due when a store has doubled since the last one, or when the posts' time has moved on by
    /// a whole window since (then at least a window's worth of entries has expired and chains would drag it).
    private var nextCompaction = DedupEngine.minimumCompaction
    private var nextNearCompaction = DedupEngine.minimumCompaction
    private var lastCompactionTime: UInt32 = 0
    private var lastNearCompactionTime: UInt32 = 0
    /// Reused buffers for a lookup's walks (near-duplicate walks first, then from `factWalksStart` on the facts
    /// walks), the entries they keep, and an incident's members.
    private var walks: [ChainWalk] = []
    private var factWalksStart = 0
    private var found: [Int32] = []
    private var members: [Int32] = []
    /// What `NearStore.walk` and `touchProfiles` read ahead (kept so that their reads are not optimized away).
    private var touched: UInt8 = 0
    static let minimumCompaction = 4096
    static let minimumTimedCompaction = 256

    init(configuration: DedupConfiguration) {
        self.configuration = configuration
        near = NearStore(radius: configuration.maxSimHashDistance)
    }

    /// After a restore: schedule compaction from what was loaded.
    mutating func resetCompactionSchedule() {
        nextCompaction = max(Self.minimumCompaction, posts.count * 2)
        nextNearCompaction = max(Self.minimumCompaction, near.count * 2)
        lastCompactionTime = highWater
        lastNearCompactionTime = highWater
    }

    /// See `DedupIndex.judge`.
    mutating func judge(
        _ report: Report, fingerprint: Fingerprint, normalized: NormalizedText, entities: Entities,
        category: Category? = nil, id: EventID
    ) -> DedupVerdict {
        let seconds = Self.seconds(report.postedAt)
        if seconds > highWater { highWater = seconds }
        compactIfDue()
        let postKey = PostIdentity.key(of: report)
        // The lookups' first loads, together (each a cache miss in a busy window), while the source is hashed.
        touched ^= UInt8(
            truncatingIfNeeded: posts.touch(postKey: postKey, text: fingerprint.exact)
                ^ near.touchHeads(fingerprint.simhash))
        let source = PostIdentity.source(of: report)
        let exactWindow = Self.seconds(milliseconds: configuration.exactWindowMilliseconds)

        // 1. The same post again.
        if let row = posts.row(postKey: postKey), Self.gap(posts.seconds[row], seconds) <= exactWindow {
            let incident = posts.incident[row]
            if posts.exact[row] == fingerprint.exact { return verdict(.exact, incident, fingerprint) }
            posts.replaceText(of: row, exact: fingerprint.exact)
            if !normalized.isEmpty {
                let profile = PostProfile(
                    normalized, entities: entities, category: category, interner: &interner, words: &words)
                addNearEntry(row, seconds, fingerprint, profile)
            }
            return verdict(.edit, incident, fingerprint)
        }

        // 2. A forward of a post seen before.
        if let originKey = PostIdentity.originKey(of: report), let row = posts.row(postKey: originKey),
            Self.gap(posts.seconds[row], seconds) <= exactWindow
        {
            let incident = posts.incident[row]
            let textIsKnown = posts.row(text: fingerprint.exact) != nil
            let member = posts.append(
                postKey: postKey, exact: fingerprint.exact, seconds: seconds, incident: incident, indexText: true)
            if !textIsKnown && !normalized.isEmpty {
                let profile = PostProfile(
                    normalized, entities: entities, category: category, interner: &interner, words: &words)
                addNearEntry(member, seconds, fingerprint, profile)
            }
            return verdict(.exact, incident, fingerprint, addingSource: source)
        }

        // 3. The same normalized text.
        let nearWindow = Self.seconds(milliseconds: configuration.nearWindowMilliseconds)
        if !normalized.isEmpty, let row = posts.row(text: fingerprint.exact) {
            let gap = Self.gap(posts.seconds[row], seconds)
            // Short sighting templates repeat for every sortie; a short text that names nothing (a channel's
            // "Вечером будет обзор за день.") is no sighting, and repeated it is the same notice.
            let repeatable =
                gap > nearWindow && Self.wordCount(normalized) <= configuration.repeatableTextMaxWords
                && Self.statesFacts(normalized, entities)
            if gap <= exactWindow && !repeatable {
                let incident = posts.incident[row]
                let member = posts.append(
                    postKey: postKey, exact: fingerprint.exact, seconds: seconds, incident: incident, indexText: true)
                if gap > nearWindow {
                    // A repost days later renews the text for near duplicates of it.
                    let profile = PostProfile(
                        normalized, entities: entities, category: category, interner: &interner, words: &words)
                    addNearEntry(member, seconds, fingerprint, profile)
                }
                return verdict(.exact, incident, fingerprint, addingSource: source)
            }
        }

        guard !normalized.isEmpty else {
            // Nothing left to compare (only links, emoji or signatures): a sighting of its own.
            let incident = incidents.open(eventID: id.rawValue, simhash: fingerprint.simhash, source: source)
            posts.append(
                postKey: postKey, exact: fingerprint.exact, seconds: seconds, incident: incident, indexText: false)
            return DedupVerdict(status: .new)
        }
        let profile = PostProfile(
            normalized, entities: entities, category: category, interner: &interner, words: &words)

        // 4. A near duplicate, 5. the same facts in other words (the chains of both walked together).
        lookUp(fingerprint.simhash, profile, seconds)
        if let match = nearDuplicate(fingerprint.simhash, profile, seconds) ?? sameFacts(profile, seconds) {
            let incident = near.hot[match].incident
            let member = posts.append(
                postKey: postKey, exact: fingerprint.exact, seconds: seconds, incident: incident, indexText: true)
            addNearEntry(member, seconds, fingerprint, profile)
            return verdict(.near, incident, fingerprint, addingSource: source)
        }

        let incident = incidents.open(eventID: id.rawValue, simhash: fingerprint.simhash, source: source)
        let row = posts.append(
            postKey: postKey, exact: fingerprint.exact, seconds: seconds, incident: incident, indexText: true)
        addNearEntry(row, seconds, fingerprint, profile)
        return DedupVerdict(status: .new)
    }

    // MARK: - Matching

    /// Walks the chains steps 4 and 5 look in, all at once (see `ChainWalk`): the SimHash blocks and the text
    /// anchors in the near window, the facts in the facts window.
    private mutating func lookUp(_ simhash: UInt64, _ profile: PostProfile, _ seconds: UInt32) {
        let nearWindow = Self.seconds(milliseconds: configuration.nearWindowMilliseconds)
        let nearNotBefore = seconds > nearWindow ? seconds - nearWindow : 0
        walks.removeAll(keepingCapacity: true)
        near.addSimHashWalks(simhash, notBefore: nearNotBefore, to: &walks)
        let anchors = profile.anchorKeys
        for slot in 0..<2 where anchors[slot] != 0 {
            walks.append(
                near.anchorWalk(
                    anchors[slot], anchor: profile.textAnchors[slot], slot: slot,
                    maxDistance: configuration.maxSimHashDistance + Self.anchoredSlack, notBefore: nearNotBefore))
        }
        factWalksStart = walks.count
        let factsWindow = Self.seconds(milliseconds: configuration.factsWindowMilliseconds)
        let factsNotBefore = seconds > factsWindow ? seconds - factsWindow : 0
        let keys = profile.factKeys
        for slot in 0..<PostProfile.factKeyCount where keys[slot] != 0 {
            walks.append(near.factWalk(keys[slot], notBefore: factsNotBefore))
        }
        touched ^= UInt8(truncatingIfNeeded: near.walk(&walks, hash: simhash, found: &found))
        // Fetching the candidates' profiles ahead pays when they miss the cache; a small near window's profiles
        // stay in it, and the extra pass over the candidates is all it costs.
        if near.count >= Self.touchProfilesFrom { touched ^= near.touchProfiles(of: walks, found: found) }
    }

    /// Near-window entries from which a lookup fetches its candidates' profiles ahead (2,048 profiles: 208 KiB).
    static let touchProfilesFrom = 2048

    /// The near-window entry that is the best near duplicate (smallest SimHash distance, then most similar):
    /// candidates within `maxSimHashDistance` from the multi-index table, and candidates that share the text's
    /// first or last words (a comment added to a re-post) within `anchoredSlack` more bits (`lookUp` found them).
    ///
    /// Mutating only to work on the stores in place (through `self` as inout): a copy would retain every column.
    private mutating func nearDuplicate(_ simhash: UInt64, _ profile: PostProfile, _ seconds: UInt32) -> Int? {
        let window = Self.seconds(milliseconds: configuration.nearWindowMilliseconds)
        var best: (entry: Int, distance: Int, similarity: Double)?
        for walk in 0..<factWalksStart {
            let start = walk * NearStore.maximumChainWalk
            for index in start..<(start + Int(walks[walk].kept)) {
                let entry = Int(found[index])
                let distance = SimHash.distance(near.hot[entry].simhash, simhash)
                guard Self.gap(near.hot[entry].seconds, seconds) <= window else { continue }
                if let best, distance > best.distance || entry == best.entry { continue }
                let similarity = near.profile[entry].stemSimilarity(to: profile)
                guard similarity >= configuration.minTokenSimilarity else { continue }
                if let best, distance == best.distance && similarity <= best.similarity { continue }
                guard !conflicts(entry, profile), !incidentVetoes(near.hot[entry].incident, profile) else { continue }
                best = (entry, distance, similarity)
            }
        }
        return best?.entry
    }

    /// How much further than `maxSimHashDistance` a candidate sharing the first or last words may be: a comment
    /// of a few words added to a 15-word post moves about 8 to 14 bits.
    static let anchoredSlack = 12

    /// The facts-window entry whose facts agree best with `profile` and conflict in nothing (see the type's
    /// documentation); the closest in time among equals (`lookUp` found the candidates).
    private mutating func sameFacts(_ profile: PostProfile, _ seconds: UInt32) -> Int? {
        let window = Self.seconds(milliseconds: configuration.factsWindowMilliseconds)
        var best: (entry: Int, score: Int, gap: UInt32)?
        for walk in factWalksStart..<walks.count {
            let start = walk * NearStore.maximumChainWalk
            for index in start..<(start + Int(walks[walk].kept)) {
                let entry = Int(found[index])
                let gap = Self.gap(near.hot[entry].seconds, seconds)
                guard gap <= window else { continue }
                let agreement = near.profile[entry].agreement(with: profile)
                // Other words about another kind of event at the same place and time are another event, unless
                // they name the same equipment or count (the classifier may file one sighting differently by
                // language: "эшелон остановлен" as a movement, "signalling damaged" as sabotage).
                if near.profile[entry].categoriesDiffer(from: profile) && !agreement.equipment
                    && !near.profile[entry].countsMatch(profile)
                {
                    continue
                }
                let enough =
                    (agreement.facts >= 2 && (agreement.place || agreement.equipment))
                    || (agreement.place && agreement.category)
                guard enough else { continue }
                let score = agreement.facts * 2 + (agreement.category ? 1 : 0)
                if let best, score < best.score || (score == best.score && gap >= best.gap) { continue }
                guard !conflicts(entry, profile), !incidentVetoes(near.hot[entry].incident, profile) else { continue }
                best = (entry, score, gap)
            }
        }
        return best?.entry
    }

    @inline(__always)
    private func conflicts(_ entry: Int, _ profile: PostProfile) -> Bool {
        near.profile[entry].factsConflict(with: profile) || near.profile[entry].namesConflict(with: profile)
    }

    /// Whether any post of the incident (in the near window) conflicts with `profile`: a match through one
    /// member (an English re-report, say) must not join an incident whose other posts name something else.
    private mutating func incidentVetoes(_ incident: UInt32, _ profile: PostProfile) -> Bool {
        members.removeAll(keepingCapacity: true)
        near.collectIncidentMembers(incident, limit: Self.incidentVetoLimit, into: &members)
        for member in members where conflicts(Int(member), profile) { return true }
        return false
    }

    /// Members checked for a veto: enough for any real incident, bounded for a spammed one.
    static let incidentVetoLimit = 32

    // MARK: - Remembering

    private mutating func addNearEntry(
        _ row: Int, _ seconds: UInt32, _ fingerprint: Fingerprint, _ profile: PostProfile
    ) {
        near.insert(
            simhash: fingerprint.simhash, post: UInt32(row), incident: posts.incident[row], seconds: seconds,
            profile: profile)
    }

    /// The verdict for a post of incident `incident`, counting `source` if it is a new one.
    private mutating func verdict(
        _ status: DedupStatus, _ incident: UInt32, _ fingerprint: Fingerprint, addingSource source: UInt32? = nil
    ) -> DedupVerdict {
        let sources = source.map { incidents.add(source: $0, to: incident) } ?? incidents.sources(of: incident)
        let index = Int(incident)
        return DedupVerdict(
            status: status, of: EventID(rawValue: incidents.eventID[index]),
            distance: SimHash.distance(incidents.simhash[index], fingerprint.simhash), sources: sources)
    }

    // MARK: - Eviction

    /// Forgets every post posted before `cutoff`, except first posts of incidents that still have later members
    /// (duplicates keep pointing at them). Judging does this by itself as the windows move; this is for callers
    /// that want the memory back at once.
    mutating func evict(before cutoff: Timestamp) {
        compact(exactCutoff: Self.seconds(cutoff), nearCutoff: Self.seconds(cutoff))
    }

    private mutating func compactIfDue() {
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

    private mutating func compact(exactCutoff: UInt32, nearCutoff: UInt32) {
        // Posts inside the exact window stay, and so do their incidents (with their first event's id, even when
        // that first post itself has left the window).
        let keepPost = posts.seconds.map { $0 >= exactCutoff }
        var keepIncident = [Bool](repeating: false, count: incidents.count)
        for row in 0..<posts.count where keepPost[row] { keepIncident[Int(posts.incident[row])] = true }
        if posts.tablesMatchRows && !keepPost.contains(false) && !keepIncident.contains(false) {
            // Nothing has left the exact window (the store has only doubled): rebuilding the posts and incidents
            // would give them back as they are, rows, numbers and tables alike, at the cost of a random write
            // per post. Only the near window moves.
            near.compact({ post, seconds in seconds >= nearCutoff ? post : nil }, newIncident: { $0 })
            scheduleAfterCompaction()
            return
        }
        let incidentMap = incidents.compact(keeping: keepIncident)
        let map = posts.compact(keeping: keepPost) { incidentMap[Int($0)]! }
        near.compact(
            { post, seconds in seconds >= nearCutoff ? map[Int(post)] : nil }, newIncident: { incidentMap[Int($0)]! })
        scheduleAfterCompaction()
    }

    private mutating func scheduleAfterCompaction() {
        nextCompaction = max(Self.minimumCompaction, posts.count * 2)
        nextNearCompaction = max(Self.minimumCompaction, near.count * 2)
        lastCompactionTime = highWater
        lastNearCompactionTime = highWater
    }

    private mutating func compactNear(cutoff: UInt32) {
        near.compact({ post, seconds in seconds >= cutoff ? post : nil }, newIncident: { $0 })
        nextNearCompaction = max(Self.minimumCompaction, near.count * 2)
        lastNearCompactionTime = highWater
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

    /// Whether a text names a place, equipment or a count, or has a number or designation in it.
    static func statesFacts(_ text: NormalizedText, _ entities: Entities) -> Bool {
        if !entities.places.isEmpty || entities.direction != nil || !entities.equipment.isEmpty { return true }
        return !entities.counts.isEmpty || text.bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func wordCount(_ text: NormalizedText) -> Int {
        text.bytes.isEmpty ? 0 : text.bytes.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
    }
}
