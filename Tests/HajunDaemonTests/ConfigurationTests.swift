import Foundation
import HajunCore
import HajunDaemon
import HajunTestSupport
import Testing

@Suite struct ConfigurationTests {
    @Test func bundledConfigurationIsValidAndEmbedded() throws {
        let path = PackageRoot.path("config/hajund.yaml")
        let configuration = try HajunConfiguration.load(path: path)
        #expect(configuration.feeds.count >= 1 && configuration.simulator != nil)
        #expect(configuration.rules.contains { $0.name == "missile-launch" })
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            EmbeddedResources.defaultConfiguration == onDisk,
            "rebuild: the embedded config differs from config/hajund.yaml")
    }

    @Test func embeddedDefaultResolvesAgainstTheWorkingDirectory() throws {
        let configuration = try HajunConfiguration.embeddedDefault(baseDirectory: "/srv/h")
        #expect(configuration.log.path == "/srv/h/var/log/events.jsonl")
        #expect(configuration.state.directory == "/srv/h/var/state")
        #expect(configuration.simulator != nil, "the default configuration runs the in-process simulator")
        let feed = try #require(configuration.feeds.first)
        #expect(feed.usesSimulator)
        let bound = configuration.bindingSimulator(baseURL: "http://127.0.0.1:4242")
        #expect(
            bound.feeds.first?.location
                == .url("http://127.0.0.1:4242/bot5000000001:AAHajunSimulatorDemoTokenNotASecret0/getUpdates"))
        #expect(bound.feeds.allSatisfy { !$0.usesSimulator })
    }

    @Test func simulatorURLWithoutTheSimulatorSectionIsRefused() throws {
        let yaml = """
            version: 1
            feeds:
              - name: a
                url: simulator:/bot1:x/getUpdates
                format: telegram-bot-api
            """
        let error = try #require(throws: ConfigError.self) {
            try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/tmp")
        }
        #expect(error.keyPath == "feeds[0].url")
        #expect(error.line == 3)
    }

    @Test func simulatorSectionReadsEveryKey() throws {
        let yaml = """
            simulator:
              port: 0
              seed: 7
              initial_burst: 5
              rate: 1000/day
              opening_alarm: false
              channels: [hajun_demo, "@homiel_watch"]
            """
        let simulator = try #require(
            try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/").simulator)
        #expect(simulator.seed == 7 && simulator.initialBurst == 5 && !simulator.openingAlarm)
        #expect(abs(simulator.postsPerSecond - 1000.0 / 86_400) < 1e-9)
        #expect(simulator.channels == ["hajun_demo", "homiel_watch"])
        let bad = try #require(throws: ConfigError.self) {
            try HajunConfiguration.parse(yaml: "simulator:\n  rate: fast", file: "t.yaml", baseDirectory: "/")
        }
        #expect(bad.keyPath == "simulator.rate" && bad.line == 2)
    }

    @Test func misspeltKeyNamesFileLineAndKey() throws {
        let yaml = """
            version: 1
            feeds:
              - name: a
                path: x.json
                fromat: rss
            """
        let error = try #require(throws: ConfigError.self) {
            try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/tmp")
        }
        #expect(error.line == 5)
        #expect(error.keyPath == "feeds[0].fromat")
        #expect(error.description.hasPrefix("t.yaml:5: feeds[0].fromat: unknown key (did you mean 'format'?)"))
    }

    @Test(arguments: [
        ("feeds: {name: a}", "feeds", "expected a list"),
        ("feeds:\n  - name: a\n    path: x\n    interval: soon", "feeds[0].interval", "expected a duration"),
        ("feeds:\n  - name: a\n    url: file:///etc/passwd", "feeds[0].url", "only http and https"),
        ("feeds:\n  - name: a\n    path: x\n    format: csv", "feeds[0].format", "is not one of"),
        ("rules:\n  - name: r\n    receiver: nowhere", "rules[0].receiver", "no receiver named"),
        ("limits:\n  max_post_bytes: lots", "limits.max_post_bytes", "expected a size"),
        ("feeds:\n  - name: a\n    path: x\n  - name: a\n    path: y", "feeds[1].name", "duplicate feed name"),
        (
            "receivers:\n  - {name: r, type: file, path: a}\n  - {name: r, type: file, path: b}", "receivers[1].name",
            "duplicate receiver name 'r'"
        ),
        (
            "receivers: [{name: r, type: file, path: a}]\nrules:\n  - {name: x, receiver: r}\n  - {name: x, receiver: r}",
            "rules[1].name", "duplicate rule name 'x'"
        ),
        ("log: [1, 2]", "log", "expected a mapping"),
        ("version: 2", "version", "unsupported configuration version"),
        ("feeds:\n  - name: a", "feeds[0]", "needs 'path'"),
    ])
    func wrongTypesAreNamed(yaml: String, keyPath: String, message: String) throws {
        let error = try #require(throws: ConfigError.self) {
            try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/tmp")
        }
        #expect(error.keyPath == keyPath)
        #expect(error.description.contains(message), "\(error)")
        #expect(error.line != nil)
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let error = try #require(throws: ConfigError.self) {
            try HajunConfiguration.parse(yaml: "feeds:\n  - name: a\n   path: [", file: "t.yaml", baseDirectory: "/tmp")
        }
        #expect(error.line == 3)
        #expect(error.description.contains("invalid YAML"))
    }

    @Test func durationsAndSizes() throws {
        let yaml =
            "dedup:\n  exact_window: 2d\n  near_window: 90m\nlimits:\n  max_post_bytes: 1MiB\n  request_timeout: 1500ms"
        let configuration = try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/tmp")
        #expect(configuration.dedup.exactWindowMilliseconds == 2 * 86_400_000)
        #expect(configuration.dedup.nearWindowMilliseconds == 90 * 60_000)
        #expect(configuration.limits.feed.maxPostBytes == 1 << 20)
        #expect(configuration.limits.http.totalTimeoutMilliseconds == 1500)
    }
}

@Suite struct DedupConfigurationKeysTests {
    @Test func everyDedupTuningKeyIsRead() throws {
        let yaml = """
            dedup:
              exact_window: 3d
              near_window: 2h
              facts_window: 45m
              max_simhash_distance: 7
              min_token_similarity: 0.6
              repeatable_text_max_words: 4
            """
        let dedup = try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/tmp").dedup
        #expect(
            dedup
                == DedupConfiguration(
                    exactWindowMilliseconds: 3 * 86_400_000, nearWindowMilliseconds: 2 * 3_600_000,
                    factsWindowMilliseconds: 45 * 60_000, maxSimHashDistance: 7, minTokenSimilarity: 0.6,
                    repeatableTextMaxWords: 4))
        let defaults = try HajunConfiguration.parse(yaml: "dedup: {}", file: "t.yaml", baseDirectory: "/tmp").dedup
        #expect(defaults == .default)
    }

    @Test(arguments: [
        ("dedup:\n  facts_window: soon", 2, "dedup.facts_window", "expected a duration"),
        ("dedup:\n  near_window: 0s", 2, "dedup.near_window", "longer than 0"),
        ("dedup:\n  exact_window: 7d\n  max_simhash_distance: 12", 3, "dedup.max_simhash_distance", "from 0 to 11"),
        ("dedup:\n  max_simhash_distance: three", 2, "dedup.max_simhash_distance", "expected an integer"),
        ("dedup:\n  min_token_similarity: 1.5", 2, "dedup.min_token_similarity", "from 0 to 1"),
        ("dedup:\n  repeatable_text_max_words: -1", 2, "dedup.repeatable_text_max_words", "0 or more"),
        ("dedup:\n  hamming_radius: 3", 2, "dedup.hamming_radius", "unknown key"),
    ])
    func badDedupValuesNameFileLineAndKey(yaml: String, line: Int, keyPath: String, message: String) throws {
        let error = try #require(throws: ConfigError.self) {
            try HajunConfiguration.parse(yaml: yaml, file: "t.yaml", baseDirectory: "/tmp")
        }
        #expect(error.line == line)
        #expect(error.keyPath == keyPath)
        #expect(error.description.hasPrefix("t.yaml:\(line): \(keyPath): "), "\(error)")
        #expect(error.description.contains(message), "\(error)")
    }
}
