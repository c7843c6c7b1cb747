/// Windows and thresholds of the dedup stage. Every window is measured by the posts' own time
/// (`Report.postedAt`), so replaying history judges as the live run did.
public struct DedupConfiguration: Sendable, Hashable {
    /// How long a post is remembered for the same post, a forward of it, or the same normalized text.
    public var exactWindowMilliseconds: Int64
    /// How far apart a near duplicate (SimHash and token similarity) may be from the post it joins.
    public var nearWindowMilliseconds: Int64
    /// How far apart two posts matched only by their facts (another language, other words) may be.
    public var factsWindowMilliseconds: Int64
    /// The largest SimHash Hamming distance a near-duplicate candidate may have. The multi-index table is laid out
    /// for it: up to 3, four 16-bit blocks probed exactly (4 probes); up to 7, with one flipped bit each (68
    /// probes); up to 11, six 10- or 11-bit blocks (72 probes). Posts that share a template have SimHashes that
    /// share blocks, so in a busy window every probe brings candidates: 3 keeps lookups cheap. A re-post with a
    /// word changed or a comment added is often 5 to 14 bits away; it is found through its first or last words
    /// and through its facts instead (`DedupIndex`), which on the labelled corpus finds as much as radius 7 or 11.
    public var maxSimHashDistance: Int
    /// The least token (word stem) Jaccard similarity that confirms a SimHash candidate.
    public var minTokenSimilarity: Double
    /// Identical texts of at most this many words that are more than `nearWindowMilliseconds` apart are separate
    /// sightings, not reposts: channels reuse short templates ("Взлёт МиГ-31К") for every sortie.
    public var repeatableTextMaxWords: Int

    public init(
        exactWindowMilliseconds: Int64 = 7 * 86_400_000,
        nearWindowMilliseconds: Int64 = 6 * 3_600_000,
        factsWindowMilliseconds: Int64 = 30 * 60_000,
        maxSimHashDistance: Int = 3,
        minTokenSimilarity: Double = 0.5,
        repeatableTextMaxWords: Int = 6
    ) {
        self.exactWindowMilliseconds = exactWindowMilliseconds
        self.nearWindowMilliseconds = nearWindowMilliseconds
        self.factsWindowMilliseconds = factsWindowMilliseconds
        self.maxSimHashDistance = maxSimHashDistance
        self.minTokenSimilarity = minTokenSimilarity
        self.repeatableTextMaxWords = repeatableTextMaxWords
    }

    public static let `default` = DedupConfiguration()
}
