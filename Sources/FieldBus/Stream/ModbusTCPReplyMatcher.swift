import Wire

/// Awaits the reply to one Modbus TCP request (Modbus Messaging on TCP/IP Implementation Guide
/// V1.0b §3.1.3): framed on the MBAP length, accepted only with our transaction id, unit id and
/// function. A frame with another transaction id (a late reply to an earlier, timed-out request)
/// or another unit id is ignored and counted, never taken for ours.
public struct ModbusTCPReplyMatcher: ReplyMatcher {
    public let transactionID: UInt16
    public let unitID: UInt8
    public let request: ModbusReadRequest
    public let requestBytes: [UInt8]
    public private(set) var diagnostics = MatchDiagnostics()
    private var framing = ReplyFraming { MBAPFrameDecoder() }

    /// Throws `.configuration` when the request breaks the Modbus limits.
    public init(transactionID: UInt16, unitID: UInt8, request: ModbusReadRequest) throws(FieldBusError) {
        do throws(WireError) {
            requestBytes = try ModbusTCPFrame.request(transactionID: transactionID, unitID: unitID, request).encode()
        } catch {
            throw FieldBusError(.configuration, "request to unit \(unitID): \(error.message)")
        }
        self.transactionID = transactionID
        self.unitID = unitID
        self.request = request
    }

    public var requestSummary: String {
        "\(request.function.name) \(request.startAddress)+\(request.quantity) from unit \(unitID) (transaction \(transactionID))"
    }

    public var expectsReply: Bool { true }

    public var expectedReplyLength: Int { request.tcpReplyLength }

    public mutating func receive(_ bytes: [UInt8]) -> MatchResult<ModbusReadReply> {
        framing.receive(bytes, &diagnostics)
        while let frame = framing.nextFrame(&diagnostics) {
            if let result = match(frame) { return result }
        }
        return .pending
    }

    public mutating func resetForRetry() {
        framing.reset(&diagnostics)
    }

    private mutating func match(_ frame: ModbusTCPFrame) -> MatchResult<ModbusReadReply>? {
        guard frame.header.transactionID == transactionID else {
            diagnostics.ignored("transaction id \(frame.header.transactionID) is not the awaited \(transactionID)")
            return nil
        }
        guard frame.header.unitID == unitID else {
            diagnostics.ignored("unit id \(frame.header.unitID) is not the awaited \(unitID)")
            return nil
        }
        let reply: ModbusReply
        do throws(WireError) { reply = try frame.parseReply() } catch {
            return .refused(FieldBusError(.badFrame, "unit \(unitID): \(error.message)", bytesSeen: frame.bytes))
        }
        switch reply {
        case .normal(let normal) where normal.answers(request):
            return .reply(normal)
        case .exception(let exception) where exception.functionCode == request.function.rawValue:
            return .refused(FieldBusError(
                .exception, "unit \(unitID) answered \(request.function.name) with exception \(Hex.byte2(exception.exception.rawValue)) (\(exception.exception.name))",
                modbusException: exception))
        default:
            return .refused(FieldBusError(.badFrame, "unit \(unitID): reply with transaction \(transactionID) does not answer \(request.function.name) \(request.quantity)",
                                          bytesSeen: frame.bytes))
        }
    }
}
