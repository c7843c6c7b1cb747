import Foundation
import HajunTestSupport
import Testing

/// The running daemon gives back the code pages start-up touched (`server.trim_memory`), and goes on working.
@Suite struct MemoryTrimTests {
    @Test func theDaemonTrimsItsWorkingSetAndKeepsTakingPosts() async throws {
        let directory = try TemporaryDirectory()
        let first = #"{"chat":"local","message_id":1,"date":"2022-02-24T07:00:00Z","text":"Колонна техники у Мозыря"}"#
        try directory.write("reports.jsonl", first + "\n")
        let config = try directory.write(
            "hajund.yaml",
            """
            version: 1
            feeds:
              - { name: reports, path: reports.jsonl, format: jsonl, interval: 1s }
            server: { trim_memory: 2s }
            log: { path: var/log/events.jsonl }
            state: { directory: var/state }
            """)
        let daemon = try DaemonProcess(config: config, directory: directory, environment: ["HAJUND_LOG_LEVEL": "debug"])
        defer { daemon.terminate() }

        let trimmed = await eventually(timeout: .seconds(60)) {
            daemon.stderr.split(separator: "\n").first { $0.contains("trimmed the working set") }
        }
        let line = try #require(trimmed, "no trim logged: \(daemon.stderr)")
        let kibibytes = line.split(separator: " ").first { $0.hasPrefix("code_kib=") }.flatMap {
            Int($0.dropFirst("code_kib=".count))
        }
        #expect((kibibytes ?? 0) > 1024, "start-up's code pages were given back: \(line)")

        // Posts after a trim are taken as before.
        let second = #"{"chat":"local","message_id":2,"date":"2022-02-24T08:00:00Z","text":"Су-34 над Лунинцом"}"#
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.file("reports.jsonl")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((second + "\n").utf8))
        try handle.close()
        let logged = await eventually(timeout: .seconds(60)) {
            let text = (try? String(contentsOfFile: directory.file("var/log/events.jsonl"), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").count >= 2 ? true : nil
        }
        #expect(logged == true, "the post after the trim was not logged: \(daemon.stderr)")
        #expect(daemon.isRunning)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(60)) == 0)
    }
}
