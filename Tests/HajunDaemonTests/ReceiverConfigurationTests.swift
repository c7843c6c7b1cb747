import Foundation
import HajunCore
import HajunTestSupport
import Testing

@testable import HajunDaemon

@Suite struct ReceiverConfigurationTests {
    private func parse(_ receivers: String, rules: String = "") throws -> HajunConfiguration {
        let yaml = "version: 1\nreceivers:\n" + receivers + (rules.isEmpty ? "" : "\nrules:\n" + rules)
        return try HajunConfiguration.parse(yaml: yaml, file: "/etc/hajund/hajund.yaml", baseDirectory: "/etc/hajund")
    }

    private func error(_ receivers: String) -> String {
        do {
            _ = try parse(receivers)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryKind() throws {
        let configuration = try parse(
            """
              - name: file
                type: file
                path: alerts.jsonl
              - name: hook
                type: webhook
                url: https://hooks.example.org/hajund
                secret: {env: HOOK_SECRET}
                headers: {Authorization: {file: /run/secrets/hook-auth}}
                timeout: 5s
                retry: {initial: 2s, max: 1m, for: 6h}
              - name: am
                type: alertmanager
                url: http://127.0.0.1:9093
                labels: {team: duty}
                resend: 30s
                hold: 15m
              - name: slack
                type: slack
                url: {credential: slack-url}
              - name: tg
                type: telegram
                token: {credential: telegram-token}
                chat_id: "-1001234"
            """
        )
        let receivers = Dictionary(uniqueKeysWithValues: configuration.receivers.map { ($0.name, $0) })
        #expect(receivers["file"]?.path == "/etc/hajund/alerts.jsonl")
        #expect(receivers["file"]?.retry == RetryPolicy())
        #expect(receivers["hook"]?.kind == .webhook)
        #expect(receivers["hook"]?.url?.source == .literal("https://hooks.example.org/hajund"))
        #expect(receivers["hook"]?.secret?.source == .environment("HOOK_SECRET"))
        #expect(receivers["hook"]?.headers["Authorization"]?.source == .file("/run/secrets/hook-auth"))
        #expect(receivers["hook"]?.timeoutMilliseconds == 5000)
        #expect(
            receivers["hook"]?.retry
                == RetryPolicy(initialMilliseconds: 2000, maximumMilliseconds: 60_000, horizonMilliseconds: 21_600_000))
        #expect(receivers["am"]?.labels == ["team": "duty"])
        #expect(receivers["am"]?.resendMilliseconds == 30_000)
        #expect(receivers["am"]?.holdMilliseconds == 900_000)
        #expect(receivers["slack"]?.url?.source == .credential("slack-url"))
        #expect(receivers["tg"]?.token?.source == .credential("telegram-token"))
        #expect(receivers["tg"]?.chatID == "-1001234")
        #expect(receivers["tg"]?.apiURL == "https://api.telegram.org")
    }

    @Test func errorsNameTheFileLineAndKey() {
        #expect(
            error("  - {name: x, type: webhook}")
                == "/etc/hajund/hajund.yaml:3: receivers[0].url: required key is missing")
        #expect(
            error("  - {name: x, type: webhook, url: ftp://example.org}")
                == "/etc/hajund/hajund.yaml:3: receivers[0].url: expected an http:// or https:// URL")
        #expect(
            error("  - {name: x, type: webhook, url: http://h, chat_id: 5}").hasPrefix(
                "/etc/hajund/hajund.yaml:3: receivers[0].chat_id: 'chat_id' does not apply to webhook receivers"))
        #expect(
            error("  - {name: x, type: telegram, token: t}")
                == "/etc/hajund/hajund.yaml:3: receivers[0].chat_id: required key is missing")
        #expect(
            error("  - {name: x, type: pager}").hasPrefix(
                "/etc/hajund/hajund.yaml:3: receivers[0].type: 'pager' is not one of: file, webhook, alertmanager, slack, telegram"
            ))
        #expect(
            error("  - {name: x, type: alertmanager, url: http://h, labels: {9bad: x}}").contains(
                "'9bad' is not a valid Alertmanager label name"))
        #expect(
            error("  - {name: x, type: webhook, url: http://h, secret: {env: A, file: b}}").hasSuffix(
                "receivers[0].secret: give the secret inline, or exactly one of env, file, credential"))
        #expect(
            error("  - {name: x, type: webhook, url: http://h, secret: {vault: a}}").contains(
                "receivers[0].secret.vault: unknown key"))
        #expect(
            error("  - {name: x, type: webhook, url: http://h, retry: {initial: 0s}}").contains(
                "receivers[0].retry.initial: must be more than 0"))
    }

    @Test func secretsResolveFromTheEnvironmentFilesAndSystemdCredentials() throws {
        let directory = try TemporaryDirectory()
        try directory.write("secret.txt", "from-file\n")
        try directory.write("credentials/tg", "123:ABC\n")
        #expect(try SecretReference(.environment("HOOK")).resolve(environment: ["HOOK": "from-env"]) == "from-env")
        #expect(try SecretReference(.file(directory.file("secret.txt"))).resolve(environment: [:]) == "from-file")
        #expect(
            try SecretReference(.credential("tg")).resolve(environment: [
                "CREDENTIALS_DIRECTORY": directory.file("credentials")
            ]) == "123:ABC")
        #expect(try SecretReference(.literal("inline")).resolve(environment: [:]) == "inline")
    }

    @Test func missingSecretsAreConfigErrorsThatPointAtTheKey() throws {
        let configuration = try parse(
            """
              - name: hook
                type: webhook
                url: http://127.0.0.1:1/h
                secret: {env: HOOK_SECRET}
              - name: tg
                type: telegram
                token: {credential: telegram-token}
                chat_id: "1"
            """
        )
        let directory = try TemporaryDirectory()
        var local = configuration
        local.state = StateConfiguration(directory: directory.path)
        #expect(throws: ConfigError.self) {
            try AlertCenter(configuration: local, logger: CapturedLog().logger, environment: [:])
        }
        do {
            _ = try AlertCenter(configuration: local, logger: CapturedLog().logger, environment: [:])
        } catch {
            #expect(
                "\(error)"
                    == "/etc/hajund/hajund.yaml:6: receivers[0].secret: environment variable HOOK_SECRET is not set")
        }
        do {
            _ = try AlertCenter(configuration: local, logger: CapturedLog().logger, environment: ["HOOK_SECRET": "x"])
        } catch {
            #expect(
                "\(error)".hasPrefix(
                    "/etc/hajund/hajund.yaml:9: receivers[1].token: credential 'telegram-token': CREDENTIALS_DIRECTORY is not set"
                ))
        }
    }

    @Test func secretsNeverShowInDescriptions() throws {
        let configuration = try parse(
            """
              - name: slack
                type: slack
                url: https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX
              - name: tg
                type: telegram
                token: "4242:TOPSECRET"
                chat_id: "1"
            """
        )
        let printed =
            "\(configuration.receivers) \(String(reflecting: configuration.receivers)) \(configuration.receivers.map { "\($0.url as Any) \($0.token as Any)" })"
        #expect(!printed.contains("XXXXSECRETXXXX"), "\(printed)")
        #expect(!printed.contains("TOPSECRET"), "\(printed)")
        #expect(printed.contains("<secret>"))
    }

    @Test func webhookSignatureIsHMACSHA256OfTheBody() {
        // RFC 4231 test case 2.
        let signature = WebhookReceiver.signature(
            Array("what do ya want for nothing?".utf8), secret: Array("Jefe".utf8))
        #expect(signature == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func retryDelaysGrowExponentiallyWithJitter() {
        let policy = RetryPolicy(initialMilliseconds: 1000, maximumMilliseconds: 10_000, horizonMilliseconds: 60_000)
        #expect((1...6).map { policy.delay(afterAttempt: $0, jitter: 1) } == [1000, 2000, 4000, 8000, 10_000, 10_000])
        #expect(policy.delay(afterAttempt: 3, jitter: 0.5) == 2000)
        for attempt in 1...50 {
            let delay = policy.delay(afterAttempt: attempt)
            #expect(delay >= 500 && delay <= 10_000)
        }
    }

    @Test func retryAfterAcceptsSecondsAndDates() {
        let now = Timestamp(parsing: "2022-03-01T07:05:00Z")!
        #expect(DeliveryOutcome.retryAfter("120", now: now) == 120_000)
        #expect(DeliveryOutcome.retryAfter("Tue, 01 Mar 2022 07:05:09 GMT", now: now) == 9000)
        #expect(DeliveryOutcome.retryAfter("soon", now: now) == nil)
        #expect(DeliveryOutcome.retryAfter(nil, now: now) == nil)
        #expect(
            TelegramReceiver.retryAfter(Array(#"{"ok":false,"error_code":429,"parameters":{"retry_after":7}}"#.utf8))
                == 7000)
    }
}
