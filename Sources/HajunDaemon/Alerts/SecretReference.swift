import Foundation

/// A secret named by the configuration: given inline, or read from an environment variable, a file, or a systemd
/// credential (`$CREDENTIALS_DIRECTORY/<name>`, from `LoadCredential=`). Resolved when the daemon starts.
///
/// Its description and reflection never show the value, so a secret cannot reach a log line by accident.
public struct SecretReference: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public enum Source: Sendable, Hashable {
        case literal(String)
        case environment(String)
        case file(String)
        case credential(String)
    }

    public var source: Source
    /// The config file, line and key that named it, for errors.
    public var file: String
    public var line: Int?
    public var keyPath: String

    public init(_ source: Source, file: String = "<code>", line: Int? = nil, keyPath: String = "") {
        self.source = source
        self.file = file
        self.line = line
        self.keyPath = keyPath
    }

    /// `"literal"`, or a mapping with exactly one of `env`, `file`, `credential`.
    init(from node: ConfigNode, baseDirectory: String) throws {
        let origin = (file: node.file, line: node.line, keyPath: node.path)
        if let text = try? node.string() {
            self.init(.literal(text), file: origin.file, line: origin.line, keyPath: origin.keyPath)
            return
        }
        let map = try node.mapping(allowedKeys: ["env", "file", "credential"])
        guard map.entries.count == 1, let entry = map.entries.first else {
            throw node.error("give the secret inline, or exactly one of env, file, credential")
        }
        let (key, value) = (entry.key, entry.node)
        let name = try value.string()
        switch key {
        case "env": self.init(.environment(name), file: origin.file, line: origin.line, keyPath: origin.keyPath)
        case "file":
            let path = ConfigPaths.resolve(name, against: baseDirectory)
            self.init(.file(path), file: origin.file, line: origin.line, keyPath: origin.keyPath)
        default:
            guard !name.contains("/") else { throw value.error("a credential name has no '/'") }
            self.init(.credential(name), file: origin.file, line: origin.line, keyPath: origin.keyPath)
        }
    }

    /// The value. Files and credentials lose one trailing newline.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        switch source {
        case .literal(let value):
            return value
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw error("environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            return try read(path)
        case .credential(let name):
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                throw error(
                    "credential '\(name)': CREDENTIALS_DIRECTORY is not set (systemd sets it for LoadCredential=)")
            }
            return try read((directory as NSString).appendingPathComponent(name))
        }
    }

    /// The value, which must be an http(s) URL; the error never shows it.
    public func resolveURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let value = try resolve(environment: environment).trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = value.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw error("\(description) is not an http:// or https:// URL")
        }
        return value
    }

    private func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw error("cannot read the secret file \(path)")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\r\n") {
            text.removeLast(1)
        } else if text.hasSuffix("\n") {
            text.removeLast()
        }
        guard !text.isEmpty else { throw error("the secret file \(path) is empty") }
        return text
    }

    private func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, keyPath: keyPath, message: message)
    }

    public var description: String {
        switch source {
        case .literal: return "<secret>"
        case .environment(let name): return "<secret from $\(name)>"
        case .file(let path): return "<secret from \(path)>"
        case .credential(let name): return "<secret from credential \(name)>"
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["source": description]) }
}
