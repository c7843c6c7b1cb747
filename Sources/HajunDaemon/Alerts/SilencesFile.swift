import Foundation
import HajunCore

/// Silences added at runtime: `silences.yaml` in the state directory, a list in the same form as a rule's
/// `silences:` plus an optional `rule:`. Re-read when it changes; a broken file is reported and the silences
/// read before stay in force.
final class SilencesFile: Sendable {
    let path: String

    init(directory: String) {
        path = (directory as NSString).appendingPathComponent("silences.yaml")
    }

    /// What identifies a version of the file: modification time and size; nil when there is no file.
    func version() -> [Int64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec), Int64(info.st_size), Int64(info.st_ino)]
    }

    /// The file's silences; an empty list when there is no file.
    func load() throws -> [Silence] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: nil, keyPath: "", message: "cannot read the file")
        }
        let root = try ConfigNode.parse(yaml: text, file: path)
        return try root.list().map { try RuleConfiguration.silence(from: $0, rule: nil) }
    }
}
