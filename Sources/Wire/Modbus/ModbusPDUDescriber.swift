/// Field-by-field description of a Modbus PDU, shared by the RTU and TCP describers.
/// Never throws: everything wrong goes into `problems`. `base` is the PDU's offset in the ADU,
/// so offsets in problems are ADU offsets.
struct ModbusPDUDescriber {
    var fields: [FrameDescription.Field] = []
    var problems: [String] = []
    let base: Int

    init(base: Int) { self.base = base }

    /// Describes `pdu` and returns the summary phrase (e.g. "read holding registers request").
    mutating func describe(_ pdu: ArraySlice<UInt8>) -> String {
        guard let code = pdu.first else {
            problems.append("no function code (empty PDU) at byte \(base)")
            return "empty frame"
        }
        fields.append(.init("function", "0x" + Hex.byte2(code), note: ModbusFunction.name(ofCode: code)))
        if code & 0x80 != 0 { return describeException(pdu, code: code) }
        guard let function = ModbusFunction(rawValue: code) else {
            if pdu.count > 1 { fields.append(.init("data", Hex.format(pdu.dropFirst()))) }
            problems.append("function 0x\(Hex.byte2(code)) (\(ModbusFunction.name(ofCode: code))) is not decoded; only 01–04")
            return ModbusFunction.name(ofCode: code)
        }
        if pdu.count == ModbusReadRequest.pduLength {
            // 01/02 with byte count 3 fits both directions: prefer the reading that is valid.
            let b = pdu.startIndex
            let quantity = UInt16(pdu[b + 3]) << 8 | UInt16(pdu[b + 4])
            let requestValid = (try? ModbusReadRequest(function: function, startAddress: 0, quantity: quantity).validate()) != nil
            if function.readsBits, pdu[b + 1] == 3, !requestValid {
                fields.append(.init("also fits", "a request", note: "read as a reply: as a request its quantity \(quantity) is out of limits"))
                return describeReply(pdu, function: function)
            }
            return describeRequest(pdu, function: function)
        }
        return describeReply(pdu, function: function)
    }

    private mutating func describeException(_ pdu: ArraySlice<UInt8>, code: UInt8) -> String {
        let target = ModbusFunction.name(ofCode: code & 0x7F)
        if code == 0x80 { problems.append("exception function code 0x80 names no function (byte \(base))") }
        guard pdu.count >= 2 else {
            problems.append("exception reply has no exception code at byte \(base + 1)")
            return "exception reply to \(target)"
        }
        let exception = ModbusExceptionCode(rawValue: pdu[pdu.startIndex + 1])
        fields.append(.init("exception code", "0x" + Hex.byte2(exception.rawValue), note: exception.name))
        if case .unknown = exception {
            problems.append("exception code 0x\(Hex.byte2(exception.rawValue)) is not defined by the specification")
        }
        if pdu.count > 2 {
            problems.append("exception reply is \(pdu.count) PDU bytes, expected 2 (\(pdu.count - 2) extra from byte \(base + 2))")
        }
        return "exception reply (\(exception.name)) to \(target)"
    }

    private mutating func describeRequest(_ pdu: ArraySlice<UInt8>, function: ModbusFunction) -> String {
        let b = pdu.startIndex
        let request = ModbusReadRequest(function: function,
                                        startAddress: UInt16(pdu[b + 1]) << 8 | UInt16(pdu[b + 2]),
                                        quantity: UInt16(pdu[b + 3]) << 8 | UInt16(pdu[b + 4]))
        fields.append(.init("start address", "\(request.startAddress)", note: "0x" + Hex.word4(request.startAddress)))
        fields.append(.init("quantity", "\(request.quantity)",
                            note: function.readsBits ? "bits" : "registers"))
        fields.append(.init("expected reply", "\(request.replyByteCount) data bytes",
                            note: "RTU \(request.rtuReplyLength) bytes, TCP \(request.tcpReplyLength) bytes"))
        do throws(WireError) { try request.validate() } catch {
            problems.append(error.message + " (byte \(base + (error.offset ?? 0)))")
        }
        if function.readsBits, pdu[b + 1] == 3 {
            fields.append(.init("also fits", "a reply with byte count 3",
                                note: "a 01/02 PDU of 5 bytes whose second byte is 3 fits both directions"))
        }
        return function.name + " request"
    }

    private mutating func describeReply(_ pdu: ArraySlice<UInt8>, function: ModbusFunction) -> String {
        let b = pdu.startIndex
        guard pdu.count >= 2 else {
            problems.append("\(function.name) frame has neither request fields nor a byte count at byte \(base + 1)")
            return function.name + " (truncated)"
        }
        let byteCount = Int(pdu[b + 1])
        let data = Array(pdu[(b + 2)...])
        fields.append(.init("byte count", "\(byteCount)"))
        if byteCount != data.count {
            problems.append("byte count \(byteCount) at byte \(base + 1) but \(data.count) data bytes follow")
        }
        if byteCount == 0 { problems.append("byte count 0: a reply carries at least one data byte") }
        if byteCount > ModbusReadReply.maximumByteCount {
            problems.append("byte count \(byteCount) exceeds 250 (2000 bits or 125 registers)")
        }
        if function.readsBits {
            let bits = ModbusBitPacking.unpack(data, count: data.count * 8)
            fields.append(.init("bits", bits.map { $0 ? "1" : "0" }.joined(separator: " "),
                                note: "first requested bit first; trailing bits may be padding"))
        } else {
            if data.count % 2 != 0 { problems.append("odd number of data bytes (\(data.count)) for registers") }
            for (index, register) in ModbusReadReply(function: function, data: data).registers.enumerated() {
                fields.append(.init("register \(index)", "0x" + Hex.word4(register), note: "\(register)"))
            }
        }
        return function.name + " reply"
    }
}
