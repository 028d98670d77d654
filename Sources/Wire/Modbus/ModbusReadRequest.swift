/// A read request PDU for function 01–04 (Modbus Application Protocol V1.1b3 §6.1–6.4):
/// `function(1) startAddress(2, big-endian) quantity(2, big-endian)` — always 5 bytes.
///
/// The value may hold any quantity so that a slave or sniffer can represent what it received;
/// `validate()` (called by the encoder) enforces the specification's limits: 1…2000 bits
/// (0x7D0) for 01/02, 1…125 registers (0x7D) for 03/04, and start + quantity ≤ 65536.
public struct ModbusReadRequest: Sendable, Equatable, Hashable {
    public var function: ModbusFunction
    /// Protocol (zero-based) start address, as sent on the wire.
    public var startAddress: UInt16
    /// Number of bits (01/02) or registers (03/04).
    public var quantity: UInt16

    /// Size of every 01–04 request PDU.
    public static let pduLength = 5

    public init(function: ModbusFunction, startAddress: UInt16, quantity: UInt16) {
        self.function = function
        self.startAddress = startAddress
        self.quantity = quantity
    }

    /// Throws `.badValue` when the quantity or address range breaks the specification's limits.
    public func validate() throws(WireError) {
        let limit = function.maximumQuantity
        guard quantity >= 1, Int(quantity) <= limit else {
            throw WireError(.badValue,
                            "\(function.name): quantity \(quantity) outside 1…\(limit)", offset: 3)
        }
        guard Int(startAddress) + Int(quantity) <= 0x1_0000 else {
            throw WireError(.badValue,
                            "\(function.name): start \(startAddress) + quantity \(quantity) passes address 65535",
                            offset: 1)
        }
    }

    /// The 5-byte PDU. Validates the limits first.
    public func encodePDU() throws(WireError) -> [UInt8] {
        try validate()
        return pduBytes
    }

    /// The 5-byte PDU exactly as the fields say, without checking limits (for re-encoding what
    /// was received).
    public var pduBytes: [UInt8] {
        [function.rawValue, UInt8(startAddress >> 8), UInt8(truncatingIfNeeded: startAddress),
         UInt8(quantity >> 8), UInt8(truncatingIfNeeded: quantity)]
    }

    /// Parses a 5-byte request PDU. Limits are not enforced here (a server answers an
    /// out-of-limit quantity with exception 03); call `validate()` to check them.
    public static func parse(pdu: ArraySlice<UInt8>) throws(WireError) -> ModbusReadRequest {
        let base = pdu.startIndex
        guard let code = pdu.first else { throw WireError(.truncated, "empty PDU", offset: 0) }
        guard let function = ModbusFunction(rawValue: code) else {
            throw WireError(.unsupported, "function 0x\(Hex.byte2(code)) is not a read function 01–04",
                            offset: 0)
        }
        guard pdu.count == pduLength else {
            throw WireError(pdu.count < pduLength ? .truncated : .tooLong,
                            "\(function.name) request PDU is \(pdu.count) bytes, expected \(pduLength)",
                            offset: min(pdu.count, pduLength))
        }
        let start = UInt16(pdu[base + 1]) << 8 | UInt16(pdu[base + 2])
        let quantity = UInt16(pdu[base + 3]) << 8 | UInt16(pdu[base + 4])
        return ModbusReadRequest(function: function, startAddress: start, quantity: quantity)
    }

    // MARK: Expected replies (frame on length, not on gaps)

    /// Data bytes of the normal reply: ceil(quantity / 8) for bits, 2 × quantity for registers.
    public var replyByteCount: Int {
        function.readsBits ? (Int(quantity) + 7) / 8 : 2 * Int(quantity)
    }

    /// Length of the normal reply PDU: function + byte count + data.
    public var replyPDULength: Int { 2 + replyByteCount }

    /// Length of an exception reply PDU: function | 0x80 + exception code.
    public static let exceptionPDULength = 2

    /// Length of the normal RTU reply ADU: slave + PDU + CRC.
    public var rtuReplyLength: Int { 1 + replyPDULength + 2 }

    /// Length of an RTU exception reply ADU (always 5).
    public static let rtuExceptionReplyLength = 5

    /// Length of the normal Modbus TCP reply: MBAP header (7, incl. unit id) + PDU.
    public var tcpReplyLength: Int { MBAPHeader.length + replyPDULength }

    /// Length of a Modbus TCP exception reply (always 9).
    public static let tcpExceptionReplyLength = MBAPHeader.length + exceptionPDULength
}
