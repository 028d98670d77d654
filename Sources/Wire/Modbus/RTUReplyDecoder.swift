/// What an `RTUReplyDecoder` found on the bus.
public enum RTUReplyEvent: Sendable, Equatable {
    /// The awaited reply: our slave, our function, the byte count our request implies; or the
    /// exception form (function | 0x80) from our slave.
    case reply(RTUReplyFrame)
    /// Our own request, read back (local echo of a 2-wire RS-485 transceiver that was not
    /// disabled, or an adapter that loops back). Harmless; the caller may count it.
    case echo(RTURequestFrame)
    /// A whole frame with a good CRC that is not our reply: another slave, another function,
    /// another byte count (e.g. a late reply to an earlier request). Returned, not dropped, so
    /// the caller can log it; it never ends the exchange or the port.
    case foreign(RTURawFrame)
}

/// Incremental decoder of the reply to one outstanding RTU request (Modbus over Serial Line
/// V1.02 §2.5.1), framing on length + CRC rather than on the 3.5-character gap.
///
/// At each position the decoder computes the lengths a frame there could have — first the
/// expected reply length when slave, function and byte count match the request, then the
/// lengths of any other reply (01–06, 0F, 10, exceptions: 5) or of an 01–06 request (8) — and
/// tries them in that order. The first length whose last two bytes are the CRC of the others
/// delimits a frame, classified as `.reply`, `.echo` or `.foreign` (a documented choice:
/// foreign frames are returned typed, not discarded, so nothing on the bus goes unseen).
/// If a candidate is not yet complete it asks for more data; if no candidate has a good CRC
/// it discards exactly one byte (`.badChecksum`, naming received and expected CRC) and
/// resynchronises at the next. A function code with no known length discards one byte
/// (`.garbage`).
///
/// Broadcast: a request to slave 0 gets no reply (§2.2); with such a request every frame
/// found is `.foreign` or `.echo`, and the caller should simply wait the turnaround delay.
///
/// RTU over TCP (serial device servers in "raw" / "RTU over TCP" mode): the ADU travels
/// unchanged over a byte stream, in arbitrary segments and without gaps. This decoder is fed
/// the stream as it arrives; the framing rules above need no gaps, so it works unchanged.
public struct RTUReplyDecoder: FrameDecoder, Sendable {
    public typealias Frame = RTUReplyEvent

    public let request: RTURequestFrame
    private let requestBytes: [UInt8]
    private let expectedLength: Int

    /// A decoder for the reply to `request` (normal reply of `request.replyLength` bytes, or
    /// a 5-byte exception).
    public init(expecting request: RTURequestFrame) {
        self.request = request
        self.requestBytes = request.bytes
        self.expectedLength = request.replyLength
    }

    public mutating func decode(_ buffer: inout InputBuffer) -> DecodeStep<RTUReplyEvent> {
        var lengths: [Int]
        switch RTUFrameLength.busCandidates(buffer) {
        case .needMoreData: return .needMoreData
        case .unknownFunction(let code):
            buffer.discard(1)
            return .discarded(count: 1, reason: RTUFrameLength.unknownFunction(code))
        case .lengths(let found): lengths = found
        }
        if isExpectedReplyPrefix(buffer) {
            lengths.removeAll { $0 == expectedLength }
            lengths.insert(expectedLength, at: 0)
        }
        lengths.removeAll { $0 > RTUADU.maximumLength }
        guard let first = lengths.first else {
            buffer.discard(1)
            return .discarded(count: 1, reason: WireError(.tooLong, "announced RTU frame longer than 256 bytes; skipping 1 byte", offset: 2))
        }
        for length in lengths {
            guard buffer.readableBytes >= length else { return .needMoreData }
            if RTUADU.crcMatches(buffer.peek(count: length)) {
                return .frame(classify(buffer.consume(length)))
            }
        }
        let reason = RTUFrameLength.crcMismatch(buffer, length: first)
        buffer.discard(1)
        return .discarded(count: 1, reason: reason)
    }

    /// Slave, function and byte count at the front match the awaited normal reply.
    private func isExpectedReplyPrefix(_ buffer: InputBuffer) -> Bool {
        buffer.readableBytes >= 3 && buffer[0] == request.slave
            && buffer[1] == request.request.function.rawValue
            && Int(buffer[2]) == request.request.replyByteCount
    }

    /// Types a frame whose CRC is good.
    private func classify(_ frame: [UInt8]) -> RTUReplyEvent {
        if frame == requestBytes { return .echo(request) }
        let slice = frame[...]
        if !request.isBroadcast, frame[0] == request.slave,
           let reply = try? ModbusReply.parse(pdu: slice[1..<(frame.count - 2)]),
           reply.answers(request.request) {
            return .reply(RTUReplyFrame(slave: frame[0], reply: reply))
        }
        return .foreign(RTURawFrame(bytes: frame))
    }
}
