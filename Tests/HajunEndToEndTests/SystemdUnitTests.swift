import Foundation
import HajunTestSupport
import Testing

/// The shipped unit passes systemd's own checks: `systemd-analyze verify` says nothing, and
/// `systemd-analyze security --offline=true` rates its exposure at 1.5 or lower.
@Suite(.serialized) struct SystemdUnitTests {
    static let unit = PackageRoot.path("systemd/hajund.service")
    static let installedBinary = "/usr/local/bin/hajund"

    static func systemdAnalyze() throws -> String {
        for candidate in ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        Issue.record("systemd-analyze is not installed: install the 'systemd' package (the README's test command does)")
        throw CocoaError(.fileNoSuchFile)
    }

    /// `verify` checks that ExecStart exists; the documented install path is /usr/local/bin/hajund, so link the
    /// built binary there when nothing is installed.
    static func ensureInstalledBinary() throws {
        let manager = FileManager.default
        if (try? manager.destinationOfSymbolicLink(atPath: installedBinary)) != nil {
            // A link from an earlier test run, maybe to a build that is gone: point it at this one.
            try manager.removeItem(atPath: installedBinary)
        } else if manager.fileExists(atPath: installedBinary) {
            return  // a real installation
        }
        try manager.createDirectory(atPath: "/usr/local/bin", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: installedBinary, withDestinationPath: Hajund.path)
    }

    @Test func verifyPrintsNothing() throws {
        let analyze = try Self.systemdAnalyze()
        try Self.ensureInstalledBinary()
        let result = try ChildProcess.run(analyze, ["verify", Self.unit])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.isEmpty && result.stderr.isEmpty,
            "systemd-analyze verify said:\n\(result.stdout)\(result.stderr)")
    }

    @Test func securityExposureIsAtMostOnePointFive() throws {
        let analyze = try Self.systemdAnalyze()
        let result = try ChildProcess.run(analyze, ["security", "--offline=true", "--no-pager", Self.unit])
        let output = result.stdout + result.stderr
        // "→ Overall exposure level for hajund.service: 1.2 OK 🙂"
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Overall exposure level") }),
            let score = line.split(separator: ":").last?.split(separator: " ").first.flatMap({ Double($0) })
        else {
            Issue.record("no exposure level in the output:\n\(output)")
            return
        }
        #expect(score <= 1.5, "exposure \(score):\n\(output)")
    }

    @Test func unitUsesNotifyWatchdogAndTheDocumentedSettings() throws {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        for setting in [
            "Type=notify", "NotifyAccess=main", "WatchdogSec=", "ExecReload=/bin/kill -HUP $MAINPID", "DynamicUser=yes",
            "StateDirectory=hajund", "LogsDirectory=hajund", "LoadCredential=", "TimeoutStopSec=",
        ] {
            #expect(text.contains(setting), "missing \(setting)")
        }
    }
}
