/// Packed BCD helpers shared by the DL/T 645-2007 codec.
///
/// DL/T 645-2007 sends multi-byte values low byte first, two decimal digits per byte
/// (high nibble = tens). Nothing here traps on input: invalid nibbles are reported.
enum DLT645BCD {
    /// The value 0…99 of one packed BCD byte, or nil when either nibble is above 9.
    @inlinable static func value(_ byte: UInt8) -> UInt8? {
        let high = byte >> 4, low = byte & 0x0F
        guard high <= 9, low <= 9 else { return nil }
        return high &* 10 &+ low
    }

    /// The packed BCD byte of `value` (0…99). Precondition-free: values are reduced mod 100.
    @inlinable static func byte(_ value: Int) -> UInt8 {
        let v = ((value % 100) + 100) % 100
        return UInt8(v / 10) << 4 | UInt8(v % 10)
    }

    /// Two decimal digits of a BCD byte, or its hex when not BCD (for display only).
    static func digits(_ byte: UInt8) -> String {
        Hex.byte2(byte)
    }

    /// Decodes `bytes` (low byte first) as an unsigned BCD integer.
    /// - Parameter baseOffset: frame offset of `bytes.first`, used in error offsets.
    /// - Parameter signBit: when true, bit 7 of the most significant byte is a sign
    ///   (1 = negative) and is masked off before the digits are read.
    /// - Returns: the magnitude and whether the sign bit was set.
    static func decode(_ bytes: ArraySlice<UInt8>, baseOffset: Int, signBit: Bool,
                       what: String) throws(WireError) -> (magnitude: Int64, negative: Bool) {
        var magnitude: Int64 = 0
        var negative = false
        var index = bytes.endIndex
        var position = bytes.count
        while index > bytes.startIndex {
            index -= 1
            position -= 1
            var byte = bytes[index]
            if signBit, index == bytes.endIndex - 1 {
                negative = byte & 0x80 != 0
                byte &= 0x7F
            }
            guard let pair = value(byte) else {
                throw WireError(.badValue,
                                "\(what): byte \(position) of the value (0x\(Hex.byte2(bytes[index])), sent "
                                + "\(position == 0 ? "first" : "at position \(position)")) is not BCD",
                                offset: baseOffset + position)
            }
            // At most 8 bytes are decoded by callers (16 digits < Int64.max), so no overflow.
            magnitude = magnitude &* 100 &+ Int64(pair)
        }
        return (magnitude, negative)
    }

    /// Encodes `magnitude` into `count` BCD bytes, low byte first; nil if it does not fit.
    static func encode(_ magnitude: Int64, count: Int) -> [UInt8]? {
        guard magnitude >= 0, count >= 0 else { return nil }
        var rest = magnitude
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            out.append(byte(Int(rest % 100)))
            rest /= 100
        }
        return rest == 0 ? out : nil
    }
}
