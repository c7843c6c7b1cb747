// XXH3-64 throughput: HajunCore's Swift implementation side by side with the C reference (libxxhash), same run,
// same loop shape: the sum of the hashes of `length` bytes at buffer + offsets[i & 4095] (4096 pseudo-random
// offsets below 64), so the compiler can neither hoist nor fold a call, and every sum is printed so none is dead.
import CXXH3Reference
import Foundation
import HajunCore

let sizes = [16, 256, 65536]
let totalBytes = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 4_000_000_000
let rounds = 5

var generator: UInt64 = 2_654_435_761
func nextByte() -> UInt8 {
    generator &*= 11_400_714_785_074_694_797
    return UInt8(generator >> 56)
}
let buffer: [UInt8] = (0..<(65536 + 64)).map { _ in nextByte() }
let offsets: [UInt16] = (0..<4096).map { _ in UInt16(nextByte() >> 2) }

/// This thread's CPU time: time the machine gave other processes does not count.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Times each contender once per round (by CPU time), interleaved so that load from other processes hits all of
/// them alike, and keeps each one's best time. Results are checked equal across rounds and contenders, so the work
/// stays live.
func race(_ contenders: [() -> UInt64]) -> [Double] {
    var bestTimes = [Double](repeating: .infinity, count: contenders.count)
    var result: UInt64?
    for _ in 0..<rounds {
        for (index, run) in contenders.enumerated() {
            let start = cpuSeconds()
            let value = run()
            bestTimes[index] = min(bestTimes[index], cpuSeconds() - start)
            precondition(result == nil || result == value, "contenders disagree")
            result = value
        }
    }
    return bestTimes
}

buffer.withUnsafeBytes { raw in
    offsets.withUnsafeBufferPointer { offsetBuffer in
        let base = raw.baseAddress!
        let offsetTable = offsetBuffer.baseAddress!

        // Cross-check before timing: both sides agree on every length up to 4100 and two seeds.
        for length in 0...4100 {
            for seed: UInt64 in [0, 0x9E37_79B1_85EB_CA8D] {
                let slice = UnsafeRawBufferPointer(rebasing: raw[0..<length])
                precondition(XXH3.hash64(slice, seed: seed) == xxh3_reference_hash(base, length, seed))
            }
        }

        print(
            "XXH3-64 throughput, GB/s (1e9 bytes/s) of this thread's CPU time; "
                + "\(totalBytes / 1_000_000) MB per figure, best of \(rounds)"
        )
        print("size       Swift (HajunCore)  C libxxhash.so  C inline (XXH_INLINE_ALL)  Swift/C.so  Swift/C.inline")
        for size in sizes {
            let iterations = totalBytes / size
            let times = race([
                {
                    var sum: UInt64 = 0
                    for i in 0..<iterations {
                        let start = base + Int(offsetTable[i & 4095])
                        sum &+= XXH3.hash64(UnsafeRawBufferPointer(start: start, count: size))
                    }
                    return sum
                },
                { xxh3_reference_library_loop(base, offsetTable, size, iterations) },
                { xxh3_reference_inline_loop(base, offsetTable, size, iterations) },
            ])
            let (swift, library, inline) = (times[0], times[1], times[2])
            let bytes = Double(iterations * size)
            func rate(_ seconds: Double) -> String { String(format: "%6.2f", bytes / seconds / 1e9) }
            print(
                String(format: "%-8@", "\(size) B"), "  ", rate(swift), "           ", rate(library),
                "         ", rate(inline), "                  ",
                String(format: "%4.2fx", library / swift), "      ",
                String(format: "%4.2fx", inline / swift))
        }
    }
}
