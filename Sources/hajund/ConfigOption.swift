import ArgumentParser
import Foundation
import HajunDaemon

/// Loads the configuration named by `--config`, or the embedded default; exits with the error's message.
enum ConfigLoading {
    static func load(_ path: String?) throws -> HajunConfiguration {
        do {
            if let path { return try HajunConfiguration.load(path: path) }
            return try HajunConfiguration.embeddedDefault()
        } catch let error as ConfigError {
            Diagnostics.fail("\(error)")
            throw ExitCode(2)
        }
    }
}

/// Writes to stderr without going through buffered stdout.
enum Diagnostics {
    static func fail(_ message: String) {
        FileHandle.standardError.write(Data(("hajund: " + message + "\n").utf8))
    }
}
