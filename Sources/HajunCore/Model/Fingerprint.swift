/// The hashes of a post's normalized text.
public struct Fingerprint: Sendable, Hashable {
    /// XXH3-64 (seed 0) of the normalized text.
    public var exact: UInt64
    /// SimHash-64 over the normalized text's weighted features.
    public var simhash: UInt64

    public init(exact: UInt64, simhash: UInt64) {
        self.exact = exact
        self.simhash = simhash
    }
}

extension UInt64 {
    /// 16 lowercase hex digits, zero-padded.
    public var hex16: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 48, count: 16)
        var value = self
        for index in stride(from: 15, through: 0, by: -1) {
            bytes[index] = digits[Int(value & 0xF)]
            value >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses exactly 16 hex digits.
    public init?(hex16 text: some StringProtocol) {
        guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else { return nil }
        self = value
    }
}
