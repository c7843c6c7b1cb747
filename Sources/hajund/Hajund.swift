import ArgumentParser

@main
struct Hajund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hajund",
        abstract: "Watches Telegram-style channels of citizen reports of military activity: dedup, classify, log, alert.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ReplayCommand.self, CheckConfigCommand.self, TailCommand.self, HashCommand.self,
            SimulateCommand.self, LogBenchCommand.self,
        ]
    )
}
