import HajunDaemon
import HajunSimulator

/// Starts the channel simulator a configuration's `simulator:` section asks for, inside `hajund run`, and binds
/// the configuration's `simulator:/` feed URLs to its loopback port.
enum InProcessSimulator {
    static func start(_ settings: SimulatorConfiguration) async throws -> SimulatorServer {
        try await SimulatorServer.start(serverConfiguration(settings))
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
