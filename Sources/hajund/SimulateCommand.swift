// INTERIM PLACEHOLDER: replaced by the work that owns this command.
import ArgumentParser

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", shouldDisplay: false)

    func run() throws {
        throw ValidationError("not available in this build yet")
    }
}
