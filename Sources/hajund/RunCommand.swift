import ArgumentParser
import Dispatch
import Foundation
import HajunDaemon
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll feeds, log events, deliver alerts."
    )

    @Option(help: "Configuration file (default: the built-in configuration, relative to the working directory).")
    var config: String?

    @Flag(help: "Poll every feed once, process everything, flush, deliver pending alerts, and exit.")
    var once = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["HAJUND_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let logger = Logger(label: "hajund")
        let configuration = try ConfigLoading.load(config)
        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, logger: logger)
        } catch {
            Diagnostics.fail("cannot start: \(error)")
            throw ExitCode(1)
        }
        if once {
            let summary = await daemon.pollAll()
            logger.info(
                "done",
                metadata: [
                    "posts": "\(summary.postsRead)", "events": "\(summary.eventsLogged)",
                    "alerts": "\(summary.alertsDelivered)", "feed_errors": "\(summary.feedErrors)",
                    "input_problems": "\(summary.inputProblems)",
                ]
            )
            return
        }
        let task = Task { await daemon.run() }
        let signals = [SIGINT, SIGTERM].map { signalNumber -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        await task.value
        signals.forEach { $0.cancel() }
    }
}
