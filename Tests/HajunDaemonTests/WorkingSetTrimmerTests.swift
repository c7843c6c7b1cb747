#if os(Linux)
import Foundation
import Glibc
import HajunTestSupport
import Testing

@testable import HajunDaemon

/// The trimmer drops only pages it can read back unchanged: clean, private, file-backed ones.
@Suite struct WorkingSetTrimmerTests {
    @Test func picksOnlyCleanPrivateFileMappingsWithResidentPages() {
        let smaps = """
            00400000-00452000 r-xp 00000000 fd:01 123 /usr/bin/hajund
            Size:                328 kB
            Rss:                 200 kB
            Anonymous:             0 kB
            Locked:                0 kB
            VmFlags: rd ex mr mw me dw
            00652000-00653000 r--p 00052000 fd:01 123 /usr/bin/hajund
            Rss:                   4 kB
            Anonymous:             4 kB
            Locked:                0 kB
            00653000-00654000 rw-p 00053000 fd:01 123 /usr/bin/hajund
            Rss:                   4 kB
            Anonymous:             0 kB
            00700000-00800000 r--p 00000000 fd:01 124 /usr/lib/libx.so
            Rss:                 512 kB
            Anonymous:             0 kB
            Locked:                0 kB
            00800000-00900000 r--p 00000000 fd:01 124 /usr/lib/liby.so
            Rss:                   0 kB
            Anonymous:             0 kB
            00900000-00a00000 r--s 00000000 fd:01 125 /dev/shm/shared
            Rss:                  64 kB
            Anonymous:             0 kB
            00a00000-00b00000 r--p 00000000 00:01 126 /memfd:x (deleted)
            Rss:                  64 kB
            Anonymous:             0 kB
            00b00000-00c00000 r-xp 00000000 fd:01 127 /usr/lib/locked.so
            Rss:                  64 kB
            Anonymous:             0 kB
            Locked:               64 kB
            7ffd0000-7ffd1000 r--p 00000000 00:00 0 [vvar]
            Rss:                   4 kB
            Anonymous:             0 kB
            7ffe0000-7fff0000 rw-p 00000000 00:00 0
            Rss:                  32 kB
            Anonymous:            32 kB
            """
        let picked = WorkingSetTrimmer.cleanFileMappings(smaps)
        #expect(
            picked == [
                .init(start: 0x40_0000, end: 0x45_2000, residentBytes: 200 * 1024, droppable: true),
                .init(start: 0x70_0000, end: 0x80_0000, residentBytes: 512 * 1024, droppable: true),
            ])
    }

    /// A read-only private mapping of a file the test writes: after a trim none of its pages is resident in this
    /// process, and reading it again gives the file's bytes. A private writable mapping with written pages keeps
    /// them.
    @Test func dropsACleanFileMappingAndItReadsBackTheSameBytes() throws {
        let directory = try TemporaryDirectory()
        let size = 256 * 1024
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = directory.file("pages.bin")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }

        let clean = try #require(mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0))
        #expect(clean != MAP_FAILED)
        defer { munmap(clean, size) }
        let written = try #require(mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, descriptor, 0))
        #expect(written != MAP_FAILED)
        defer { munmap(written, size) }

        var sum = 0
        var passes = 0
        written.storeBytes(of: 0xAB, toByteOffset: 100, as: UInt8.self)
        // A daemon test in this process may trim at any time; touch again until every page is resident at once.
        var resident: Int?
        for _ in 0..<5 where resident != size / 1024 {
            passes += 1
            for offset in stride(from: 0, to: size, by: 4096) {
                sum &+= Int(clean.load(fromByteOffset: offset, as: UInt8.self))
            }
            resident = residentKilobytes(of: clean)
        }
        #expect(resident == size / 1024, "every page of the clean mapping was touched")

        let outcome = try #require(WorkingSetTrimmer.trim())
        #expect(outcome.mappings > 0 && outcome.codeBytes >= size)
        #expect(residentKilobytes(of: clean) == 0, "the clean mapping's pages are gone from this process")
        #expect(written.load(fromByteOffset: 100, as: UInt8.self) == 0xAB, "a written private page is kept")

        let reread = Array(UnsafeRawBufferPointer(start: clean, count: size))
        #expect(reread == bytes)
        let pageSum = stride(from: 0, to: size, by: 4096).reduce(0) { $0 + Int(bytes[$1]) }
        #expect(sum == passes * pageSum, "the touching reads saw the file's bytes")
    }

    /// `Rss` of the mapping that starts at `address`, from `/proc/self/smaps`.
    private func residentKilobytes(of address: UnsafeMutableRawPointer) -> Int? {
        guard let smaps = WorkingSetTrimmer.readSmaps() else { return nil }
        let start = UInt(bitPattern: address)
        var inMapping = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, let dash = range.firstIndex(of: "-"),
                let lineStart = UInt(range[..<dash], radix: 16)
            {
                inMapping = lineStart == start
            } else if inMapping, line.hasPrefix("Rss:"), fields.count >= 2 {
                return Int(fields[1])
            }
        }
        return nil
    }
}
#endif
