/// The CRC of HJ 212 (HJ 212-2017 Appendix A, unchanged in HJ 212-2025 App. A.1).
///
/// This is NOT CRC-16/MODBUS: each byte is XORed into the *high* byte of the register
/// (`crc = (crc >> 8) ^ b`) before eight reflected shifts with 0xA001. The check value of
/// `123456789` is 0x2F80 (CRC-16/MODBUS gives 0x4B37). The CRC covers exactly the data
/// segment (from `QN=` to the final `&&`) and is written as four upper-case hex digits,
/// high byte first; lower-case digits are accepted on input.
public enum HJ212CRC {
    /// The CRC of `bytes` (App. A algorithm).
    public static func compute<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc = (crc >> 8) ^ UInt16(byte)
            for _ in 0..<8 {
                let lsb = crc & 1
                crc >>= 1
                if lsb != 0 { crc ^= 0xA001 }
            }
        }
        return crc
    }

    /// The CRC of the UTF-8 bytes of `text`.
    public static func compute(_ text: String) -> UInt16 {
        compute(text.utf8)
    }

    /// Four upper-case hex digits, high byte first, as the encoder writes them.
    public static func format(_ crc: UInt16) -> String {
        Hex.word4(crc)
    }

    /// Parses four hex digits (either case). Returns nil when `digits` is not exactly four hex digits.
    public static func parse<C: Collection>(_ digits: C) -> UInt16? where C.Element == UInt8 {
        guard digits.count == 4 else { return nil }
        var value: UInt16 = 0
        for c in digits {
            guard let nibble = Hex.nibbleValue(c) else { return nil }
            value = value << 4 | UInt16(nibble)
        }
        return value
    }

    /// True when `digits` contains a lower-case hex letter (a leniency worth reporting).
    static func hasLowercase<C: Collection>(_ digits: C) -> Bool where C.Element == UInt8 {
        digits.contains { $0 >= 0x61 && $0 <= 0x66 }
    }
}
