/// A 01–04 PDU whose direction was inferred from its length alone (for `cmmgate decode` and
/// sniffers, which see a frame without the exchange around it).
///
/// A request PDU is always 5 bytes; a normal reply has byte count = PDU length − 2; an
/// exception has the 0x80 bit. For 01/02 a 5-byte PDU whose third byte is 3 fits both (a request
/// whose start address high byte is 3, or a reply with 3 data bytes): that is `.ambiguous`.
/// For 03/04 the reply reading needs an even byte count, so 5 bytes is always a request.
public enum ModbusParsedPDU: Sendable, Equatable {
    case request(ModbusReadRequest)
    case reply(ModbusReply)
    case ambiguous(request: ModbusReadRequest, reply: ModbusReply)

    /// Classifies and parses `pdu`. Throws when it fits neither a request nor a reply.
    public static func parse(_ pdu: ArraySlice<UInt8>) throws(WireError) -> ModbusParsedPDU {
        guard let code = pdu.first else { throw WireError(.truncated, "empty PDU", offset: 0) }
        if code & 0x80 != 0 { return .reply(.exception(try ModbusExceptionReply.parse(pdu: pdu))) }
        guard ModbusFunction(rawValue: code) != nil else {
            throw WireError(.unsupported,
                            "function 0x\(Hex.byte2(code)) (\(ModbusFunction.name(ofCode: code))) is not handled; only 01–04",
                            offset: 0)
        }
        if pdu.count == ModbusReadRequest.pduLength {
            let request = try ModbusReadRequest.parse(pdu: pdu)
            if let reply = try? ModbusReadReply.parse(pdu: pdu) {
                return .ambiguous(request: request, reply: .normal(reply))
            }
            return .request(request)
        }
        return .reply(.normal(try ModbusReadReply.parse(pdu: pdu)))
    }

    /// The PDU bytes this was parsed from (the request reading for `.ambiguous`; both readings
    /// encode to the same bytes).
    public var pduBytes: [UInt8] {
        switch self {
        case .request(let request), .ambiguous(let request, _): return request.pduBytes
        case .reply(let reply): return reply.pduBytes
        }
    }
}
