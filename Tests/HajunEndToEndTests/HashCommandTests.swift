import Foundation
import HajunTestSupport
import Testing

/// `hajund hash` against Debian's `xxhsum` (package `xxhash`): the same bytes out, and `xxhsum -c` accepts them.
@Suite struct HashCommandTests {
    static let fixtures = PackageRoot.path("Tests/Fixtures/xxh3")

    /// Debian's xxhsum; the comparison needs it (`apt-get install xxhash`).
    static func xxhsum() throws -> String {
        let candidates = ["/usr/bin/xxhsum", "/usr/local/bin/xxhsum", "/bin/xxhsum"]
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "xxhsum is not installed (Debian: apt-get install xxhash)")
    }

    @Test func printsTheCommittedReferenceOutputByteForByte() throws {
        let expected = try String(contentsOfFile: Self.fixtures + "/files.xxh3", encoding: .utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures + "/files").sorted()
        #expect(names.count == 26)
        let result = try Hajund.run(["hash"] + names, currentDirectory: Self.fixtures + "/files")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == expected)
    }

    @Test func randomFilesOfEveryLengthClassVerifyWithXXHSum() throws {
        let xxhsum = try Self.xxhsum()
        let directory = try TemporaryDirectory("hajund-hash")
        // Every length class: 0, 1-3, 4-8, 9-16, 17-128, 129-240, and longer across stripes and blocks to 5,000.
        var lengths = [
            0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 128, 129, 200, 239, 240, 241, 255, 256, 257,
        ]
        lengths += [511, 512, 1023, 1024, 1025, 2047, 2048, 4095, 4096, 4097, 5000]
        var generator = SystemRandomNumberGenerator()
        lengths += (0..<40).map { _ in Int.random(in: 0...5000, using: &generator) }
        var names: [String] = []
        for (index, length) in lengths.enumerated() {
            let name = "random \(index) of \(length) bytes.bin"
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            FileManager.default.createFile(atPath: directory.file(name), contents: Data(bytes))
            names.append(name)
        }
        let ours = try Hajund.run(["hash"] + names, currentDirectory: directory.path)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.lines.count == names.count)

        let reference = try ChildProcess.run(xxhsum, ["-H3"] + names, currentDirectory: directory.path)
        #expect(reference.status == 0)
        #expect(ours.stdout == reference.stdout)

        try directory.write("sums.xxh3", ours.stdout)
        let check = try ChildProcess.run(xxhsum, ["-c", "sums.xxh3"], currentDirectory: directory.path)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.split(separator: "\n").count == names.count)
        #expect(!check.stdout.contains("FAILED"))

        // A changed file fails the check: the output names real hashes, not just well-formed lines.
        FileManager.default.createFile(atPath: directory.file(names[10]), contents: Data([1, 2, 3, 4, 5]))
        let changed = try ChildProcess.run(xxhsum, ["-c", "sums.xxh3"], currentDirectory: directory.path)
        #expect(changed.status != 0)
        #expect(changed.stdout.contains("\(names[10]): FAILED"))
    }

    @Test func standardInputIsNamedStdinLikeXXHSum() throws {
        let dash = try Hajund.run(["hash", "-"], stdin: "abc")
        #expect(dash.status == 0)
        #expect(dash.stdout == "XXH3 (stdin) = 78af5f94892f3950\n")
        let none = try Hajund.run(["hash"], stdin: "abc")
        #expect(none.stdout == "XXH3 (stdin) = 78af5f94892f3950\n")
        let empty = try Hajund.run(["hash", "-"], stdin: "")
        #expect(empty.stdout == "XXH3 (stdin) = 2d06800538d394c2\n")

        let xxhsum = try Self.xxhsum()
        let reference = try ChildProcess.run(xxhsum, ["-H3", "-"], stdin: "the same bytes\n")
        #expect(try Hajund.run(["hash", "-"], stdin: "the same bytes\n").stdout == reference.stdout)
    }

    @Test func unreadableFilesAreReportedAndTheOthersStillHashed() throws {
        let directory = try TemporaryDirectory("hajund-hash")
        try directory.write("good.txt", "abc")
        try FileManager.default.createDirectory(atPath: directory.file("folder"), withIntermediateDirectories: true)
        let result = try Hajund.run(["hash", "missing.txt", "good.txt", "folder"], currentDirectory: directory.path)
        #expect(result.status == 1)
        #expect(result.stdout == "XXH3 (good.txt) = 78af5f94892f3950\n")
        // xxhsum's own wording, trailing space included.
        #expect(result.stderr.contains("Error: Could not open 'missing.txt': No such file or directory. \n"))
        #expect(result.stderr.contains("hajund: folder: Is a directory \n"))
    }
}
