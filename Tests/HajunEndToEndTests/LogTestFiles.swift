import Foundation
import HajunTestSupport

/// Reads an event log directory back with tools independent of the code under test: `gzip -dc` for backups and
/// `JSONSerialization` for lines.
enum LogTestFiles {
    struct Contents {
        /// The seqs of all complete lines, backups first (in the order of the seq in their names), live file last.
        var seqs: [Int64] = []
        /// Lines that are not JSON objects with an integer seq.
        var fragments = 0
        var backups: [String] = []
    }

    static func read(directory: String, live: String = "events.jsonl") throws -> Contents {
        var contents = Contents()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        contents.backups = names.filter { $0.hasPrefix("events-") }.sorted { firstSeq($0) < firstSeq($1) }
        for name in contents.backups + [live] where names.contains(name) {
            let lines = try self.lines(of: directory + "/" + name)
            for line in lines {
                if let seq = seq(of: line) { contents.seqs.append(seq) } else { contents.fragments += 1 }
            }
        }
        return contents
    }

    static func firstSeq(_ backup: String) -> Int64 {
        // events-20260101T120000Z-000000000042.jsonl[.gz]
        let parts = backup.split(separator: "-")
        guard parts.count >= 3 else { return -1 }
        return Int64(parts[2].prefix { $0.isNumber }) ?? -1
    }

    static func lines(of path: String) throws -> [Data] {
        let data: Data
        if path.hasSuffix(".gz") {
            let result = try ChildProcess.run("/bin/gzip", ["-dc", path])
            guard result.status == 0 else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            data = Data(result.stdout.utf8)
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return split(data)
    }

    /// Lines without their newlines; memchr keeps this fast in debug builds, where tests run.
    static func split(_ data: Data) -> [Data] {
        var lines: [Data] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var start = 0
            while start < raw.count {
                guard let found = memchr(base + start, 0x0A, raw.count - start) else {
                    lines.append(Data(bytes: base + start, count: raw.count - start))
                    break
                }
                let end = UnsafeRawPointer(found) - base
                lines.append(Data(bytes: base + start, count: end - start))
                start = end + 1
            }
        }
        return lines
    }

    static func seq(of line: Data) -> Int64? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let seq = object["seq"] as? Int
        else { return nil }
        return Int64(seq)
    }

    /// Counts the newlines of a file that is still being written.
    static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var count = 0
            var start = 0
            while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
                count += 1
                start = UnsafeRawPointer(found) - base + 1
            }
            return count
        }
    }
}
