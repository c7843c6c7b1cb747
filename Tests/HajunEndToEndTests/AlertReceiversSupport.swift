import Foundation
import HajunCore
import HajunTestSupport

/// Posts in hajund's JSON Lines report format, appended to a feed file the daemon polls.
enum ReportFeed {
    /// Appends posts dated in March 2022, or now when `recent`.
    static func append(
        _ directory: TemporaryDirectory, file: String = "reports.jsonl", recent: Bool = false,
        _ posts: [(id: Int, text: String)]
    ) throws {
        var text = ""
        for post in posts {
            let seconds = recent ? Int(Date().timeIntervalSince1970) : 1_646_118_000 + post.id * 60
            let date = Timestamp(secondsSince1970: Int64(seconds)).rfc3339
            text +=
                #"{"chat":"hajun_test","message_id":\#(post.id),"date":"\#(date)","text":\#(JSONEscaping.quoted(post.text))}"#
                + "\n"
        }
        let path = directory.file(file)
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }

    /// The events in hajund's log, parsed.
    static func events(_ directory: TemporaryDirectory, log: String = "var/log/events.jsonl") -> [[String: Any]] {
        let text = (try? String(contentsOfFile: directory.file(log), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { EventSchema.parse(String($0)) }
    }

    /// The alert ids the log's events promise for `rule`: those that list it in `alerts`.
    static func expectedAlertIDs(_ events: [[String: Any]], rule: String) -> [String] {
        events.compactMap { event in
            guard (event["alerts"] as? [String])?.contains(rule) == true,
                let id = (event["id"] as? String).flatMap({ EventID($0) })
            else { return nil }
            return Alert.id(rule: rule, event: id)
        }
    }
}

enum AlertWait {
    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    static func until(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
