import HajunCore
import HajunSimulator
import Testing

@Suite("Simulator corpus content")
struct CorpusContentTests {
    static let posts = Array(CorpusGenerator(CorpusConfiguration(seed: 2022, maximumPosts: 20_000)))

    @Test("a large corpus covers every category, language, region and kind of report")
    func coverage() async throws {
        try await OffPool.run {
            let truths = CorpusContentTests.posts.map(\.truth)
            #expect(Set(truths.map(\.category)) == Set(Category.allCases))
            #expect(Set(truths.map(\.language)) == [.ru, .be, .en, .uk])
            #expect(Set(truths.compactMap(\.region)) == Set(Region.allCases))
            #expect(Set(truths.map(\.kind)) == Set(GroundTruth.Kind.allCases))
            #expect(truths.contains { $0.region == nil })
            // Russian and Belarusian dominate, as in Hajun's channel.
            let russian = truths.filter { $0.language == .ru }.count
            let belarusian = truths.filter { $0.language == .be }.count
            #expect(russian > truths.count / 3)
            #expect(belarusian > truths.count / 6)
        }
    }

    @Test("posts come in time order with unique message ids per channel; edits and forwards point at earlier posts")
    func structure() async throws {
        try await OffPool.run {
            var seen: [String: SimulatedPost] = [:]
            var lastTime = Timestamp(millisecondsSince1970: 0)
            var lastID: [String: Int64] = [:]
            for post in CorpusContentTests.posts {
                let key = "\(post.chat.username)/\(post.messageID)"
                let time = post.editDate ?? post.date
                #expect(time >= lastTime)
                lastTime = time
                if post.isEdit {
                    guard let original = seen[key] else {
                        Issue.record("edit of unknown post \(key)")
                        continue
                    }
                    #expect(original.truth.incident == post.truth.incident)
                    #expect(original.text != post.text)
                    #expect(post.editDate! > post.date)
                    #expect(post.date == original.date)
                } else {
                    #expect(seen[key] == nil, "duplicate message id \(key)")
                    #expect(post.messageID > lastID[post.chat.username, default: 0])
                    lastID[post.chat.username] = post.messageID
                    seen[key] = post
                }
                if let origin = post.forwardOrigin {
                    let original = seen["\(origin.chat.username)/\(origin.messageID)"]
                    #expect(original?.truth.incident == post.truth.incident)
                    #expect(original?.text == post.text)
                    #expect(origin.chat.username != post.chat.username)
                    #expect(post.truth.kind == .forward)
                }
                for entity in post.entities {
                    #expect(entity.offset >= 0 && entity.offset + entity.length <= post.text.utf16.count)
                }
            }
        }
    }

    @Test("incidents are reported several times, and timing follows a daily rhythm with bursts")
    func incidentsAndRhythm() async throws {
        try await OffPool.run {
            let posts = CorpusContentTests.posts.filter { !$0.isEdit }
            var reports: [String: Int] = [:]
            for post in posts { reports[post.truth.incident, default: 0] += 1 }
            let repeated = reports.values.filter { $0 > 1 }.count
            #expect(repeated > reports.count / 4)
            #expect(reports.values.max()! >= 5)

            // About a thousand posts a simulated day.
            let days =
                Double(posts.last!.date.millisecondsSince1970 - posts.first!.date.millisecondsSince1970) / 86_400_000
            let perDay = Double(posts.count) / days
            #expect(perDay > 700 && perDay < 1400, "posts per day: \(perDay)")

            // Local night (01:00–05:00 Minsk) is quieter than the afternoon.
            var byHour = [Int](repeating: 0, count: 24)
            for post in posts { byHour[Int((post.date.secondsSince1970 + 3 * 3600) % 86_400 / 3600)] += 1 }
            #expect(byHour[2] * 3 < byHour[15], "hourly counts \(byHour)")

            // Bursts: some ten-minute windows hold many missile-launch warnings.
            var missileWindows: [Int64: Int] = [:]
            for post in posts where post.truth.category == .missileLaunch {
                missileWindows[post.date.secondsSince1970 / 600, default: 0] += 1
            }
            #expect(missileWindows.values.max()! >= 8)
        }
    }

    @Test("texts use real places in their inflected forms, equipment in both scripts, typos and look-alike letters")
    func texts() async throws {
        try await OffPool.run {
            let texts = CorpusContentTests.posts.map(\.text)
            for phrase in [
                "в Мозыре", "в сторону Мозыря", "у Мазыры", "Зябровка", "Мачулищи", "Su-34", "Су-34", "Іскандэр",
                "Barysau",
            ] {
                #expect(texts.contains { $0.contains(phrase) }, "no post contains '\(phrase)'")
            }
            let variants = CorpusContentTests.posts.filter { $0.truth.kind == .variant }
            // A look-alike letter makes a word mix scripts: "Кoлонна" with a Latin "o".
            let latinInCyrillic = variants.filter { post in
                post.text.split(whereSeparator: \.isWhitespace).contains { word in
                    word.unicodeScalars.contains { $0.value >= 0x61 && $0.value <= 0x7A }
                        && word.unicodeScalars.contains { $0.value >= 0x400 && $0.value <= 0x4FF }
                }
            }
            #expect(latinInCyrillic.count > variants.count / 4)
            #expect(CorpusContentTests.posts.contains { $0.hasPhoto })
            #expect(CorpusContentTests.posts.contains { $0.authorSignature != nil })
        }
    }
}
