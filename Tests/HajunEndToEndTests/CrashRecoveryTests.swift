import Foundation
import HajunTestSupport
import Synchronization
import Testing

/// Exactly once across crashes: hajund ingests 20,000 posts from a loopback Bot API server while it is SIGKILLed
/// at random moments (at least 30 times) and restarted each time; at the end the log holds every post exactly once,
/// with `seq` running 1, 2, 3… without a gap or a repeat, and every alert was delivered to the file receiver (at
/// least once: a crash between the write and the outbox's commit may deliver one twice).
@Suite(.serialized) struct CrashRecoveryTests {
    static let postCount = 20_000
    static let kills = 30
    static let postsPerSecond = 450.0

    /// Varied texts, so that dedup sees new incidents, near duplicates and exact repeats alike.
    static func text(_ index: Int) -> String {
        let places = ["Мозыря", "Гомеля", "Бреста", "Барановичей", "Лунинца", "Калинковичей", "Мачулищ", "Осиповичей"]
        let templates = [
            "Колонна из \(index % 40 + 3) единиц техники движется в сторону \(places[index % places.count])",
            "На аэродром \(places[index % places.count]) прилетели \(index % 5 + 1) Су-34",
            "Пуск ракет из-под \(places[index % places.count]), воздушная тревога",
            "Эшелон с техникой на станции \(places[index % places.count]), \(index % 30 + 10) платформ",
            "Задержан мужчина за фото колонны возле \(places[index % places.count])",
        ]
        return templates[index % templates.count] + (index % 3 == 0 ? "" : " #\(index)")
    }

    /// Lines in the log's files, cheaply (newlines counted), to see progress between kills.
    static func lineCount(in directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("events") }.reduce(0) { total, name in
            let data = FileManager.default.contents(atPath: directory + "/" + name) ?? Data()
            return total + data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    @Test(.timeLimit(.minutes(3))) func everyPostExactlyOnceAfterThirtySIGKILLs() async throws {
        let confirmedOffset = Mutex(0)
        // The channel publishes its posts over about 45 s, so that the kills land while posts are flowing.
        let publishingStarted = ContinuousClock.now
        let server = try await LoopbackHTTPServer.start { request in
            let offset =
                request.query.split(separator: "&").first { $0.hasPrefix("offset=") }
                .flatMap { Int($0.dropFirst(7)) } ?? 1
            confirmedOffset.withLock { $0 = max($0, offset) }
            let elapsed = ContinuousClock.now - publishingStarted
            let published = min(Self.postCount, Int(Double(elapsed.components.seconds) * Self.postsPerSecond) + 100)
            let first = max(offset, 1)
            let last = min(first + 99, published)
            let updates = first <= last ? (first...last).map { ($0, $0, Self.text($0)) } : []
            return .init(text: botAPIBody(updates, chat: "crash_test"))
        }
        let directory = try TemporaryDirectory()
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - name: bot
                url: \(server.baseURL)/bot777:CRASHTOKEN/getUpdates
                format: telegram-bot-api
                interval: 100ms
            log: { path: log/events.jsonl, rotate_size: 2MiB, compress: false, keep: 100, keep_age: 0 }
            state: { directory: state }
            receivers:
              - { name: duty-file, type: file, path: alerts.jsonl }
            rules:
              - { name: every-incident, type: any, receiver: duty-file }
            """
        )
        var random = SystemRandomNumberGenerator()
        var killedWhileIngesting = 0
        var progress: [Int] = []
        for round in 0..<Self.kills {
            let daemon = try DaemonProcess(config: config, directory: directory, label: "crash")
            defer { daemon.terminate() }
            // Random moments: every other kill counts from the start (so it may land in start-up and recovery),
            // the others from when the daemon is running (mid-batch, between batches).
            if round.isMultiple(of: 2) {
                _ = await eventually(timeout: .seconds(20)) { daemon.stderr.contains("hajund running") ? true : nil }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...2_000, using: &random)))
            daemon.signal(SIGKILL)
            let status = await daemon.waitForExit(timeout: .seconds(30))
            #expect(status != nil)
            let logged = Self.lineCount(in: directory.file("log"))
            if let previous = progress.last, logged > previous { killedWhileIngesting += 1 }
            progress.append(logged)
        }
        // The last start runs until it has confirmed every update itself.
        confirmedOffset.withLock { $0 = 0 }
        let final = try DaemonProcess(config: config, directory: directory, label: "final")
        defer { final.terminate() }
        let done = await eventually(timeout: .seconds(90), every: .milliseconds(250)) {
            confirmedOffset.withLock { $0 } > Self.postCount ? true : nil
        }
        #expect(done == true, "hajund did not take all posts; it confirmed offset \(confirmedOffset.withLock { $0 })")
        final.signal(SIGTERM)
        let status = await final.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "exit status \(String(describing: status)): \(final.stderr.suffix(3000))")
        await server.stop()

        let events = loggedEvents(in: directory.file("log"))
        var counts: [Int: Int] = [:]
        for event in events {
            let source = event["source"] as? [String: Any]
            #expect(source?["chat"] as? String == "crash_test")
            if let id = source?["message_id"] as? Int { counts[id, default: 0] += 1 }
        }
        let duplicated = counts.filter { $0.value > 1 }.keys.sorted()
        let missing = (1...Self.postCount).filter { counts[$0] == nil }
        #expect(duplicated.isEmpty, "\(duplicated.count) posts logged more than once, e.g. \(duplicated.prefix(10))")
        #expect(missing.isEmpty, "\(missing.count) posts missing, e.g. \(missing.prefix(10))")
        #expect(events.count == Self.postCount)
        #expect(events.map { $0["seq"] as? Int ?? 0 } == Array(1...events.count), "seq runs 1, 2, 3… without gaps")
        #expect(killedWhileIngesting >= Self.kills / 4, "kills landed while posts were flowing: \(progress)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.file("log")).filter {
            $0 != "events.jsonl" && $0.hasPrefix("events")
        }
        #expect(!backups.isEmpty, "the log rotated during the run, so recovery read across generations")

        // Every alert delivered: each event whose `alerts` names the rule has its notice in the file, and the file
        // holds notices of logged events only.
        let alertLines = (try? String(contentsOfFile: directory.file("alerts.jsonl"), encoding: .utf8)) ?? ""
        let notices = alertLines.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
        let noticedEvents = Set(notices.compactMap { ($0["event"] as? [String: Any])?["id"] as? String })
        let firing = events.filter { ($0["alerts"] as? [String])?.contains("every-incident") == true }
            .compactMap { $0["id"] as? String }
        let undelivered = firing.filter { !noticedEvents.contains($0) }
        #expect(!firing.isEmpty, "the rule fired")
        #expect(undelivered.isEmpty, "\(undelivered.count) of \(firing.count) alerts never delivered")
        #expect(
            noticedEvents.isSubset(of: Set(events.compactMap { $0["id"] as? String })), "notices of logged events only")
        let alertIDs = notices.compactMap { $0["alert_id"] as? String }
        #expect(Set(alertIDs).count == firing.count, "one alert id per firing event")
        print(
            "crash test: \(Self.kills) SIGKILLs, logged after each: \(progress), backups: \(backups.count), "
                + "alerts: \(firing.count) fired, \(alertIDs.count) delivered (\(alertIDs.count - Set(alertIDs).count) twice)"
        )
    }
}
