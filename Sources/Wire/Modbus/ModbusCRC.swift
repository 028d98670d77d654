/// CRC-16/MODBUS, the checksum of every Modbus RTU ADU.
///
/// Modbus over Serial Line V1.02 §2.5.1.2 and Appendix B: init 0xFFFF, reflected polynomial
/// 0xA001 (0x8005 reversed), each byte XORed into the low byte (`crc ^= b`) before eight shifts,
/// no final XOR. Check value of ASCII "123456789" is 0x4B37. On the wire the CRC is sent
/// **low byte first** (e.g. `01 03 00 00 00 0A` → CRC 0xCDC5 → `… C5 CD`).
///
/// Not to be confused with HJ 212's "ANSI CRC16", which XORs into the high byte.
public enum ModbusCRC {
    /// 256-entry table for the reflected polynomial 0xA001, computed once.
    static let table: [UInt16] = (0..<256).map { index in
        var crc = UInt16(index)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1
        }
        return crc
    }

    /// The CRC-16/MODBUS of `bytes`.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc = (crc >> 8) ^ table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)]
        }
        return crc
    }

    /// The two CRC bytes as they go on the wire: low byte first.
    public static func wireBytes(_ crc: UInt16) -> [UInt8] {
        [UInt8(truncatingIfNeeded: crc), UInt8(truncatingIfNeeded: crc >> 8)]
    }

    /// Reads a CRC stored low byte first at `index` of `bytes`. Precondition: two bytes available.
    static func read(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt16 {
        UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
    }

    /// `bytes` followed by their CRC, low byte first.
    public static func appending(to bytes: [UInt8]) -> [UInt8] {
        bytes + wireBytes(checksum(bytes))
    }

    /// Hex text of a CRC as it appears on the wire, e.g. "C5 CD", with its value, e.g. "0xCDC5".
    static func describe(_ crc: UInt16) -> String {
        "\(Hex.format(wireBytes(crc))) (0x\(Hex.word4(crc)))"
    }
}
