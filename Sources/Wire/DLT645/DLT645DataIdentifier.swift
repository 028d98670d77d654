/// A DL/T 645-2007 data identifier (数据标识) DI3 DI2 DI1 DI0, e.g. `00 01 00 00`.
///
/// DL/T 645-2007 identifies every data item by four bytes, written DI3…DI0 and sent
/// low byte first (DI0 first) at the start of the data field, each +0x33 on the wire.
/// `rawValue` is the written order as one number: `00 01 00 00` → 0x0001_0000.
public struct DLT645DataIdentifier: RawRepresentable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// From the four bytes as sent (DI0 first, 0x33 already removed).
    /// - Throws: `.truncated` when fewer than four bytes are given.
    public init(wireBytes bytes: ArraySlice<UInt8>) throws(WireError) {
        guard bytes.count >= 4 else {
            throw WireError(.truncated, "a data identifier is 4 bytes, got \(bytes.count)")
        }
        let s = bytes.startIndex
        rawValue = UInt32(bytes[s]) | UInt32(bytes[s + 1]) << 8 | UInt32(bytes[s + 2]) << 16
            | UInt32(bytes[s + 3]) << 24
    }

    /// The four bytes in wire order (DI0 first), without the 0x33 offset.
    public var wireBytes: [UInt8] {
        [UInt8(truncatingIfNeeded: rawValue), UInt8(truncatingIfNeeded: rawValue >> 8),
         UInt8(truncatingIfNeeded: rawValue >> 16), UInt8(truncatingIfNeeded: rawValue >> 24)]
    }

    /// Eight hex digits, DI3 first: "00010000".
    public var description: String {
        Hex.format(wireBytes.reversed(), separator: "")
    }

    /// The catalogue entry (name, unit, format), if this identifier is known.
    public var catalogEntry: DLT645DataCatalog.Entry? { DLT645DataCatalog.entry(for: self) }

    /// 00 00 00 00 combined active energy, total (组合有功总电能).
    public static let combinedActiveEnergyTotal = DLT645DataIdentifier(0x0000_0000)
    /// 00 01 00 00 forward active energy, total (正向有功总电能).
    public static let forwardActiveEnergyTotal = DLT645DataIdentifier(0x0001_0000)
    /// 00 02 00 00 reverse active energy, total (反向有功总电能).
    public static let reverseActiveEnergyTotal = DLT645DataIdentifier(0x0002_0000)
    /// 02 01 01 00 phase A voltage.
    public static let phaseAVoltage = DLT645DataIdentifier(0x0201_0100)
    /// 02 01 02 00 phase B voltage.
    public static let phaseBVoltage = DLT645DataIdentifier(0x0201_0200)
    /// 02 01 03 00 phase C voltage.
    public static let phaseCVoltage = DLT645DataIdentifier(0x0201_0300)
    /// 02 02 01 00 phase A current.
    public static let phaseACurrent = DLT645DataIdentifier(0x0202_0100)
    /// 02 02 02 00 phase B current.
    public static let phaseBCurrent = DLT645DataIdentifier(0x0202_0200)
    /// 02 02 03 00 phase C current.
    public static let phaseCCurrent = DLT645DataIdentifier(0x0202_0300)
    /// 02 03 00 00 instantaneous total active power.
    public static let totalActivePower = DLT645DataIdentifier(0x0203_0000)
    /// 02 06 00 00 total power factor.
    public static let totalPowerFactor = DLT645DataIdentifier(0x0206_0000)
    /// 04 00 01 01 date and weekday (YYMMDDWW).
    public static let date = DLT645DataIdentifier(0x0400_0101)
    /// 04 00 01 02 time (hhmmss).
    public static let time = DLT645DataIdentifier(0x0400_0102)
}
