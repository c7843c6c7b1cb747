import ArgumentParser
import Glibc

@main
struct Hajund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hajund",
        abstract:
            "Watches Telegram-style channels of citizen reports of military activity: dedup, classify, log, alert.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ReplayCommand.self, CheckConfigCommand.self, TailCommand.self, HashCommand.self,
            SimulateCommand.self, LogBenchCommand.self,
        ]
    )

    static func main() async {
        unblockSignals()
        // Past the file size limit (RLIMIT_FSIZE) a write must fail with EFBIG, which the log writer reports and
        // retries like a full disk, instead of SIGXFSZ killing the daemon with the post half taken.
        signal(SIGXFSZ, SIG_IGN)
        await main(nil)
    }

    /// A parent (a test runner, a supervisor) may start us with signals blocked, and a blocked SIGTERM or SIGHUP
    /// would never reach the daemon's handlers: start from an empty mask, as systemd does.
    private static func unblockSignals() {
        var empty = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, nil)
    }
}
