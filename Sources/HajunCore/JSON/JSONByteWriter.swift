/// Writes JSON text through a raw pointer into memory the caller has already sized with an upper bound of what
/// will be written (`stringBound`, `integerBound` and friends).
///
/// The event encoder runs once per post and writes some hundred small pieces per event; through an `[UInt8]`
/// each piece pays a capacity and a uniqueness check, through this writer a store. The price is that every
/// caller must size the memory first: writing past the bound is undefined behaviour.
struct JSONByteWriter {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) {
        position = start
    }

    /// The most bytes `string(_:)` writes for `value`: every byte escaped as `\u00XX`, and the quotes.
    @inline(__always)
    static func stringBound(_ value: String) -> Int {
        value.utf8.count * 6 + 2
    }

    /// The most bytes `integer(_:)` writes: a sign and 19 digits.
    static let integerBound = 20
    /// The most bytes `hex16(_:)` writes.
    static let hexBound = 16

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        position.pointee = value
        position += 1
    }

    @inline(__always)
    mutating func raw(_ literal: StaticString) {
        let count = literal.utf8CodeUnitCount
        position.update(from: literal.utf8Start, count: count)
        position += count
    }

    @inline(__always)
    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        UnsafeMutableRawPointer(position).copyMemory(from: source, byteCount: bytes.count)
        position += bytes.count
    }

    /// Decimal digits of `value`, as `String(value)` writes them.
    mutating func integer(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var limit: UInt64 = 10
        while digits < 20 && magnitude >= limit {
            digits += 1
            limit = limit &* 10
        }
        var cursor = position + digits
        repeat {
            cursor -= 1
            cursor.pointee = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
            magnitude /= 10
        } while magnitude > 0
        position += digits
    }

    /// `value` (0 ..< 10^width) zero-padded to `width` digits.
    @inline(__always)
    mutating func digits(_ value: Int, width: Int) {
        var rest = value
        var cursor = position + width
        while cursor > position {
            cursor -= 1
            cursor.pointee = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
        }
        position += width
    }

    /// 16 lowercase hex digits, as `UInt64.hex16` writes them.
    mutating func hex16(_ value: UInt64) {
        UnsafeMutableRawPointer(position).storeBytes(
            of: JSONByteWriter.hexDigits(UInt32(truncatingIfNeeded: value >> 32)), as: UInt64.self)
        UnsafeMutableRawPointer(position + 8).storeBytes(
            of: JSONByteWriter.hexDigits(UInt32(truncatingIfNeeded: value)), as: UInt64.self)
        position += 16
    }

    /// The eight lowercase hex digits of `value` as the bytes of a word, the most significant digit in the
    /// lowest byte (first in memory): a few shifts and masks instead of a branch per digit.
    @inline(__always)
    static func hexDigits(_ value: UInt32) -> UInt64 {
        // Each nibble to a byte of its own, nibble n in byte n.
        var spread = UInt64(value)
        spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
        spread = (spread | spread << 4) & 0x0F0F_0F0F_0F0F_0F0F
        // 1 in each byte of 10 or more (adding 6 carries into the byte's high nibble, never out of the byte).
        let letters = ((spread &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        let digits = spread &+ 0x3030_3030_3030_3030 &+ letters &* UInt64(UInt8(ascii: "a") - UInt8(ascii: "0") - 10)
        return digits.bigEndian
    }

    /// `value` as a JSON string literal, quotes included, escaped as `JSONEscaping` escapes.
    @inline(__always)
    mutating func string(_ value: String) {
        byte(UInt8(ascii: "\""))
        if let done: Void = value.utf8.withContiguousStorageIfAvailable({ escapedContents($0) }) {
            _ = done
        } else {
            var copy = value
            copy.withUTF8 { escapedContents($0) }
        }
        byte(UInt8(ascii: "\""))
    }

    /// The escaped bytes of `source` without quotes: eight bytes at a time up to the first byte that needs an
    /// escape, then that byte escaped. A whole word is stored even when fewer of its bytes are kept: the bound
    /// leaves room for it, and what is not kept is overwritten.
    mutating func escapedContents(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        let count = source.count
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(position).storeBytes(of: word, as: UInt64.self)
            let mask = JSONEscaping.escapeMask(word)
            if mask == 0 {
                position += 8
                index += 8
                continue
            }
            let plain = mask.trailingZeroBitCount >> 3
            position += plain
            escaped(base[index + plain])
            index += plain + 1
        }
        if index < count && count >= 8 {
            // The last few bytes: the source's last word, shifted so that they come first (the bytes shifted in
            // are zeros, which only ever flag above them).
            let remaining = count - index
            let word = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self) >> UInt64(8 * (8 - remaining))
            if JSONEscaping.escapeMask(word) & ((1 << UInt64(8 * remaining)) - 1) == 0 {
                UnsafeMutableRawPointer(position).storeBytes(of: word, as: UInt64.self)
                position += remaining
                return
            }
        }
        while index < count {
            escaped(base[index])
            index += 1
        }
    }

    @inline(__always)
    private mutating func escaped(_ value: UInt8) {
        guard value < 0x20 || value == UInt8(ascii: "\"") || value == UInt8(ascii: "\\") else {
            byte(value)
            return
        }
        byte(UInt8(ascii: "\\"))
        switch value {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(value)
        case 0x08: byte(UInt8(ascii: "b"))
        case 0x0C: byte(UInt8(ascii: "f"))
        case 0x0A: byte(UInt8(ascii: "n"))
        case 0x0D: byte(UInt8(ascii: "r"))
        case 0x09: byte(UInt8(ascii: "t"))
        default:
            raw("u00")
            byte(UInt8(ascii: "0") &+ (value >> 4))
            let low = value & 0xF
            byte(low < 10 ? low &+ UInt8(ascii: "0") : low &+ (UInt8(ascii: "a") &- 10))
        }
    }
}
