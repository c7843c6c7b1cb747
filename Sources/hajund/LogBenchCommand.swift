// INTERIM PLACEHOLDER: replaced by the work that owns this command.
import ArgumentParser

struct LogBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log-bench", shouldDisplay: false)

    func run() throws {
        throw ValidationError("not available in this build yet")
    }
}
