/// A Modbus TCP ADU: MBAP header + PDU (Modbus Messaging on TCP/IP Implementation Guide §3.1.3).
/// No CRC: TCP carries integrity. The PDU is kept as bytes; `parse…` types it on demand.
public struct ModbusTCPFrame: Sendable, Equatable, Hashable {
    public var header: MBAPHeader
    /// The PDU (function code onwards); `header.length == pdu.count + 1`.
    public var pdu: [UInt8]

    public init(header: MBAPHeader, pdu: [UInt8]) {
        self.header = header
        self.pdu = pdu
    }

    /// A frame for `pdu` with the MBAP length computed from it.
    public init(transactionID: UInt16, unitID: UInt8, pdu: [UInt8]) {
        self.header = MBAPHeader(transactionID: transactionID,
                                 length: UInt16(truncatingIfNeeded: pdu.count + 1), unitID: unitID)
        self.pdu = pdu
    }

    /// A request frame; throws `.badValue` when the request breaks the limits.
    public static func request(transactionID: UInt16, unitID: UInt8,
                               _ request: ModbusReadRequest) throws(WireError) -> ModbusTCPFrame {
        ModbusTCPFrame(transactionID: transactionID, unitID: unitID, pdu: try request.encodePDU())
    }

    /// A reply frame; throws `.badValue` when the reply breaks the limits.
    public static func reply(transactionID: UInt16, unitID: UInt8,
                             _ reply: ModbusReply) throws(WireError) -> ModbusTCPFrame {
        ModbusTCPFrame(transactionID: transactionID, unitID: unitID, pdu: try reply.encodePDU())
    }

    /// Header + PDU after checking the header (protocol 0, length 2…254, length matches PDU).
    public func encode() throws(WireError) -> [UInt8] {
        try header.validate()
        guard Int(header.length) == pdu.count + 1 else {
            throw WireError(.badValue, "MBAP length \(header.length) does not match PDU of \(pdu.count) bytes + unit id",
                            offset: 4)
        }
        return bytes
    }

    /// Header + PDU exactly as the fields say.
    public var bytes: [UInt8] { header.bytes + pdu }

    /// The PDU as a 01–04 request.
    public func parseRequest() throws(WireError) -> ModbusReadRequest {
        do throws(WireError) { return try ModbusReadRequest.parse(pdu: pdu[...]) } catch { throw shifted(error) }
    }

    /// The PDU as a reply (normal or exception).
    public func parseReply() throws(WireError) -> ModbusReply {
        do throws(WireError) { return try ModbusReply.parse(pdu: pdu[...]) } catch { throw shifted(error) }
    }

    /// The PDU classified by length as request, reply or ambiguous (see `ModbusParsedPDU`).
    public func parsePDU() throws(WireError) -> ModbusParsedPDU {
        do throws(WireError) { return try ModbusParsedPDU.parse(pdu[...]) } catch { throw shifted(error) }
    }

    /// Parses a whole TCP ADU given as bytes: header valid, and exactly the announced length.
    public static func parse(_ bytes: [UInt8]) throws(WireError) -> ModbusTCPFrame {
        guard let header = MBAPHeader.read(bytes[...]) else {
            throw WireError(.truncated, "Modbus TCP frame of \(bytes.count) bytes is shorter than the 7-byte MBAP header",
                            offset: bytes.count)
        }
        try header.validate()
        let total = 6 + Int(header.length)
        guard bytes.count == total else {
            throw WireError(bytes.count < total ? .truncated : .tooLong,
                            "MBAP length \(header.length) announces \(total) bytes, frame has \(bytes.count)",
                            offset: min(bytes.count, total))
        }
        return ModbusTCPFrame(header: header, pdu: Array(bytes[MBAPHeader.length...]))
    }

    /// An error from PDU parsing with its offset made relative to the whole ADU.
    private func shifted(_ error: WireError) -> WireError {
        WireError(error.code, error.message, offset: error.offset.map { $0 + MBAPHeader.length })
    }
}
