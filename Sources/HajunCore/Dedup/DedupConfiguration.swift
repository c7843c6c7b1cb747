/// Windows and thresholds of the dedup stage. Every window is measured by the posts' own time
/// (`Report.postedAt`), so replaying history judges as the live run did.
public struct DedupConfiguration: Sendable, Hashable {
    /// How long a post is remembered for the same post, a forward of it, or the same normalized text.
    public var exactWindowMilliseconds: Int64
    /// How far apart a near duplicate (SimHash and token similarity) may be from the post it joins.
    public var nearWindowMilliseconds: Int64
    /// How far apart two posts matched only by their facts (another language, other words) may be.
    public var factsWindowMilliseconds: Int64
    /// The largest SimHash Hamming distance a near-duplicate candidate may have (0...11). The multi-index table
    /// probes each 16-bit block with up to `maxSimHashDistance / 4` flipped bits, so 7 costs 68 probes, 11 costs 548.
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
        maxSimHashDistance: Int = 7,
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
