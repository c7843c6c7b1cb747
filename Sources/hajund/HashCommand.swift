// INTERIM PLACEHOLDER: replaced by the work that owns this command.
import ArgumentParser

struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hash", shouldDisplay: false)

    func run() throws {
        throw ValidationError("not available in this build yet")
    }
}
