// Alert latency benchmark: `hajund run` (a release build) polls a JSON Lines feed file every 100 ms; one `any` rule
// sends every new incident to a webhook served by this program on 127.0.0.1. A post is appended every 20 ms. For
// each alert, latency = the moment its POST has been read completely here − the event's `received_at` (when hajund
// read the post; millisecond resolution, so figures may be up to 1 ms high). Both clocks are this machine's
// CLOCK_REALTIME.
//
// The path measured: parse → pipeline → log append → log fsync → outbox commit (SQLite, synchronous=FULL)
// → wake of the receiver's delivery task → HMAC signature → libcurl POST → loopback. Waiting for the next poll is not
// included ("from a post being read").
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let hajund = arguments.first else {
    FileHandle.standardError.write(Data("usage: bench-alerts HAJUND [posts] [spacing-ms]\n".utf8))
    exit(2)
}
// About 83 % of the posts fire an alert: 1,400 give the 1,000 alerts the percentiles need.
let postCount = arguments.count > 1 ? Int(arguments[1]) ?? 1400 : 1400
let spacingMilliseconds = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20

func wallMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1_000_000
}

/// Parses `2022-03-01T07:05:09.123Z` to milliseconds since 1970.
func milliseconds(rfc3339 text: String) -> Double? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date.timeIntervalSince1970 * 1000 }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text).map { $0.timeIntervalSince1970 * 1000 }
}

// MARK: - A minimal HTTP/1.1 sink on loopback

final class Sink: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var keys = Set<String>()
    private var duplicates = 0
    let port: Int
    private let listener: Int32

    init() {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        listen(listener, 128)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func start() {
        Thread.detachNewThread {
            while true {
                let connection = accept(self.listener, nil, nil)
                guard connection >= 0 else { continue }
                Thread.detachNewThread { self.serve(connection) }
            }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            // One request per connection at a time; libcurl may keep the connection open for the next one.
            var headerEnd: Int?
            var contentLength = 0
            while true {
                if headerEnd == nil, let end = find(buffer, Array("\r\n\r\n".utf8)) {
                    headerEnd = end + 4
                    let head = String(decoding: buffer[..<end], as: UTF8.self).lowercased()
                    for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                        contentLength = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
                if let headerEnd, buffer.count >= headerEnd + contentLength { break }
                let count = read(connection, &chunk, chunk.count)
                if count <= 0 { return }
                buffer.append(contentsOf: chunk[..<count])
            }
            let arrived = wallMilliseconds()
            let start = headerEnd!
            let body = Array(buffer[start..<(start + contentLength)])
            buffer.removeFirst(start + contentLength)
            let reply = Array("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n".utf8)
            _ = reply.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            record(body, arrived: arrived)
        }
    }

    private func record(_ body: [UInt8], arrived: Double) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let key = object["alert_id"] as? String,
            let event = object["event"] as? [String: Any],
            let receivedAt = (event["received_at"] as? String).flatMap(milliseconds(rfc3339:))
        else { return }
        lock.lock()
        defer { lock.unlock() }
        if keys.insert(key).inserted {
            latencies.append(arrived - receivedAt)
        } else {
            duplicates += 1
        }
    }

    var snapshot: (latencies: [Double], duplicates: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (latencies, duplicates)
    }

    private func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}

// MARK: - Posts that are all distinct incidents

var generator = SystemRandomNumberGenerator()
let words = """
    колонна техника движется сторону трасса город окраина мост вокзал станция аэродром вертолет самолет грузовик \
    автобус военные солдаты палатки учения полигон эшелон платформа танки бронетехника заправка поворот деревня \
    утром вечером ночью быстро медленно номера метки белые зеленые камуфляж сопровождение полиция блокпост поле \
    лес река граница дорога объездная промзона склад ангар радар антенна прожектор сирена тревога дым огонь \
    пожар взрыв звук гул шум свет фары колеса гусеницы прицеп кран экскаватор бульдозер окопы траншеи забор
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
let places = [
    "Мозыря", "Гомеля", "Бреста", "Гродно", "Пинска", "Лиды", "Слуцка", "Орши", "Борисова", "Речицы", "Лунинца",
    "Ельска",
]

func post(_ index: Int) -> String {
    var text = "Сводка №\(index): у \(places[index % places.count]) "
    for _ in 0..<14 { text += words.randomElement(using: &generator)! + " " }
    return text + "(\(Int.random(in: 100...999_999, using: &generator)))"
}

// MARK: - Run

let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "hajund-bench-alerts-\(UUID().uuidString)"
).path
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let sink = Sink()
sink.start()
let feed = directory + "/reports.jsonl"
_ = FileManager.default.createFile(atPath: feed, contents: nil)
try """
version: 1
feeds:
  - {name: reports, path: reports.jsonl, format: jsonl, interval: 100ms}
log: {path: var/log/events.jsonl}
state: {directory: var/state}
receivers:
  - name: hook
    type: webhook
    url: http://127.0.0.1:\(sink.port)/alerts
    secret: bench-secret
rules:
  - {name: every-incident, type: any, receiver: hook}

""".write(toFile: directory + "/hajund.yaml", atomically: true, encoding: .utf8)

let daemon = Process()
daemon.executableURL = URL(fileURLWithPath: hajund)
daemon.arguments = ["run", "--config", directory + "/hajund.yaml"]
daemon.currentDirectoryURL = URL(fileURLWithPath: directory)
var environment = ProcessInfo.processInfo.environment
environment["HAJUND_LOG_LEVEL"] = "warning"
daemon.environment = environment
try daemon.run()
Thread.sleep(forTimeInterval: 2)  // the classifier loads

let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: feed))
let start = Date()
for index in 0..<postCount {
    let date = ISO8601DateFormatter().string(from: Date())
    let line = #"{"chat":"bench","message_id":\#(index + 1),"date":"\#(date)","text":"\#(post(index))"}"# + "\n"
    handle.seekToEndOfFile()
    handle.write(Data(line.utf8))
    Thread.sleep(forTimeInterval: Double(spacingMilliseconds) / 1000)
}
// Some generated posts may be near-duplicates of earlier ones (one incident, no new alert): stop once nothing has
// arrived for 5 s.
var lastCount = -1
var lastChange = Date()
while sink.snapshot.latencies.count < postCount, Date().timeIntervalSince(lastChange) < 5 {
    let count = sink.snapshot.latencies.count
    if count != lastCount {
        lastCount = count
        lastChange = Date()
    }
    Thread.sleep(forTimeInterval: 0.1)
}
let elapsed = Date().timeIntervalSince(start)
daemon.terminate()
daemon.waitUntilExit()

let (latencies, duplicates) = sink.snapshot
let sorted = latencies.sorted()
func percentile(_ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
}
func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
print("alert latency, post read → webhook received (hajund run, loopback, 1 post every \(spacingMilliseconds) ms)")
let seconds = String(format: "%.1f", elapsed)
print("  posts \(postCount), alerts received \(sorted.count) (distinct ids), repeats \(duplicates), \(seconds) s")
print("  p50 \(ms(percentile(0.50)))   p90 \(ms(percentile(0.90)))   p99 \(ms(percentile(0.99)))")
print("  min \(ms(sorted.first ?? .nan))   max \(ms(sorted.last ?? .nan))")
if sorted.count < 1000 { print("  fewer than 1,000 alerts: increase the number of posts"); exit(1) }
