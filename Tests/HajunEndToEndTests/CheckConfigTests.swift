import Foundation
import HajunTestSupport
import Testing

@Suite struct CheckConfigTests {
    @Test func bundledConfigIsValid() throws {
        let result = try Hajund.run(["check-config", "config/hajund.yaml"], currentDirectory: PackageRoot.path)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func misspeltKeyFailsNamingKeyAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.yaml", "version: 1\nlog:\n  path: x.jsonl\nreceivers: []\nrulez: []\n")
        let result = try Hajund.run(["check-config", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(path):5: rulez: unknown key (did you mean 'rules'?)"), "\(result.stderr)")
    }

    @Test func missingFileIsAClearError() throws {
        let result = try Hajund.run(["check-config", "/nonexistent/hajund.yaml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/hajund.yaml: cannot read the file"), "\(result.stderr)")
    }
}
