import ArgumentParser
import Dispatch
import Foundation
import HajunDaemon
import HajunSimulator
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll feeds, log events, deliver alerts.",
        discussion: """
            Signals: SIGHUP reopens the log and reloads the configuration (an invalid one is refused and the running \
            one kept); SIGTERM and SIGINT drain in-flight work, flush the log and state, and exit 0. Under systemd \
            (Type=notify) it reports READY, RELOADING, STOPPING, STATUS and watchdog pings over $NOTIFY_SOCKET. \
            See docs/operations.md.
            """
    )

    @Option(help: "Configuration file (default: the built-in configuration, relative to the working directory).")
    var config: String?

    @Flag(help: "Poll every feed once, process everything, flush, deliver pending alerts, and exit.")
    var once = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                ProcessInfo.processInfo.environment["HAJUND_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let logger = Logger(label: "hajund")
        var configuration = try ConfigLoading.load(config)
        let metrics = DaemonMetrics()
        metrics.bootstrapMetricsSystem()
        // Signals are caught before the (possibly long) start, so that a SIGTERM during recovery stops cleanly.
        let control = DaemonControl()
        let sources = once ? [] : Self.catchSignals(control)
        defer { sources.forEach { $0.cancel() } }
        let simulator: SimulatorServer?
        do {
            simulator = try await InProcessSimulator.start(for: &configuration, logger: logger)
        } catch {
            Diagnostics.fail("cannot start the simulator: \(error)")
            throw ExitCode(1)
        }
        let daemon: Daemon
        do {
            daemon = try Daemon(
                configuration: configuration, logger: logger, metrics: metrics, control: control,
                simulatorBaseURL: simulator?.baseURL)
        } catch {
            Diagnostics.fail("cannot start: \(error)")
            await simulator?.stop()
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
            await simulator?.stop()
            return
        }
        do {
            try await daemon.run()
        } catch {
            Diagnostics.fail("\(error)")
            await simulator?.stop()
            throw ExitCode(1)
        }
        await simulator?.stop()
    }

    /// SIGTERM and SIGINT stop the daemon gracefully, SIGHUP reloads it.
    private static func catchSignals(_ control: DaemonControl) -> [any DispatchSourceSignal] {
        let handlers: [(Int32, @Sendable () -> Void)] = [
            (SIGTERM, { control.stop() }), (SIGINT, { control.stop() }), (SIGHUP, { control.reload() }),
        ]
        return handlers.map { signalNumber, action -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }
}
