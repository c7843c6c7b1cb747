import HajunDaemon
import HajunSimulator
import Logging

/// Starts the channel simulator a configuration's `simulator:` section asks for, inside `hajund run`, and binds
/// the configuration's `simulator:/` feed URLs to its loopback port.
enum InProcessSimulator {
    /// Starts the simulator when `configuration` has a `simulator:` section and binds its feeds to it; nil without.
    static func start(for configuration: inout HajunConfiguration, logger: Logger) async throws -> SimulatorServer? {
        guard let settings = configuration.simulator else { return nil }
        let server = try await SimulatorServer.start(serverConfiguration(settings))
        configuration = configuration.bindingSimulator(baseURL: server.baseURL)
        logger.info(
            "simulator serving simulated channels",
            metadata: [
                "listen": "127.0.0.1:\(server.port)", "seed": "\(settings.seed)",
                "initial_burst": "\(settings.initialBurst)", "rate": "\(settings.postsPerSecond)/s",
            ]
        )
        return server
    }

    /// An endless stream: the initial burst at once, then the paced trickle with the daily rhythm and bursts.
    static func serverConfiguration(_ settings: SimulatorConfiguration) -> SimulatorServer.Configuration {
        SimulatorServer.Configuration(
            port: settings.port,
            token: settings.token ?? SimulatorServer.defaultToken,
            seed: settings.seed,
            channels: settings.channels.isEmpty ? SimulatedChannel.defaults : SimulatedChannel.named(settings.channels),
            posts: nil,
            rate: .postsPerSecond(settings.postsPerSecond),
            initialBurst: settings.initialBurst,
            openingAlarm: settings.openingAlarm
        )
    }
}
