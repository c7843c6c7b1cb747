import Foundation
import HajunTestSupport
import Testing

/// A strict reader of the Prometheus text exposition format (0.0.4): every sample is `name{labels} value
/// [timestamp]` with valid names and quoted, escaped label values; every family has one `# TYPE` line before its
/// samples; histograms have `_bucket` lines ending in `le="+Inf"` plus `_sum` and `_count`.
enum PrometheusText {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Problem: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var why: String
        var description: String { "line \(line): \(why): \(text)" }
    }

    static func parse(_ text: String) throws -> [Sample] {
        var samples: [Sample] = []
        var types: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3)
                guard parts.count >= 2, parts[1] == "TYPE" || parts[1] == "HELP" else { continue }
                guard parts.count >= 3, isName(parts[2]) else {
                    throw Problem(line: number, text: String(line), why: "bad comment")
                }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
                    else {
                        throw Problem(line: number, text: String(line), why: "bad TYPE")
                    }
                    guard types.updateValue(String(parts[3]), forKey: String(parts[2])) == nil else {
                        throw Problem(line: number, text: String(line), why: "TYPE given twice")
                    }
                    guard !samples.contains(where: { family(of: $0.name, types) == String(parts[2]) }) else {
                        throw Problem(line: number, text: String(line), why: "TYPE after the family's samples")
                    }
                }
                continue
            }
            let sample = try parseSample(line, number: number)
            guard types[family(of: sample.name, types)] != nil else {
                throw Problem(line: number, text: String(line), why: "sample without a TYPE")
            }
            samples.append(sample)
        }
        for (name, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.name == name + "_bucket" }
            let series = Set(buckets.map { $0.labels.filter { $0.key != "le" } })
            for labels in series {
                guard buckets.contains(where: { $0.labels == labels.merging(["le": "+Inf"]) { $1 } }),
                    samples.contains(where: { $0.name == name + "_count" && $0.labels == labels }),
                    samples.contains(where: { $0.name == name + "_sum" && $0.labels == labels })
                else { throw Problem(line: 0, text: name, why: "histogram series without +Inf, _sum or _count") }
            }
        }
        return samples
    }

    private static func family(of name: String, _ types: [String: String]) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" || first == ":" else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == ":" }
    }

    private static func parseSample(_ line: Substring, number: Int) throws -> Sample {
        func problem(_ why: String) -> Problem { Problem(line: number, text: String(line), why: why) }
        var rest = line[...]
        let name = rest.prefix { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == ":" }
        guard isName(name) else { throw problem("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = rest.prefix { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
                guard isName(labelName), rest.dropFirst(labelName.count).hasPrefix("=\"") else {
                    throw problem("bad label")
                }
                rest = rest.dropFirst(labelName.count + 2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\" {
                        guard let escaped = rest.first, "\\\"n".contains(escaped) else { throw problem("bad escape") }
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw problem("unterminated label value") }
                rest = rest.dropFirst()
                guard labels.updateValue(value, forKey: String(labelName)) == nil else { throw problem("label twice") }
                if rest.first == "," {
                    rest = rest.dropFirst()
                } else if rest.first != "}" {
                    throw problem("bad label list")
                }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw problem("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), fields.count == 1 || Int64(fields[1]) != nil else {
            throw problem("bad value")
        }
        let special: [Substring: Double] = ["+Inf": .infinity, "-Inf": -.infinity, "NaN": .nan]
        guard let value = Double(fields[0]) ?? special[fields[0]] else { throw problem("value is not a number") }
        return Sample(name: String(name), labels: labels, value: value)
    }
}

/// `/metrics` of a running hajund parses as Prometheus text and says what happened; `/healthz` tracks feed health.
@Suite(.serialized) struct MetricsEndpointTests {
    @Test func metricsParseAndCountWhatHappened() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "reports.jsonl",
            [
                #"{"chat":"a","message_id":1,"date":"2022-03-01T07:00:00Z","text":"Пуск ракет из-под Мозыря, воздушная тревога"}"#,
                #"{"chat":"b","message_id":2,"date":"2022-03-01T07:01:00Z","text":"Пуск ракет из-под Мозыря, воздушная тревога"}"#,
                #"{"chat":"a","message_id":3,"date":"2022-03-01T07:02:00Z","text":"Колонна из 27 единиц техники у Мозыря"}"#,
                "not json at all",
            ].joined(separator: "\n") + "\n"
        )
        try directory.write("updates.json", botAPIBody([(7, 7, "Колонна у Бреста")]))
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: reports, path: reports.jsonl, format: jsonl, interval: 300ms }
              - { name: bot-file, path: updates.json, format: telegram-bot-api, interval: 300ms }
              - { name: missing, path: nowhere.jsonl, format: jsonl, interval: 300ms }
            log: { path: log/events.jsonl }
            state: { directory: state }
            receivers: [{ name: duty, type: file, path: alerts.jsonl }]
            rules: [{ name: launches, type: any, match: { category: missile_launch }, receiver: duty }]
            server: { http: { listen: "127.0.0.1:0" }, failing_after: 2s }
            """
        )
        let clock = ContinuousClock()
        let started = clock.now
        let daemon = try DaemonProcess(config: config, directory: directory)
        defer { daemon.terminate() }
        let port = try #require(await daemon.metricsPort(), "\(daemon.stderr)")
        #expect(
            await eventually(timeout: .seconds(30)) { loggedEvents(in: directory.file("log")).count == 4 ? true : nil }
                == true)
        // Healthy exactly while the failing feed has failed for at most failing_after (2 s); the body says how long.
        var early: (status: Int, body: String)?
        for _ in 0..<100 where early == nil {
            let answer = await httpGet("http://127.0.0.1:\(port)/healthz")
            if answer?.body.contains(#""name":"missing","state":"failing""#) == true { early = answer }
            try await Task.sleep(for: .milliseconds(50))
        }
        let earlyAnswer = try #require(early, "the missing feed never showed as failing")
        let failingSeconds = try #require(
            earlyAnswer.body.split(separator: "{").first { $0.contains("\"missing\"") }?
                .split(separator: ",").first { $0.hasPrefix("\"failing_seconds\":") }?
                .split(separator: ":").last.flatMap { Double($0) },
            "\(earlyAnswer.body)"
        )
        #expect(earlyAnswer.status == (failingSeconds > 2.0 ? 503 : 200), "\(earlyAnswer.body)")
        try await Task.sleep(for: .milliseconds(2_500))
        let response = try #require(await httpGet("http://127.0.0.1:\(port)/metrics"))
        #expect(response.status == 200)
        let samples = try PrometheusText.parse(response.body)
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { $0.name == name && $0.labels == labels }?.value
        }
        #expect(value("hajund_events_total", ["category": "missile_launch"]) == 2)
        #expect(value("hajund_posts_total", ["feed": "bot-file"]) ?? 0 >= 2)
        #expect(value("hajund_duplicates_total", ["status": "new"]) == 3)
        #expect(value("hajund_duplicates_total", ["status": "exact"]) == 1)
        #expect(
            value("hajund_input_problems_total", ["feed": "reports"]) == 1, "a bad line read again is not counted again"
        )
        #expect((value("hajund_feed_polls_total", ["feed": "reports", "result": "ok"]) ?? 0) >= 2)
        #expect((value("hajund_feed_errors_total", ["feed": "missing", "reason": "io"]) ?? 0) >= 1)
        #expect(value("hajund_feed_health", ["feed": "missing", "state": "failing"]) == 1)
        #expect(value("hajund_feed_health", ["feed": "reports", "state": "ok"]) == 1)
        #expect(value("hajund_log_seq") == 4)
        // A file of Bot API updates is read at its interval: its offset does not page through it like getUpdates.
        let filePolls = value("hajund_feed_polls_total", ["feed": "bot-file", "result": "ok"]) ?? 0
        let most = Double((clock.now - started) / .milliseconds(270)) + 2
        #expect(
            filePolls >= 2 && filePolls <= most,
            "\(filePolls) polls of the Bot API file, at most \(most) at its interval")
        #expect((value("hajund_log_bytes_total") ?? 0) > 1000)
        // Two launch events, one incident (the second is an exact duplicate): one alert.
        #expect(value("hajund_alerts_sent_total", ["receiver": "duty"]) == 1)
        #expect(value("hajund_alerts_dead_lettered_total", ["receiver": "duty"]) == 0)
        #expect(value("hajund_alert_delivery_seconds_count", ["receiver": "duty"]) == 1)
        #expect(samples.contains { $0.name == "hajund_feed_lag_seconds" && $0.labels == ["feed": "reports"] })
        let late = try #require(await httpGet("http://127.0.0.1:\(port)/healthz"))
        #expect(late.status == 503, "a feed failing for longer than failing_after: \(late.body)")
        #expect(late.body.contains("feed 'missing' failing"))
        #expect(await httpGet("http://127.0.0.1:\(port)/other")?.status == 404)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(20)) == 0, "\(daemon.stderr)")
    }
}
