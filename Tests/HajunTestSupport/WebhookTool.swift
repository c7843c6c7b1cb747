import Foundation

/// adnanh's `webhook` (Debian package `webhook`) with recording hooks (see `start`), on loopback.
public enum WebhookTool {
    /// Hooks under `/hooks/`: `record` checks the HMAC signature against `secret` and appends
    /// "<Idempotency-Key> <alert_id>" to `received.txt`; `flaky` fails with 500 for its first `failures` calls, then
    /// records into `flaky.txt`; `refuse` answers 400.
    public static func start(
        in directory: TemporaryDirectory, secret: String, port: Int? = nil, failures: Int = 2
    ) async throws -> ServiceProcess {
        let port = try port ?? ServiceProcess.freePort()
        try directory.write(
            "record.sh",
            """
            #!/bin/sh
            printf '%s %s\\n' "$1" "$2" >> "$(dirname "$0")/received.txt"
            echo recorded

            """
        )
        try directory.write(
            "flaky.sh",
            """
            #!/bin/sh
            dir=$(dirname "$0")
            n=$(cat "$dir/flaky-attempts" 2>/dev/null || echo 0)
            n=$((n + 1))
            echo "$n" > "$dir/flaky-attempts"
            if [ "$n" -le \(failures) ]; then echo "failing on purpose ($n)"; exit 1; fi
            printf '%s %s\\n' "$1" "$2" >> "$dir/flaky.txt"
            echo recorded

            """
        )
        for script in ["record.sh", "flaky.sh"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.file(script))
        }
        let arguments = #"[{"source": "header", "name": "Idempotency-Key"}, {"source": "payload", "name": "alert_id"}]"#
        try directory.write(
            "hooks.json",
            """
            [
              {
                "id": "record",
                "execute-command": "\(directory.file("record.sh"))",
                "command-working-directory": "\(directory.path)",
                "include-command-output-in-response": true,
                "include-command-output-in-response-on-error": true,
                "pass-arguments-to-command": \(arguments),
                "trigger-rule": {
                  "match": {"type": "payload-hmac-sha256", "secret": "\(secret)",
                            "parameter": {"source": "header", "name": "X-Hajund-Signature"}}
                }
              },
              {
                "id": "flaky",
                "execute-command": "\(directory.file("flaky.sh"))",
                "command-working-directory": "\(directory.path)",
                "include-command-output-in-response": true,
                "include-command-output-in-response-on-error": true,
                "pass-arguments-to-command": \(arguments)
              },
              {
                "id": "refuse",
                "execute-command": "/bin/true",
                "trigger-rule": {"match": {"type": "value", "value": "never", "parameter": {"source": "header", "name": "X-Never"}}},
                "trigger-rule-mismatch-http-response-code": 400
              }
            ]
            """
        )
        return try await ServiceProcess.start(
            "/usr/bin/webhook",
            ["-hooks", directory.file("hooks.json"), "-ip", "127.0.0.1", "-port", "\(port)", "-verbose"],
            in: directory, name: "webhook", port: port, readyPath: "/"
        )
    }

    /// The "<key> <alert id>" lines a recording hook wrote.
    public static func received(
        _ directory: TemporaryDirectory, file: String = "received.txt"
    ) -> [(key: String, alertID: String)] {
        let text = (try? String(contentsOfFile: directory.file(file), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ").map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
    }
}
