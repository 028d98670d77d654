/// Any reply to a 01–04 request: the normal form or an exception (§7).
public enum ModbusReply: Sendable, Equatable, Hashable {
    case normal(ModbusReadReply)
    case exception(ModbusExceptionReply)

    /// The PDU after checking the limits.
    public func encodePDU() throws(WireError) -> [UInt8] {
        switch self {
        case .normal(let reply): return try reply.encodePDU()
        case .exception(let reply): return try reply.encodePDU()
        }
    }

    /// The PDU exactly as the fields say.
    public var pduBytes: [UInt8] {
        switch self {
        case .normal(let reply): return reply.pduBytes
        case .exception(let reply): return reply.pduBytes
        }
    }

    /// The function code of the request this answers (without the exception bit).
    public var functionCode: UInt8 {
        switch self {
        case .normal(let reply): return reply.function.rawValue
        case .exception(let reply): return reply.functionCode
        }
    }

    /// Parses a reply PDU: exception form when the 0x80 bit is set, otherwise a normal 01–04 reply.
    public static func parse(pdu: ArraySlice<UInt8>) throws(WireError) -> ModbusReply {
        guard let code = pdu.first else { throw WireError(.truncated, "empty PDU", offset: 0) }
        if code & 0x80 != 0 { return .exception(try ModbusExceptionReply.parse(pdu: pdu)) }
        return .normal(try ModbusReadReply.parse(pdu: pdu))
    }

    /// True when this is a reply (normal or exception) to `request`: same function, and for
    /// the normal form the byte count the request implies.
    public func answers(_ request: ModbusReadRequest) -> Bool {
        switch self {
        case .normal(let reply): return reply.answers(request)
        case .exception(let reply): return reply.functionCode == request.function.rawValue
        }
    }
}
