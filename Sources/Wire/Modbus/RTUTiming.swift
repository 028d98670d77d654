/// Serial character format: baud rate, data bits, parity, stop bits.
public struct SerialCharacterFormat: Sendable, Equatable, Hashable {
    public enum Parity: Sendable, Equatable, Hashable { case none, even, odd }

    public let baud: Int
    public let dataBits: Int
    public let parity: Parity
    public let stopBits: Int

    /// Throws `.badValue` unless baud > 0, data bits 5…8 and stop bits 1…2.
    public init(baud: Int, dataBits: Int = 8, parity: Parity, stopBits: Int = 1) throws(WireError) {
        guard baud > 0 else { throw WireError(.badValue, "baud rate \(baud) must be positive") }
        guard (5...8).contains(dataBits) else { throw WireError(.badValue, "data bits \(dataBits) outside 5…8") }
        guard (1...2).contains(stopBits) else { throw WireError(.badValue, "stop bits \(stopBits) outside 1…2") }
        self.baud = baud
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
    }

    /// Bits on the wire per character: start bit + data bits + parity bit (if any) + stop bits.
    /// Modbus RTU's standard 8E1 and its 8N2 alternative are both 11; common 8N1 is 10.
    public var bitsPerCharacter: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }
}

/// RTU timing arithmetic (Modbus over Serial Line V1.02 §2.5.1.1), pure functions of the
/// character format. All times in microseconds.
///
/// - character time = bits per character × 10⁶ / baud;
/// - t1.5 (maximum gap inside a frame) = 1.5 character times, t3.5 (minimum silence between
///   frames) = 3.5 character times; above 19 200 baud the spec fixes them at 750 µs and
///   1 750 µs (the interrupt load of per-character timers at high rates is too high).
///
/// Worked numbers: 9600 8N1: 1041.67 µs/char; 9600 8E1: 1145.83 µs/char, t3.5 = 4010.42 µs;
/// 19200 8E1: t3.5 = 2005.21 µs; 38400 any: t1.5 = 750, t3.5 = 1750.
public struct RTUTiming: Sendable, Equatable, Hashable {
    public let format: SerialCharacterFormat

    /// Baud rates above this use the fixed t1.5 / t3.5.
    public static let fixedTimingAboveBaud = 19_200
    public static let fixedT15Microseconds = 750.0
    public static let fixedT35Microseconds = 1750.0

    public init(_ format: SerialCharacterFormat) { self.format = format }

    /// Convenience: throws `.badValue` for an invalid format (see `SerialCharacterFormat`).
    public init(baud: Int, dataBits: Int = 8, parity: SerialCharacterFormat.Parity,
                stopBits: Int = 1) throws(WireError) {
        self.format = try SerialCharacterFormat(baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits)
    }

    /// Time of one character on the wire.
    public var characterMicroseconds: Double {
        Double(format.bitsPerCharacter) * 1_000_000 / Double(format.baud)
    }

    /// Inter-character timeout t1.5 (§2.5.1.1).
    public var t15Microseconds: Double {
        format.baud > Self.fixedTimingAboveBaud ? Self.fixedT15Microseconds : 1.5 * characterMicroseconds
    }

    /// Inter-frame delay t3.5 (§2.5.1.1).
    public var t35Microseconds: Double {
        format.baud > Self.fixedTimingAboveBaud ? Self.fixedT35Microseconds : 3.5 * characterMicroseconds
    }

    /// Wire time of an `byteCount`-byte frame sent back to back (no gaps); 0 for counts ≤ 0.
    public func frameMicroseconds(byteCount: Int) -> Double {
        Double(max(byteCount, 0)) * characterMicroseconds
    }

    /// Whole microseconds rounded up, for timers that must not fire early.
    public static func ceilingMicroseconds(_ value: Double) -> Int {
        guard value.isFinite, value > 0 else { return 0 }
        guard value < Double(Int.max / 2) else { return Int.max / 2 }
        let whole = Int(value)
        return Double(whole) < value ? whole + 1 : whole
    }
}
