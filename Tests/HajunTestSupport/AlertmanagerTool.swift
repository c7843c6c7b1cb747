import Foundation

/// Prometheus Alertmanager (Debian package `prometheus-alertmanager`) on loopback with a do-nothing route, its own storage and no clustering.
public enum AlertmanagerTool {
    public static func start(in directory: TemporaryDirectory) async throws -> ServiceProcess {
        try directory.write("alertmanager.yml", "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n")
        try FileManager.default.createDirectory(atPath: directory.file("am-data"), withIntermediateDirectories: true)
        let port = try ServiceProcess.freePort()
        return try await ServiceProcess.start(
            "/usr/bin/prometheus-alertmanager",
            [
                "--config.file=\(directory.file("alertmanager.yml"))", "--storage.path=\(directory.file("am-data"))",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ],
            in: directory, name: "alertmanager", port: port, readyPath: "/-/ready"
        )
    }

    /// `GET /api/v2/alerts`: what Alertmanager holds as active (resolved alerts are not listed).
    public static func alerts(_ manager: ServiceProcess) async throws -> [[String: Any]] {
        let (_, data) = try await HTTPGet.fetch(manager.baseURL + "/api/v2/alerts")
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }
}
