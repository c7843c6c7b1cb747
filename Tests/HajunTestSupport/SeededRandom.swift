/// A small deterministic generator for tests that want the same "random" values on every run (a 64-bit LCG step
/// followed by SplitMix64's output mix).
public struct SeededRandom: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var z = state
        z = (z ^ (z >> 31)) &* 0xbf58_476d_1ce4_e5b9
        return z ^ (z >> 29)
    }
}
