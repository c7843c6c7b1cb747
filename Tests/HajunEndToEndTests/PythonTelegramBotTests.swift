import Foundation
import HajunCore
import HajunTestSupport
import Testing

/// A real Bot API client, python-telegram-bot from PyPI, drains `hajund simulate --serve` with `get_updates` and
/// offsets, and must receive every generated post exactly once.
@Suite("Simulator with python-telegram-bot", .serialized)
struct PythonTelegramBotTests {
    static let script = """
        import asyncio, json, sys
        from telegram import Bot
        from telegram.request import HTTPXRequest

        async def main(port, token, expected):
            request = HTTPXRequest(read_timeout=30, connect_timeout=10)
            bot = Bot(token, base_url=f"http://127.0.0.1:{port}/bot", request=request)
            seen = []
            async with bot:
                me = await bot.get_me()
                offset = None
                empty = 0
                while empty < 2:
                    updates = await bot.get_updates(
                        offset=offset, limit=100, timeout=1,
                        allowed_updates=["channel_post", "edited_channel_post"])
                    if not updates:
                        empty += 1
                        continue
                    empty = 0
                    for update in updates:
                        post = update.channel_post or update.edited_channel_post
                        origin = post.forward_origin
                        seen.append({
                            "update_id": update.update_id,
                            "chat": post.chat.username,
                            "message_id": post.message_id,
                            "edit": update.edited_channel_post is not None,
                            "text": post.text or post.caption,
                            "forward_from": origin.chat.username if origin is not None else None,
                        })
                    offset = updates[-1].update_id + 1
            print(json.dumps({"bot": me.username, "updates": seen}))

        asyncio.run(main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
        """

    @Test("python-telegram-bot receives every generated post exactly once")
    func drainWithPythonTelegramBot() async throws {
        let python = try await PythonTelegramBotTests.pythonWithTelegram()
        let simulator = try SimulatorProcess.start(["--posts", "1500", "--seed", "77"])
        defer { simulator.stop() }
        let truth = try await simulator.truth()
        let directory = try TemporaryDirectory("hajund-ptb")
        let script = try directory.write("drain.py", PythonTelegramBotTests.script)
        let result = try await PythonTelegramBotTests.blocking {
            try ChildProcess.run(python, [script, String(simulator.port), SimulatorProcess.token, String(truth.count)])
        }
        #expect(result.status == 0, "python-telegram-bot failed: \(result.stderr.suffix(3000))")
        let output = try JSONValue(parsing: result.stdout.split(separator: "\n").last.map(String.init) ?? "")
        #expect(output["bot"]?.stringValue == "hajun_sim_bot")
        guard case .array(let updates)? = output["updates"] else {
            Issue.record("no updates in python's output")
            return
        }
        let received = updates.map {
            "\($0["chat"]!.stringValue!)/\($0["message_id"]!.int64Value!)/\($0["edit"]!.boolValue!)"
        }
        let expected = truth.map {
            "\($0["chat"]!.stringValue!)/\($0["message_id"]!.int64Value!)/\($0["edit"]!.boolValue!)"
        }
        #expect(received.count == expected.count)
        #expect(Set(received).count == received.count, "some update arrived twice")
        #expect(received == expected, "python-telegram-bot saw other posts than were generated")
        let ids = updates.compactMap { $0["update_id"]?.int64Value }
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        #expect(updates.allSatisfy { $0["text"]?.stringValue?.isEmpty == false })
        #expect(updates.contains { $0["forward_from"]?.stringValue != nil })
        #expect(truth.filter { $0["edit"]?.boolValue == false }.count == 1500)
    }

    /// Runs blocking work on a thread of its own, off the cooperative pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// A Python that can `import telegram`: `$HAJUND_PYTHON`, `python3`, or a venv under /tmp that this test
    /// creates and fills from PyPI (`pip install python-telegram-bot`) when neither has it.
    static func pythonWithTelegram() async throws -> String {
        try await PythonTelegramBotTests.blocking {
            let environment = ProcessInfo.processInfo.environment
            var candidates = [String]()
            if let configured = environment["HAJUND_PYTHON"] { candidates.append(configured) }
            let venv = FileManager.default.temporaryDirectory.appendingPathComponent("hajund-ptb-venv").path
            candidates += ["/usr/bin/python3", "/usr/local/bin/python3", venv + "/bin/python"]
            if let path = environment["PATH"] {
                candidates += path.split(separator: ":").map { $0 + "/python3" }
            }
            for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
                if (try? ChildProcess.run(candidate, ["-c", "import telegram"]))?.status == 0 { return candidate }
            }
            let system = candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !$0.hasPrefix(venv) }
            guard let system else { throw SimulatorTestFailure(message: "no python3 found to run python-telegram-bot") }
            let created = try ChildProcess.run(system, ["-m", "venv", venv])
            guard created.status == 0 else {
                throw SimulatorTestFailure(message: "python3 -m venv failed: \(created.stderr)")
            }
            let installed = try ChildProcess.run(
                venv + "/bin/python", ["-m", "pip", "install", "-q", "python-telegram-bot"])
            guard installed.status == 0 else {
                throw SimulatorTestFailure(
                    message: "pip install python-telegram-bot failed: \(installed.stderr.suffix(2000))")
            }
            return venv + "/bin/python"
        }
    }
}
