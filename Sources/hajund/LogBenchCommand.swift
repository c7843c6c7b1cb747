import ArgumentParser
import Foundation
import HajunCore
import HajunDaemon
import Logging

/// `hajund log-bench` (hidden): writes synthetic events of about 600 bytes through `EventLogWriter` and reports
/// lines per second. The benchmark in `bench/log/` runs it; the crash test kills it at random points and reads the
/// `durable <seq>` lines it prints whenever more of the log is known to be on disk.
struct LogBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-bench",
        abstract: "Write synthetic events through the event log writer and report lines per second.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "Configuration file whose log: section to use.")
    var config: String?

    @Option(name: .long, help: "The live log file (with the default log settings, or those of --config).")
    var log: String?

    @Option(name: .long, help: "How many events to write.")
    var count = 1_000_000

    @Option(name: .long, help: "Approximate size of one event line in bytes.")
    var eventSize = 600

    @Option(name: .long, help: "fsync policy: always, interval or never.")
    var fsync: String?

    @Option(name: .long, help: "Rotate at this size (e.g. 64MiB; 0 = never by size).")
    var rotateSize: String?

    @Option(name: .long, help: "Rotate by age (e.g. 1d; 0 = never by age).")
    var rotateAge: String?

    @Option(name: .long, help: "Minimum interval between rotations (e.g. 1s, 100ms, 0).")
    var minInterval: String?

    @Option(name: .long, help: "Backups to keep.")
    var keep: Int?

    @Option(name: .long, help: "Remove backups older than this (0 = no age limit).")
    var keepAge: String?

    @Option(name: .long, help: "gzip older backups: true or false.")
    var compress: Bool?

    @Option(name: .long, help: "Write at most this many lines per second (0 = as fast as possible).")
    var rate = 0

    @Flag(name: .long, help: "Print `durable <seq>` on stdout whenever durableSeq advances.")
    var reportDurable = false

    func validate() throws {
        if config != nil && log != nil { throw ValidationError("give either --config or --log, not both") }
        if count < 0 || eventSize < 200 || rate < 0 {
            throw ValidationError("--count, --rate >= 0, --event-size >= 200")
        }
    }

    func run() throws {
        let configuration = try makeConfiguration()
        var logger = Logger(label: "hajund.log")
        logger.logLevel = .warning
        let writer: EventLogWriter
        do {
            writer = try EventLogWriter(configuration: configuration, logger: logger)
        } catch {
            Diagnostics.fail("\(error)")
            throw ExitCode(1)
        }
        let template = EventTemplate(size: eventSize)
        let clock = SystemEventLogClock()
        let firstSeq = writer.nextSeq
        var reported = writer.durableSeq
        var lastReport = clock.monotonicNanoseconds()
        let started = lastReport
        var bytes = 0
        var line: [UInt8] = []
        line.reserveCapacity(eventSize + 64)
        if reportDurable { Self.emit("start \(firstSeq)\ndurable \(reported)\n") }
        for index in 0..<count {
            template.render(seq: writer.nextSeq, into: &line)
            do {
                try writer.append(line)
            } catch {
                Diagnostics.fail("\(error)")
                throw ExitCode(1)
            }
            bytes += line.count + 1
            if reportDurable, writer.durableSeq != reported {
                let now = clock.monotonicNanoseconds()
                if now &- lastReport >= 2_000_000 {
                    reported = writer.durableSeq
                    lastReport = now
                    Self.emit("durable \(reported)\n")
                }
            }
            if rate > 0, index % 64 == 63 {
                let due = started + UInt64(Double(index + 1) / Double(rate) * 1e9)
                let now = clock.monotonicNanoseconds()
                if due > now {
                    try? writer.tick()
                    usleep(useconds_t((due - now) / 1000))
                }
            }
        }
        do {
            try writer.close()
        } catch {
            Diagnostics.fail("\(error)")
            throw ExitCode(1)
        }
        let seconds = Double(clock.monotonicNanoseconds() - started) / 1e9
        if reportDurable { Self.emit("durable \(writer.durableSeq)\n") }
        let linesPerSecond = Double(count) / max(seconds, 1e-9)
        let perLine = bytes / max(count, 1)
        let megabytes = Double(bytes) / max(seconds, 1e-9) / 1e6
        Self.emit(
            "log-bench: \(count) lines (\(perLine) bytes each) in \(Self.fixed(seconds, 3)) s: "
                + "\(Int(linesPerSecond.rounded())) lines/s, \(Self.fixed(megabytes, 1)) MB/s "
                + "(fsync \(configuration.fsync.rawValue), seq \(firstSeq)...\(writer.nextSeq - 1))\n"
        )
    }

    private static func fixed(_ value: Double, _ decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = String(scaled % Int64(scale))
        return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private func makeConfiguration() throws -> LogConfiguration {
        var configuration: LogConfiguration
        if let log {
            configuration = LogConfiguration(path: (log as NSString).standardizingPath)
        } else {
            configuration = try ConfigLoading.load(config).log
        }
        if let fsync {
            guard let policy = LogConfiguration.FsyncPolicy(rawValue: fsync) else {
                throw ValidationError("--fsync is always, interval or never")
            }
            configuration.fsync = policy
        }
        if let rotateSize { configuration.rotateSize = try Self.size(rotateSize, "--rotate-size") }
        if let rotateAge { configuration.rotateAgeMilliseconds = try Self.duration(rotateAge, "--rotate-age") }
        if let minInterval { configuration.minIntervalMilliseconds = try Self.duration(minInterval, "--min-interval") }
        if let keep { configuration.keep = keep }
        if let keepAge { configuration.keepAgeMilliseconds = try Self.duration(keepAge, "--keep-age") }
        if let compress { configuration.compress = compress }
        return configuration
    }

    /// Unbuffered, so that a SIGKILL right after never swallows what was printed.
    private static func emit(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static func duration(_ text: String, _ option: String) throws -> Int64 {
        let units: [(String, Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value >= 0 { return Int64(value * scale) }
        }
        if let seconds = Double(text), seconds >= 0 { return Int64(seconds * 1000) }
        throw ValidationError("\(option) wants a duration such as 100ms, 1s, 5m, 1d; not '\(text)'")
    }

    private static func size(_ text: String, _ option: String) throws -> Int64 {
        let units: [(String, Double)] = [("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("B", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value >= 0 { return Int64(value * scale) }
        }
        if let bytes = Int64(text), bytes >= 0 { return bytes }
        throw ValidationError("\(option) wants a size such as 4096, 512KiB, 64MiB; not '\(text)'")
    }
}

/// A realistic event line (schema v1) cut into fixed parts around the per-event values, so that rendering one
/// costs a few copies and the benchmark measures the log, not an encoder.
private struct EventTemplate {
    private let parts: [[UInt8]]

    init(size: Int) {
        let receivedAt = Timestamp(secondsSince1970: Int64(Date().timeIntervalSince1970)).rfc3339
        let head = #"{"id":""#
        let afterID = #"","seq":"#
        let afterSeq = #","feed":"bench","source":{"chat":"hajun_bench","message_id":"#
        var tail = #","url":null,"author":null},"posted_at":"2022-03-01T07:05:09Z","edited_at":null,"#
        tail += #""received_at":""# + receivedAt + #"","forward":null,"text":""#
        let afterText =
            #"","lang":"ru","category":"troop_movement","severity":"medium","#
            + #""location":{"name":"Mazyr","region":"homiel"},"entities":{"places":[],"equipment":["kamaz"],"#
            + #""counts":[27],"direction":null},"dedup":{"status":"new","of":null,"distance":null,"sources":1},"#
            + #""fingerprint":{"exact":"0123456789abcdef","simhash":"fedcba9876543210"},"alerts":[]}"#
        let fixed =
            head.utf8.count + 16 + afterID.utf8.count + 8 + afterSeq.utf8.count + 8 + tail.utf8.count
            + afterText.utf8.count
        let sentence = Array("Колонна техники из 27 единиц движется по трассе Р-31 в сторону Мозыря. ".utf8)
        var text: [UInt8] = []
        while text.count < max(size - fixed, 0) { text.append(sentence[text.count % sentence.count]) }
        // Cut at a character boundary: never leave half of a two-byte Cyrillic letter.
        while let last = text.last, last & 0xC0 == 0xC0 { text.removeLast() }
        parts = [
            Array(head.utf8), Array(afterID.utf8), Array(afterSeq.utf8),
            Array(tail.utf8) + text + Array(afterText.utf8),
        ]
    }

    func render(seq: Int64, into line: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        line += parts[0]
        // A unique 16-hex-digit id per seq.
        let id = UInt64(bitPattern: seq) &* 0x9E37_79B9_7F4A_7C15
        for shift in stride(from: 60, through: 0, by: -4) {
            line.append(Self.hexDigits[Int((id >> UInt64(shift)) & 0xF)])
        }
        line += parts[1]
        Self.appendDecimal(seq, to: &line)
        line += parts[2]
        Self.appendDecimal(seq, to: &line)
        line += parts[3]
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendDecimal(_ value: Int64, to line: inout [UInt8]) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            if value < 0 { line.append(UInt8(ascii: "-")) }
            for index in stride(from: count - 1, through: 0, by: -1) { line.append(buffer[index]) }
        }
    }
}
