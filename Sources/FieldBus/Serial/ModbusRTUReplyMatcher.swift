import Wire

/// Awaits the reply to one Modbus RTU request with `RTUReplyDecoder` (framing on length + CRC,
/// never on gaps; Modbus over Serial Line V1.02 §2.5.1). Replies from another slave or to
/// another function, foreign traffic and noise are discarded byte by byte with reasons; the
/// local echo of our request is recognised and skipped. Used on RS-485 and for RTU over TCP.
public struct ModbusRTUReplyMatcher: ReplyMatcher {
    public let request: RTURequestFrame
    public let requestBytes: [UInt8]
    public private(set) var diagnostics = MatchDiagnostics()
    private var framing: ReplyFraming<RTUReplyDecoder>

    /// Throws `.configuration` when the request breaks the Modbus limits or the slave is 248…255.
    public init(_ request: RTURequestFrame) throws(FieldBusError) {
        do throws(WireError) {
            requestBytes = try request.encode()
        } catch {
            throw FieldBusError(.configuration, "request to slave \(request.slave): \(error.message)")
        }
        self.request = request
        self.framing = ReplyFraming { RTUReplyDecoder(expecting: request) }
    }

    public var expectsReply: Bool { !request.isBroadcast }

    public var requestSummary: String {
        let r = request.request
        return "\(r.function.name) \(r.startAddress)+\(r.quantity) " + (request.isBroadcast ? "broadcast" : "from slave \(request.slave)")
    }

    public var expectedReplyLength: Int { max(request.replyLength, ModbusReadRequest.rtuExceptionReplyLength) }

    public mutating func receive(_ bytes: [UInt8]) -> MatchResult<ModbusReadReply> {
        framing.receive(bytes, &diagnostics)
        while let event = framing.nextFrame(&diagnostics) {
            switch event {
            case .echo:
                diagnostics.echoes += 1
            case .reply(let frame):
                switch frame.reply {
                case .normal(let reply):
                    return .reply(reply)
                case .exception(let exception):
                    return .refused(FieldBusError(
                        .exception,
                        "slave \(frame.slave) answered \(request.request.function.name) with exception \(Hex.byte2(exception.exception.rawValue)) (\(exception.exception.name))",
                        modbusException: exception))
                }
            }
        }
        return .pending
    }

    public mutating func resetForRetry() {
        framing.reset(&diagnostics)
    }
}
