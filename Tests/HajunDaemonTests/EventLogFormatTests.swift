import Foundation
import HajunCore
import Testing

@testable import HajunDaemon

@Suite("EventLog formats: line scanner, backup names, log: config, tail summaries and filters")
struct EventLogFormatTests {
    @Test("complete event lines give their top-level seq; anything else gives nil")
    func scanner() {
        let valid: [(String, Int64)] = [
            (#"{"seq":1}"#, 1),
            (#" { "id" : "a\"b\\c\u00e9", "seq" : 42 , "x": [1, -2.5e3, true, false, null, {"seq": 7}] } "#, 42),
            (#"{"nested":{"seq":9},"seq":10}"#, 10),
            (#"{"text":"\"seq\":5","seq":6}"#, 6),
        ]
        for (line, seq) in valid { #expect(EventLineScanner.seq(of: Array(line.utf8)) == seq, "\(line)") }
        let invalid = [
            "", "{", "[]", #"{"seq":1"#, #"{"seq":1}x"#, #"{"seq":1.5}"#, #"{"seq":"1"}"#, #"{"id":"x"}"#,
            #"{"seq":1,}"#, #"{"seq":01}"#, "{\"seq\":1,\"t\":\"a\tb\"}", #"{"seq":1,"t":"\x"}"#, #"{"seq":1 "a":2}"#,
            #"{"seq":1,"a":tru}"#, #"{"nested":{"seq":9}}"#,
        ]
        for line in invalid { #expect(EventLineScanner.seq(of: Array(line.utf8)) == nil, "\(line)") }
    }

    @Test("no proper prefix of an event line is a complete line: a crash fragment is always recognised")
    func everyPrefixIsAFragment() {
        let line = Array(
            #"{"id":"00ff","seq":123,"text":"Колонна \"БТР\" ушла","location":{"name":"Mazyr","region":"homiel"},"alerts":[]}"#
                .utf8)
        #expect(EventLineScanner.seq(of: line) == 123)
        for length in 0..<line.count {
            #expect(EventLineScanner.seq(of: line[0..<length]) == nil, "prefix of \(length) bytes")
        }
    }

    @Test("backup names round-trip and ignore other files")
    func backupNames() {
        let live = LogBackupName.LiveName("events.jsonl")
        let name = LogBackupName(rotatedAt: Timestamp(parsing: "2026-03-04T05:06:07.890Z")!, firstSeq: 42, kind: .gzip)
        #expect(name.fileName(for: live) == "events-20260304T050607Z-000000000042.jsonl.gz")
        let parsed = LogBackupName(fileName: "events-20260304T050607Z-000000000042.jsonl.gz", live: live)
        #expect(parsed?.firstSeq == 42 && parsed?.kind == .gzip)
        #expect(parsed?.rotatedAt == Timestamp(parsing: "2026-03-04T05:06:07Z"))
        #expect(
            LogBackupName(fileName: "events-20260304T050607Z-000000000042.jsonl.gz.tmp", live: live)?.kind == .temporary
        )
        for other in [
            "events.jsonl", "events.jsonl.1", "events-2026.jsonl", "other-20260304T050607Z-1.jsonl",
            "events-20261304T050607Z-000000000042.jsonl", "events-20260304T050607Z-.jsonl",
        ] {
            #expect(LogBackupName(fileName: other, live: live) == nil, "\(other)")
        }
        let bare = LogBackupName.LiveName("hajund-events")
        #expect(
            LogBackupName(rotatedAt: Timestamp(secondsSince1970: 0), firstSeq: 1, kind: .plain).fileName(for: bare)
                == "hajund-events-19700101T000000Z-000000000001")
    }

    @Test("the log: section: defaults, every key, and errors that name the key and line")
    func configuration() throws {
        let defaults = try LogConfiguration(from: nil, baseDirectory: "/srv/hajund")
        #expect(defaults == LogConfiguration(path: "/srv/hajund/var/log/events.jsonl"))
        #expect(defaults.fsync == .interval && defaults.rotateSize == 64 << 20 && defaults.keep == 14)
        #expect(defaults.rotateAgeMilliseconds == 86_400_000 && defaults.keepAgeMilliseconds == 30 * 86_400_000)
        #expect(defaults.minIntervalMilliseconds == 1000 && defaults.compress && defaults.rotation == .daemon)

        let yaml = """
            log:
              path: logs/hajund.jsonl
              fsync: always
              fsync_interval: 250ms
              rotate: external
              rotate_size: 10MB
              rotate_age: 6h
              min_interval: 0
              keep: 3
              keep_age: 7d
              compress: false
            """
        let node = try ConfigNode.parse(yaml: yaml, file: "test.yaml").mapping(allowedKeys: ["log"]).optional("log")
        let parsed = try LogConfiguration(from: node, baseDirectory: "/etc/hajund")
        #expect(
            parsed
                == LogConfiguration(
                    path: "/etc/hajund/logs/hajund.jsonl", fsync: .always, fsyncIntervalMilliseconds: 250,
                    rotation: .external,
                    rotateSize: 10_000_000, rotateAgeMilliseconds: 21_600_000, minIntervalMilliseconds: 0, keep: 3,
                    keepAgeMilliseconds: 7 * 86_400_000, compress: false))

        let bad: [(String, String)] = [
            ("log:\n  fsync: sometimes\n", "log.fsync"),
            ("log:\n  rotate_sise: 1MiB\n", "log.rotate_sise"),
            ("log:\n  keep: -1\n", "log.keep"),
            ("log:\n  rotate_size: 100\n", "log.rotate_size"),
            ("log:\n  path: logs/\n", "log.path"),
        ]
        for (text, key) in bad {
            let node = try ConfigNode.parse(yaml: text, file: "bad.yaml").mapping(allowedKeys: ["log"]).optional("log")
            let error = #expect(throws: ConfigError.self) { _ = try LogConfiguration(from: node, baseDirectory: "/") }
            #expect(error?.description.hasPrefix("bad.yaml:2: \(key)") == true, "\(error.map { "\($0)" } ?? "")")
        }
    }

    @Test("tail's one-line summary and filters")
    func summaryAndFilter() throws {
        let line =
            #"{"id":"1","seq":7,"received_at":"2022-03-01T07:05:09Z","text":"Колонна\nиз 27 единиц движется в сторону Мозыря по трассе","category":"troop_movement","severity":"high","location":{"name":"Mazyr","region":"homiel"},"dedup":{"status":"near","of":"2"}}"#
        let summary = try #require(EventLineSummary(json: Array(line.utf8)[...]))
        #expect(summary.seq == 7 && summary.region == "homiel" && summary.dedupStatus == "near")
        #expect(
            summary.oneLine(textWidth: 20)
                == "2022-03-01T07:05:09Z  high      troop_movement  Mazyr (homiel)            near   Колонна из 27 едини…"
        )
        #expect(
            EventLineSummary(json: Array(#"{"seq":1,"location":null,"severity":3}"#.utf8)[...])?.oneLine()
                == "-                     -         -               -                         -      ")
        #expect(EventLineSummary(json: Array("{\"seq\":1,".utf8)[...]) == nil)

        #expect(EventLineFilter(categories: ["troop_movement"]).matches(summary))
        #expect(!EventLineFilter(categories: ["aviation"]).matches(summary))
        #expect(EventLineFilter(minimumSeverity: .medium).matches(summary))
        #expect(!EventLineFilter(minimumSeverity: .critical).matches(summary))
        #expect(EventLineFilter(regions: ["homiel", "brest"]).matches(summary))
        #expect(!EventLineFilter(regions: ["minsk"]).matches(summary))
        #expect(EventLineFilter(since: Timestamp(parsing: "2022-03-01T07:05:09Z")).matches(summary))
        #expect(!EventLineFilter(since: Timestamp(parsing: "2022-03-01T07:05:10Z")).matches(summary))
    }
}
