import Foundation
import HajunCore

/// Seconds of this thread's CPU time (the machine may be shared) and of the wall clock.
func now() -> (cpu: Double, wall: Double) {
    var cpu = timespec()
    var wall = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
    clock_gettime(CLOCK_MONOTONIC, &wall)
    return (Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9, Double(wall.tv_sec) + Double(wall.tv_nsec) / 1e9)
}

/// Parses every input `rounds` × `repeats` times; prints the best round as posts per second.
func measure(_ name: String, _ inputs: [[UInt8]], format: FeedFormat, repeats: Int, rounds: Int = 7) {
    var bestCPU = Double.infinity
    var bestWall = Double.infinity
    var posts = 0
    for _ in 0..<rounds {
        let start = now()
        posts = 0
        for _ in 0..<repeats {
            for input in inputs {
                posts += FeedParser.parse(input, format: format, feed: "bench", origin: "bench").reports.count
            }
        }
        let end = now()
        bestCPU = min(bestCPU, end.cpu - start.cpu)
        bestWall = min(bestWall, end.wall - start.wall)
    }
    let bytes = inputs.reduce(0) { $0 + $1.count } * repeats
    let padded = name.padding(toLength: 44, withPad: " ", startingAt: 0)
    print(
        "\(padded) \(Int(Double(posts) / bestCPU)) posts/s CPU, \(Int(Double(posts) / bestWall)) wall, "
            + "\(Int(Double(bytes) / bestCPU / 1e6)) MB/s, \(bytes / max(posts, 1)) bytes/post")
}

/// Every non-ASCII UTF-16 unit as `\uXXXX`, the way the Bot API writes JSON.
func escapeNonASCII(_ text: String) -> String {
    var out = ""
    for unit in text.utf16 {
        if unit < 0x80 {
            out.unicodeScalars.append(UnicodeScalar(UInt8(unit)))
        } else {
            out += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16)
        }
    }
    return out
}

/// With `FORMATS_BENCH_CORPUS=FILE` (a large getUpdates response such as the perf corpus): only that file, parsed
/// the way `hajund replay` parses it (each report handed on as it is read), in microseconds of CPU per post.
if let corpus = ProcessInfo.processInfo.environment["FORMATS_BENCH_CORPUS"] {
    guard let data = FileManager.default.contents(atPath: corpus) else { fatalError("cannot read \(corpus)") }
    let bytes = [UInt8](data)
    var best = Double.infinity
    var posts = 0
    var characters = 0
    for _ in 0..<5 {
        posts = 0
        let start = now()
        _ = FeedParser.parse(bytes, format: .telegramBotAPI, feed: "bench", origin: corpus) { report in
            posts += 1
            characters &+= report.text.utf8.count
        }
        best = min(best, now().cpu - start.cpu)
    }
    print("\(corpus): \(posts) posts, \(String(format: "%.3f", best * 1e6 / Double(posts))) µs/post CPU (best of 5)")
    exit(0)
}

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "."
func file(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
        fatalError("cannot read \(root)/\(path): run from the repository or pass its path")
    }
    return [UInt8](data)
}

let texts = FeedParser.parse(file("feeds/hajun-bot-api.json"), format: .telegramBotAPI, feed: "b", origin: "o")
    .reports.map(\.text)

func getUpdates(escaped: Bool, batch: Int) -> [UInt8] {
    var json = "{\"ok\":true,\"result\":["
    for index in 0..<100 {
        var literal: [UInt8] = []
        JSONEscaping.append(texts[(index + batch) % texts.count], to: &literal)
        let text =
            escaped
            ? escapeNonASCII(String(decoding: literal, as: UTF8.self)) : String(decoding: literal, as: UTF8.self)
        let chat = "{\"id\":-1001500000001,\"title\":\"Hajun demo\",\"username\":\"hajun_demo\",\"type\":\"channel\"}"
        if index > 0 { json += "," }
        json +=
            "{\"update_id\":\(900_000_000 + batch * 100 + index),\"channel_post\":{\"message_id\":\(10_000 + index),"
        json += "\"sender_chat\":\(chat),\"chat\":\(chat),\"date\":\(1_660_000_000 + index * 60),\"text\":\(text),"
        json +=
            "\"entities\":[{\"offset\":0,\"length\":7,\"type\":\"bold\"},{\"offset\":20,\"length\":9,\"type\":\"hashtag\"}]}}"
    }
    return Array((json + "]}").utf8)
}

measure(
    "Bot API getUpdates, raw UTF-8", (0..<50).map { getUpdates(escaped: false, batch: $0) }, format: .telegramBotAPI,
    repeats: 10)
measure(
    "Bot API getUpdates, \\u-escaped (as Telegram)", (0..<50).map { getUpdates(escaped: true, batch: $0) },
    format: .telegramBotAPI, repeats: 10)

var lines: [UInt8] = []
for index in 0..<5000 {
    lines += Array("{\"chat\":\"hajun_demo\",\"message_id\":\(index),\"date\":\"2022-10-15T14:20:00Z\",\"text\":".utf8)
    JSONEscaping.append(texts[index % texts.count], to: &lines)
    lines += Array(",\"author\":\"x\"}\n".utf8)
}
measure("JSON Lines", [lines], format: .jsonl, repeats: 5)
measure(
    "Telegram export (feeds/hajun-export)", [file("feeds/hajun-export/result.json")], format: .telegramExport,
    repeats: 500)
measure("RSS 2.0 (feeds/hajun-rss.xml)", [file("feeds/hajun-rss.xml")], format: .rss, repeats: 500)
measure("Atom (feeds/hajun-atom.xml)", [file("feeds/hajun-atom.xml")], format: .rss, repeats: 500)
