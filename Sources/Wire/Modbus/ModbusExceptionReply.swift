/// An exception reply PDU (Modbus Application Protocol V1.1b3 §7):
/// `function | 0x80 (1) exceptionCode(1)`.
///
/// `functionCode` is the function of the failed request (without the 0x80 bit), kept raw so an
/// exception to any function (not only 01–04) can be represented.
public struct ModbusExceptionReply: Sendable, Equatable, Hashable {
    /// The request's function code, 0x01…0x7F.
    public var functionCode: UInt8
    public var exception: ModbusExceptionCode

    public init(functionCode: UInt8, exception: ModbusExceptionCode) {
        self.functionCode = functionCode
        self.exception = exception
    }

    public init(function: ModbusFunction, exception: ModbusExceptionCode) {
        self.init(functionCode: function.rawValue, exception: exception)
    }

    /// The typed function, when it is one of 01–04.
    public var function: ModbusFunction? { ModbusFunction(rawValue: functionCode) }

    /// Throws `.badValue` when the function code cannot be carried (0 or ≥ 0x80).
    public func validate() throws(WireError) {
        guard functionCode >= 1, functionCode < 0x80 else {
            throw WireError(.badValue, "exception reply: function code 0x\(Hex.byte2(functionCode)) outside 01…7F",
                            offset: 0)
        }
    }

    public func encodePDU() throws(WireError) -> [UInt8] {
        try validate()
        return pduBytes
    }

    /// The 2-byte PDU exactly as the fields say.
    public var pduBytes: [UInt8] { [functionCode | 0x80, exception.rawValue] }

    /// Parses a 2-byte exception PDU whose function code has the 0x80 bit set.
    public static func parse(pdu: ArraySlice<UInt8>) throws(WireError) -> ModbusExceptionReply {
        let base = pdu.startIndex
        guard let code = pdu.first else { throw WireError(.truncated, "empty PDU", offset: 0) }
        guard code & 0x80 != 0, code != 0x80 else {
            throw WireError(.malformed, "function 0x\(Hex.byte2(code)) is not an exception reply", offset: 0)
        }
        guard pdu.count == ModbusReadRequest.exceptionPDULength else {
            throw WireError(pdu.count < 2 ? .truncated : .tooLong,
                            "exception reply PDU is \(pdu.count) bytes, expected 2", offset: min(pdu.count, 2))
        }
        return ModbusExceptionReply(functionCode: code & 0x7F,
                                    exception: ModbusExceptionCode(rawValue: pdu[base + 1]))
    }
}
