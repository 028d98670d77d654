/// What an `RTUReplyDecoder` found on the bus.
public enum RTUReplyEvent: Sendable, Equatable {
    /// The awaited reply: our slave, our function and the byte count our request implies, or
    /// the exception form (function | 0x80) from our slave.
    case reply(RTUReplyFrame)
    /// Our own request read back, byte for byte (local echo of a 2-wire RS-485 transceiver
    /// whose receiver was not disabled, or an adapter that loops back). Harmless; count it.
    case echo(RTURequestFrame)
}

/// Incremental decoder of the reply to one outstanding RTU request (Modbus over Serial Line
/// V1.02 §2.5.1), framing on length + CRC rather than on the 3.5-character gap (USB adapters
/// and serial device servers hide gaps).
///
/// At each position the decoder looks only for what it awaits, as far as the bytes so far
/// allow: the normal reply (our slave, our function, the byte count the request implies:
/// `request.replyLength` bytes), the exception reply (our slave, function | 0x80: 5 bytes),
/// and the echo of the request (a prefix of its 8 bytes). Candidates are tried shortest
/// first; the first whose CRC is good is returned. A byte that cannot start any candidate is
/// discarded at once with the reason (wrong slave, unexpected function, wrong byte count);
/// when every candidate is complete but none has a good CRC, one byte is discarded
/// (`.badChecksum`, naming the received and expected CRC) and the search resumes at the next.
///
/// Foreign frames — another slave's reply, a late reply with another byte count, an exception
/// to another function — are therefore **discarded with reasons, byte by byte**, not framed:
/// framing them would mean waiting for lengths announced by bytes that may be noise, and a
/// single noise byte in front of a short exception reply would then hold that reply back until
/// the timeout. Discards are counted by the caller; they never end the port. Late replies to an
/// earlier request with the same function and byte count are indistinguishable in RTU (no
/// transaction id): flush the input and keep ≥ t3.5 silence before each request.
///
/// Broadcast: a request to slave 0 gets no reply (§2.2); such a decoder only ever yields
/// `.echo` or discards; the caller should just wait the turnaround delay.
///
/// RTU over TCP (serial device servers in "raw" / "RTU over TCP" mode): the ADU travels
/// unchanged over a byte stream, in arbitrary segments and without gaps. Feed this decoder the
/// stream as it arrives; the rules above need no gaps, so it works unchanged.
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
        let lengths: [Int]
        switch candidates(buffer) {
        case .needMoreData: return .needMoreData
        case .none(let reason):
            buffer.discard(1)
            return .discarded(count: 1, reason: reason)
        case .lengths(let found): lengths = found
        }
        for length in lengths {
            guard buffer.readableBytes >= length else { return .needMoreData }
            if RTUADU.crcMatches(buffer.peek(count: length)) {
                return .frame(classify(buffer.consume(length)))
            }
        }
        let reason = RTUFrameLength.crcMismatch(buffer, length: lengths.first ?? RTUADU.minimumLength)
        buffer.discard(1)
        return .discarded(count: 1, reason: reason)
    }

    private enum Candidates {
        case needMoreData
        case none(WireError)
        case lengths([Int])
    }

    /// Lengths of the awaited frames the front bytes can still start, shortest first.
    private func candidates(_ buffer: InputBuffer) -> Candidates {
        guard buffer.readableBytes >= 1 else { return .needMoreData }
        let slave = request.slave
        guard buffer[0] == slave else {
            return .none(WireError(.garbage, "byte 0x\(Hex.byte2(buffer[0])) is not slave \(slave); skipping 1 byte", offset: 0))
        }
        guard buffer.readableBytes >= 2 else { return .needMoreData }
        let function = request.request.function.rawValue
        var lengths: [Int] = []
        if isEchoPrefix(buffer) { lengths.append(requestBytes.count) }
        if !request.isBroadcast, buffer[1] == function | 0x80 { lengths.append(ModbusReadRequest.rtuExceptionReplyLength) }
        if !request.isBroadcast, buffer[1] == function {
            guard buffer.readableBytes >= 3 else { return .needMoreData }
            if Int(buffer[2]) == request.request.replyByteCount { lengths.append(expectedLength) }
        }
        guard !lengths.isEmpty else { return .none(unexpected(buffer)) }
        return .lengths(lengths.sorted())
    }

    /// The front bytes (as many as there are, up to 8) equal the request's.
    private func isEchoPrefix(_ buffer: InputBuffer) -> Bool {
        let count = min(buffer.readableBytes, requestBytes.count)
        return buffer.peek(count: count).elementsEqual(requestBytes.prefix(count))
    }

    private func unexpected(_ buffer: InputBuffer) -> WireError {
        let code = buffer[1]
        let function = request.request.function.rawValue
        if code == function, buffer.readableBytes >= 3 {
            return WireError(.malformed,
                             "byte count \(buffer[2]) is not the \(request.request.replyByteCount) the request implies; skipping 1 byte",
                             offset: 2)
        }
        if request.isBroadcast {
            return WireError(.garbage, "no reply is expected to a broadcast; skipping 1 byte", offset: 0)
        }
        return WireError(.garbage,
                         "function 0x\(Hex.byte2(code)) (\(ModbusFunction.name(ofCode: code))) is neither the awaited 0x\(Hex.byte2(function)) nor its exception 0x\(Hex.byte2(function | 0x80)); skipping 1 byte",
                         offset: 1)
    }

    /// Types a frame whose CRC is good and whose front bytes matched a candidate: the echo,
    /// the exception form (function | 0x80) or the normal reply (function and byte count).
    private func classify(_ frame: [UInt8]) -> RTUReplyEvent {
        if frame == requestBytes { return .echo(request) }
        let end = frame.count - 2
        if frame[1] & 0x80 != 0 {
            return .reply(RTUReplyFrame(slave: frame[0], reply: .exception(ModbusExceptionReply(
                functionCode: frame[1] & 0x7F, exception: ModbusExceptionCode(rawValue: frame[2])))))
        }
        let data = end > 3 ? Array(frame[3..<end]) : []
        return .reply(RTUReplyFrame(slave: frame[0], reply: .normal(ModbusReadReply(
            function: request.request.function, data: data))))
    }
}
