import HajunCore
import HajunSimulator
import Testing

/// `openingAlarm` starts the timeline with a missile-launch wave and a busy airfield, so that a demo's first posts
/// make alert rules fire; without it the stream is the plain daily rhythm.
@Suite("Simulator opening alarm")
struct OpeningAlarmTests {
    static func firstPosts(seed: UInt64, openingAlarm: Bool, count: Int = 30) -> [SimulatedPost] {
        var generator = CorpusGenerator(CorpusConfiguration(seed: seed, openingAlarm: openingAlarm))
        var posts: [SimulatedPost] = []
        while posts.count < count, let post = generator.next() { posts.append(post) }
        return posts
    }

    @Test(
        "the first 30 posts hold launches and aviation for every seed tried", arguments: [1, 2, 3, 7, 42] as [UInt64])
    func alarmOpensTheStream(seed: UInt64) {
        let posts = Self.firstPosts(seed: seed, openingAlarm: true)
        let launches = posts.filter { $0.truth.category == .missileLaunch }.count
        let aviation = posts.filter { $0.truth.category == .aviation }.count
        #expect(launches >= 5, "seed \(seed): \(launches) launch posts")
        #expect(aviation >= 3, "seed \(seed): \(aviation) aviation posts")
    }

    @Test("with the alarm the opening is busier with launches than the plain stream of the same seed")
    func alarmIsWhatMakesTheDifference() {
        let launches = { (alarm: Bool) in
            [1, 2, 3, 7, 42].map { Self.firstPosts(seed: $0, openingAlarm: alarm) }.joined()
                .filter { $0.truth.category == .missileLaunch }.count
        }
        #expect(launches(true) > 3 * max(launches(false), 1), "\(launches(true)) vs \(launches(false))")
    }
}
