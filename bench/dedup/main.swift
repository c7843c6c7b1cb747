// Dedup benchmark: posts per second for normalize + fingerprint + dedup (lookup and insert) on one core, with
// 1,000,000 posts in the window, and the memory the index holds per remembered post.
//
// Usage: bench-dedup [posts] [week|burst] [varied|template]
//
// Posts are generated (not timed, see PostGenerator.swift): about 78 % first reports, the rest re-posts with
// another signature, forwards, typo'd copies and re-posts with a comment. Two time layouts:
//   week: the posts spread over 6.9 days (inside the 7-day exact window; ~3.6 % inside the 6-hour near window);
//   burst: all posts inside 5 hours (the whole million inside the near window too: the worst case).
import CHeap
import Foundation
import HajunCore

let arguments = CommandLine.arguments.dropFirst()
let postCount = arguments.first.flatMap { Int($0) } ?? 1_000_000
let layouts = arguments.count > 1 ? [String(arguments[arguments.startIndex + 1])] : ["week", "burst"]
let model = arguments.count > 2 ? TextModel(rawValue: String(arguments[arguments.startIndex + 2]))! : .varied

/// How close the generated texts are to the labelled corpus: words a post, and over first reports (not copies)
/// the mean SimHash distance between two of them and the distinct values of each 16-bit SimHash block (for
/// the corpus' 189 incidents: 10.0 words, distance 30.4, blocks all but a few distinct; for independent random
/// hashes: 32, and 3,880 of 4,000).
func describeTexts(_ posts: [Post]) {
    let firsts = posts.prefix(20_000).filter { $0.report.forwardOrigin == nil && !$0.report.text.contains("\n") }
    var hashes: [UInt64] = []
    var words = 0
    for post in firsts.prefix(4000) {
        let normalized = Normalizer.normalize(post.report.text)
        hashes.append(SimHash.hash64(normalized))
        words += normalized.wordRanges.count
    }
    guard hashes.count >= 400 else { return }
    var distance = 0
    var pairs = 0
    for i in 0..<400 {
        for j in (i + 1)..<400 {
            distance += SimHash.distance(hashes[i], hashes[j])
            pairs += 1
        }
    }
    let blocks = (0..<4).map { block in Set(hashes.map { ($0 >> UInt64(16 * block)) & 0xFFFF }).count }
    print(
        String(
            format: "  texts: %.1f words a post; first reports: mean SimHash distance %.1f (400), distinct 16-bit "
                + "blocks ",
            Double(words) / Double(hashes.count), Double(distance) / Double(pairs))
            + blocks.map(String.init).joined(separator: "/") + " of \(hashes.count)")
}

/// Bytes the heap has handed out and not taken back (glibc: small blocks plus mmap'ed large ones).
func heapInUse() -> Int { Int(heap_in_use()) }

/// This thread's CPU time: the machine is shared, and CPU time does not count the time other processes held
/// the core (wall time is printed too).
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func wall() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

print("dedup benchmark: \(postCount) posts, release build, one core; rates by this thread's CPU time")
for layout in layouts {
    let span: Int64 = layout == "burst" ? 5 * 3600 : Int64(6.9 * 86_400)
    let generated = now()
    let posts = PostGenerator.generate(count: postCount, spanSeconds: span, seed: 42, model: model)
    print(
        "\n[\(layout), \(model) texts] \(posts.count) posts over \(span / 3600) hours, generated in "
            + String(format: "%.1f s", now() - generated)
    )

    describeTexts(posts)

    // Stage by stage over all posts first (for the breakdown), then the whole path post by post (the figure).
    do {
        var stageStart = now()
        let normalizedTexts = posts.map { Normalizer.normalize($0.report.text) }
        let normalizeTime = now() - stageStart
        stageStart = now()
        let fingerprints = normalizedTexts.map { Fingerprinter.fingerprint($0) }
        let fingerprintTime = now() - stageStart
        stageStart = now()
        let stageIndex = DedupIndex()
        posts.withUnsafeBufferPointer { posts in
            for n in posts.indices {
                _ = stageIndex.judge(
                    posts[n].report, fingerprint: fingerprints[n], normalized: normalizedTexts[n],
                    entities: posts[n].entities, id: EventID(rawValue: UInt64(n + 1)))
            }
        }
        let judgeTime = now() - stageStart
        func perPost(_ t: Double) -> String { String(format: "%.2f µs", t * 1e6 / Double(posts.count)) }
        print(
            "  stages: normalize \(perPost(normalizeTime)), fingerprint \(perPost(fingerprintTime)), "
                + "dedup judge \(perPost(judgeTime)) a post"
        )
    }

    let heapBefore = heapInUse()
    let index = DedupIndex()
    var statuses: [DedupStatus: Int] = [:]
    var checksum: UInt64 = 0
    let chunk = max(1, postCount / 10)
    var chunkStart = now()
    let started = chunkStart
    let startedWall = wall()
    // Posts are read in place (a loop over copies would retain and release every string of every post: the
    // harness's cost, not the path's; the pipeline hands the stages its report without a copy too).
    posts.withUnsafeBufferPointer { posts in
        for n in posts.indices {
            let normalized = Normalizer.normalize(posts[n].report.text)
            let fingerprint = Fingerprinter.fingerprint(normalized)
            let verdict = index.judge(
                posts[n].report, fingerprint: fingerprint, normalized: normalized, entities: posts[n].entities,
                id: EventID(rawValue: UInt64(n + 1)))
            statuses[verdict.status, default: 0] += 1
            checksum &+= verdict.of?.rawValue ?? 0
            if (n + 1) % chunk == 0 {
                let t = now()
                let stats = index.statistics
                print(
                    String(
                        format: "  %8d posts: %9.0f posts/s (this chunk), %8d remembered, %7d in the near window",
                        n + 1, Double(chunk) / (t - chunkStart), stats.rememberedPosts, stats.nearPosts))
                chunkStart = t
            }
        }
    }
    let elapsed = now() - started
    let elapsedWall = wall() - startedWall
    let stats = index.statistics
    let heapDelta = heapInUse() - heapBefore
    print(
        String(
            format: "  overall: %.0f posts/s (%.2f µs a post) by CPU time; %.0f posts/s by wall time",
            Double(posts.count) / elapsed, elapsed * 1e6 / Double(posts.count), Double(posts.count) / elapsedWall))
    print(
        "  verdicts: "
            + DedupStatus.allCases.map { "\($0.rawValue) \(statuses[$0, default: 0])" }.joined(separator: ", "))
    print(
        String(
            format:
                "  memory: %d remembered posts (%d incidents, %d near-window profiles); index arrays %.1f MB = %.1f "
                + "bytes a post; heap in use %.1f MB = %.1f bytes a post",
            stats.rememberedPosts, stats.incidents, stats.nearPosts, Double(stats.bytes) / 1e6,
            Double(stats.bytes) / Double(stats.rememberedPosts), Double(heapDelta) / 1e6,
            Double(heapDelta) / Double(stats.rememberedPosts)))
    print(
        String(
            format: "          posts %.1f, incidents %.1f, near-window profiles %.1f bytes a post",
            Double(stats.postBytes) / Double(stats.rememberedPosts),
            Double(stats.incidentBytes) / Double(stats.rememberedPosts),
            Double(stats.nearBytes) / Double(stats.rememberedPosts)))
    let snapshotStart = now()
    let snapshot = index.snapshot()
    let restoreStart = now()
    let restored = try! DedupIndex(restoring: snapshot)
    print(
        String(
            format: "  snapshot: %.1f MB (%.1f bytes a post), written in %.2f s, restored in %.2f s (%d posts)",
            Double(snapshot.count) / 1e6, Double(snapshot.count) / Double(stats.rememberedPosts),
            restoreStart - snapshotStart, now() - restoreStart, restored.statistics.rememberedPosts))
    print("  (checksum \(checksum))")
}
