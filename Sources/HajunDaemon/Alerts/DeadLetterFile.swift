import Foundation
import HajunCore

/// Alerts a receiver refused for good (4xx other than 408/429) or that outlived the retry horizon, one JSON
/// object per line with the reason: `dead-letters.jsonl` in the state directory.
///
/// `{"dead_at":…,"receiver":…,"alert_id":…,"key":…,"rule":…,"status":…,"attempts":…,"reason":…,`
/// `"payload":…}`;
/// `payload` is what hajund tried to send (JSON, embedded as is).
struct DeadLetterFile: Sendable {
    let path: String

    init(directory: String) {
        path = (directory as NSString).appendingPathComponent("dead-letters.jsonl")
    }

    func append(_ entry: OutboxEntry, attempts: Int, reason: String, at now: Timestamp) throws {
        var out: [UInt8] = []
        out.append(contentsOf: #"{"dead_at":"#.utf8)
        JSONEscaping.append(now.rfc3339, to: &out)
        for (key, value) in [
            ("receiver", entry.receiver), ("alert_id", entry.alertID), ("key", entry.key), ("rule", entry.rule),
            ("status", entry.status),
        ] {
            out.append(UInt8(ascii: ","))
            JSONEscaping.append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONEscaping.append(value, to: &out)
        }
        out.append(contentsOf: #","attempts":"#.utf8)
        out.append(contentsOf: String(attempts).utf8)
        out.append(contentsOf: #","reason":"#.utf8)
        JSONEscaping.append(reason, to: &out)
        out.append(contentsOf: #","payload":"#.utf8)
        // Payloads are JSON hajund wrote; anything else (a damaged row) is kept as a string.
        if (try? JSONSerialization.jsonObject(with: Data(entry.payload), options: [.fragmentsAllowed])) != nil,
            !entry.payload.contains(UInt8(ascii: "\n"))
        {
            out.append(contentsOf: entry.payload)
        } else {
            JSONEscaping.append(String(decoding: entry.payload, as: UTF8.self), to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        try AppendOnlyFile.append(out, to: path)
    }
}
