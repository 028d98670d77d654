/// Incremental decoder of RTU requests, for a slave, a meter simulator or a sniffer
/// (Modbus over Serial Line V1.02 §2.5.1).
///
/// Frames on the request length implied by the function code: 8 bytes for 01–06, 9 + byte
/// count for 0F/10. A whole frame with a good CRC for 01–04 is returned typed (any slave
/// address, broadcast 0 included — filtering by address is the caller's job, as is answering
/// an out-of-limit quantity with exception 03 after `request.validate()`). A good-CRC frame of
/// 05, 06, 0F or 10 is discarded whole with an `.unsupported` reason naming it. A function
/// code with no known request length, or a bad CRC, discards one byte and resynchronises.
///
/// Works unchanged over RTU-over-TCP streams (no gaps are needed).
public struct RTURequestDecoder: FrameDecoder, Sendable {
    public typealias Frame = RTURequestFrame

    public init() {}

    public mutating func decode(_ buffer: inout InputBuffer) -> DecodeStep<RTURequestFrame> {
        let length: Int
        switch RTUFrameLength.requestCandidates(buffer) {
        case .needMoreData: return .needMoreData
        case .unknownFunction(let code):
            buffer.discard(1)
            return .discarded(count: 1, reason: RTUFrameLength.unknownFunction(code))
        case .lengths(let found):
            guard let only = found.first else { return .needMoreData }
            length = only
        }
        guard length <= RTUADU.maximumLength else {
            buffer.discard(1)
            return .discarded(count: 1, reason: WireError(
                .tooLong, "announced \(length)-byte RTU request exceeds 256 bytes; skipping 1 byte", offset: 6))
        }
        guard buffer.readableBytes >= length else { return .needMoreData }
        guard RTUADU.crcMatches(buffer.peek(count: length)) else {
            let reason = RTUFrameLength.crcMismatch(buffer, length: length)
            buffer.discard(1)
            return .discarded(count: 1, reason: reason)
        }
        let frame = buffer.peek(count: length)
        let base = frame.startIndex
        let slave = frame[base]
        guard let request = try? ModbusReadRequest.parse(pdu: frame[(base + 1)..<(base + 6)]) else {
            let code = frame[base + 1]
            buffer.discard(length)
            return .discarded(count: length, reason: WireError(
                .unsupported,
                "\(length)-byte \(ModbusFunction.name(ofCode: code)) request (0x\(Hex.byte2(code))) for slave \(slave) is not handled",
                offset: 1))
        }
        buffer.discard(length)
        return .frame(RTURequestFrame(slave: slave, request: request))
    }
}
