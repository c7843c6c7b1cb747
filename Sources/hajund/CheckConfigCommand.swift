import ArgumentParser
import HajunDaemon

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file, its lexicon and gazetteer. Exit 0 when valid."
    )

    @Argument(help: "The configuration file.")
    var path: String

    func run() throws {
        let configuration = try ConfigLoading.load(path)
        do {
            _ = try ClassifierLoader.load(configuration.classifier)
        } catch let error as ConfigError {
            Diagnostics.fail("\(error)")
            throw ExitCode(2)
        }
        print(
            "\(path): OK (\(configuration.feeds.count) feeds, \(configuration.rules.count) rules, \(configuration.receivers.count) receivers)"
        )
    }
}
