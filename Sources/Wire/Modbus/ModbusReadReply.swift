/// A normal reply PDU to function 01–04 (Modbus Application Protocol V1.1b3 §6.1–6.4):
/// `function(1) byteCount(1) data(byteCount)`.
///
/// `data` holds the bytes after the byte count exactly as received, so re-encoding is exact
/// (including any non-zero padding bits of a 01/02 reply). Registers (03/04) are big-endian pairs.
public struct ModbusReadReply: Sendable, Equatable, Hashable {
    public var function: ModbusFunction
    /// The data bytes after the byte count.
    public var data: [UInt8]

    /// Largest byte count a 01–04 reply may carry: 250 (2000 bits or 125 registers).
    public static let maximumByteCount = 250

    public init(function: ModbusFunction, data: [UInt8]) {
        self.function = function
        self.data = data
    }

    /// A 03/04 reply carrying `registers` (each sent high byte first).
    public static func registers(_ function: ModbusFunction, _ registers: [UInt16]) -> ModbusReadReply {
        var data: [UInt8] = []
        data.reserveCapacity(registers.count * 2)
        for register in registers {
            data.append(UInt8(register >> 8))
            data.append(UInt8(truncatingIfNeeded: register))
        }
        return ModbusReadReply(function: function, data: data)
    }

    /// A 01/02 reply carrying `bits`, packed LSB first and zero padded.
    public static func bits(_ function: ModbusFunction, _ bits: [Bool]) -> ModbusReadReply {
        ModbusReadReply(function: function, data: ModbusBitPacking.pack(bits))
    }

    /// The data as big-endian 16-bit registers (a trailing odd byte is ignored; `validate` rejects it).
    public var registers: [UInt16] {
        stride(from: 0, to: data.count - 1, by: 2).map { UInt16(data[$0]) << 8 | UInt16(data[$0 + 1]) }
    }

    /// The first `count` bits of the data (LSB of the first byte first).
    public func bits(count: Int) -> [Bool] { ModbusBitPacking.unpack(data, count: count) }

    /// True when this reply has the function and byte count `request` expects.
    public func answers(_ request: ModbusReadRequest) -> Bool {
        function == request.function && data.count == request.replyByteCount
    }

    /// Throws `.badValue` when the byte count breaks the limits: 1…250, even for registers.
    public func validate() throws(WireError) {
        guard !data.isEmpty, data.count <= Self.maximumByteCount else {
            throw WireError(.badValue, "\(function.name) reply: byte count \(data.count) outside 1…250",
                            offset: 1)
        }
        if !function.readsBits, data.count % 2 != 0 {
            throw WireError(.badValue, "\(function.name) reply: odd byte count \(data.count) for registers",
                            offset: 1)
        }
    }

    /// The PDU after checking the limits.
    public func encodePDU() throws(WireError) -> [UInt8] {
        try validate()
        return pduBytes
    }

    /// The PDU exactly as the fields say (byte count truncated to 8 bits; use `encodePDU`).
    public var pduBytes: [UInt8] {
        [function.rawValue, UInt8(truncatingIfNeeded: data.count)] + data
    }

    /// Parses a normal 01–04 reply PDU: the byte count must equal the bytes that follow, be at
    /// least 1, and be even for registers.
    public static func parse(pdu: ArraySlice<UInt8>) throws(WireError) -> ModbusReadReply {
        let base = pdu.startIndex
        guard let code = pdu.first else { throw WireError(.truncated, "empty PDU", offset: 0) }
        guard let function = ModbusFunction(rawValue: code) else {
            throw WireError(.unsupported, "function 0x\(Hex.byte2(code)) is not a read function 01–04",
                            offset: 0)
        }
        guard pdu.count >= 2 else {
            throw WireError(.truncated, "\(function.name) reply has no byte count", offset: 1)
        }
        let byteCount = Int(pdu[base + 1])
        guard byteCount == pdu.count - 2 else {
            throw WireError(.malformed,
                            "\(function.name) reply: byte count \(byteCount) but \(pdu.count - 2) data bytes follow",
                            offset: 1)
        }
        let reply = ModbusReadReply(function: function, data: Array(pdu[(base + 2)...]))
        do throws(WireError) { try reply.validate() } catch { throw WireError(.malformed, error.message, offset: 1) }
        return reply
    }
}
