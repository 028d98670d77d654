import Testing
@testable import Wire

@Suite struct ModbusRTUDecoderTests {
    let request = RTURequestFrame(slave: 1, request: .init(function: .readHoldingRegisters, startAddress: 0, quantity: 2))

    private func steps<D: FrameDecoder>(_ decoder: D, _ bytes: [UInt8]) -> [DecodeStep<D.Frame>] {
        var decoder = decoder
        var buffer = InputBuffer(bytes)
        return decoder.decodeAvailable(&buffer)
    }

    @Test func replyThroughVerifier() throws {
        let frame = RTUReplyFrame(slave: 1, reply: .normal(.registers(.readHoldingRegisters, [0x0102, 0xFFFE])))
        let bytes = try frame.encode()
        #expect(bytes.count == request.replyLength)
        DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) }).verify(bytes, decodesTo: .reply(frame))
    }

    @Test func exceptionReplyThroughVerifier() throws {
        let frame = RTUReplyFrame(slave: 1, reply: .exception(.init(function: .readHoldingRegisters, exception: .serverDeviceBusy)))
        DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) }).verify(try frame.encode(), decodesTo: .reply(frame))
    }

    @Test func echoOfOwnRequestIsRecognised() throws {
        let echo = try request.encode()
        DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) }).verify(echo, decodesTo: .echo(request))
        let reply = try RTUReplyFrame(slave: 1, reply: .normal(.registers(.readHoldingRegisters, [1, 2]))).encode()
        let found = steps(RTUReplyDecoder(expecting: request), echo + reply)
        #expect(found.count == 2)
        if case .frame(.echo) = found.first {} else { Issue.record("first is not the echo: \(found)") }
        if case .frame(.reply) = found.last {} else { Issue.record("second is not the reply: \(found)") }
    }

    @Test func foreignFramesAreDiscardedWithReasonsAndTheReplyStillFound() throws {
        // Another slave's reply, a late reply with another byte count, an exception to another
        // function, a write reply: none is framed; each is skipped with reasons, and the awaited
        // reply right after is still found.
        let other = try RTUReplyFrame(slave: 2, reply: .normal(.registers(.readHoldingRegisters, [5, 6]))).encode()
        let stale = try RTUReplyFrame(slave: 1, reply: .normal(.registers(.readHoldingRegisters, [5, 6, 7]))).encode()
        let wrongFunction = try RTUReplyFrame(slave: 1, reply: .exception(.init(function: .readCoils, exception: .illegalFunction))).encode()
        let write = ModbusCRC.appending(to: [0x05, 0x06, 0x00, 0x01, 0x00, 0x03])
        let reply = RTUReplyFrame(slave: 1, reply: .normal(.registers(.readHoldingRegisters, [0x0A0B, 0x0C0D])))
        for foreign in [other, stale, wrongFunction, write] {
            let verifier = DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) })
            #expect(verifier.frames(foreign).isEmpty, "\(Hex.format(foreign))")
            DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) })
                .verify(reply.bytes, decodesTo: .reply(reply), garbage: [foreign])
            let found = modbusFrames(steps(RTUReplyDecoder(expecting: request), foreign + reply.bytes))
            #expect(found.frames == [.reply(reply)])
            #expect(found.discards == foreign.count)
        }
    }

    @Test func discardReasonsSayWhy() throws {
        let reasons = steps(RTUReplyDecoder(expecting: request), [0x02, 0x01, 0x04, 0x01, 0x03, 0x05]).compactMap { step -> WireError? in
            if case .discarded(_, let reason) = step { return reason } else { return nil }
        }
        // One discard per byte: 02 (slave), 01 04 (function), 04, 01 03 05 (byte count), 03, 05.
        try #require(reasons.count == 6)
        #expect(reasons[0].message == "byte 0x02 is not slave 1; skipping 1 byte")
        #expect(reasons[1].message.contains("function 0x04 (read input registers) is neither the awaited 0x03 nor its exception 0x83"))
        #expect(reasons[1].offset == 1)
        #expect(reasons[3] == WireError(.malformed, "byte count 5 is not the 4 the request implies; skipping 1 byte", offset: 2))
    }

    @Test func noiseByteBeforeAShortExceptionDoesNotHoldItBack() throws {
        let exception = RTUReplyFrame(slave: 1, reply: .exception(.init(function: .readHoldingRegisters, exception: .illegalDataAddress)))
        for noise: UInt8 in [0x00, 0xFF, 0x01, 0x03, 0x83] {
            let found = modbusFrames(steps(RTUReplyDecoder(expecting: request), [noise] + exception.bytes))
            #expect(found.frames == [.reply(exception)], "noise 0x\(Hex.byte2(noise))")
        }
    }

    @Test func badCRCDiscardsOneByteWithBothValues() throws {
        var bytes = try RTUReplyFrame(slave: 1, reply: .normal(.registers(.readHoldingRegisters, [1, 2]))).encode()
        bytes[bytes.count - 1] ^= 0xFF
        let found = steps(RTUReplyDecoder(expecting: request), bytes)
        guard case .discarded(let count, let reason) = found.first else {
            Issue.record("expected a discard first: \(found)")
            return
        }
        #expect(count == 1)
        #expect(reason.code == .badChecksum)
        #expect(reason.message.contains("received") && reason.message.contains("expected"))
        // Nothing after the bad frame is mistaken for the reply.
        #expect(!found.contains { if case .frame(.reply) = $0 { true } else { false } })
    }

    @Test func unknownFunctionCodeIsSkippedWithReason() {
        let found = steps(RTUReplyDecoder(expecting: request), [0x01, 0x42])
        guard case .discarded(1, let reason) = found.first else {
            Issue.record("expected a one-byte discard: \(found)")
            return
        }
        #expect(reason.code == .garbage)
        #expect(reason.message.contains("0x42"))
    }

    @Test func broadcastRequestIsRecognisedAndGetsNoReply() throws {
        let broadcast = RTURequestFrame(slave: 0, request: .init(function: .readInputRegisters, startAddress: 3, quantity: 1))
        #expect(broadcast.isBroadcast)
        let bytes = try broadcast.encode()
        #expect(try RTUADU.parse(bytes) == .request(broadcast))
        DecoderVerifier(makeDecoder: { RTURequestDecoder() }).verify(bytes, decodesTo: broadcast)
        #expect(throws: WireError.self) {
            try RTUReplyFrame(slave: 0, reply: .normal(.registers(.readInputRegisters, [1]))).encode()
        }
        let reply0 = RTUReplyFrame(slave: 0, reply: .normal(.registers(.readInputRegisters, [1]))).bytes
        #expect(DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: broadcast) }).frames(reply0).isEmpty)
        DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: broadcast) }).verify(bytes, decodesTo: .echo(broadcast))
    }

    @Test func requestDecoderSkipsUnsupportedFunctionsWhole() {
        let writeMultiple = ModbusCRC.appending(to: [0x01, 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02])
        let read = RTURequestFrame(slave: 1, request: .init(function: .readCoils, startAddress: 1, quantity: 8))
        let found = steps(RTURequestDecoder(), writeMultiple + read.bytes)
        #expect(found.count == 2)
        if case .discarded(let count, let reason) = found.first {
            #expect(count == writeMultiple.count)
            #expect(reason.code == .unsupported)
            #expect(reason.message.contains("write multiple registers"))
        } else {
            Issue.record("expected the 0x10 request discarded whole: \(found)")
        }
        if case .frame(let frame) = found.last { #expect(frame == read) } else { Issue.record("\(found)") }
        let unknown = steps(RTURequestDecoder(), [0x01, 0x2B, 0x0E])
        if case .discarded(1, let reason) = unknown.first { #expect(reason.code == .garbage) } else { Issue.record("\(unknown)") }
    }

    @Test func requestDecoderKeepsOutOfLimitQuantityForAnExceptionReply() throws {
        let bytes = ModbusCRC.appending(to: [0x07, 0x03, 0x00, 0x00, 0x00, 0x7E])
        let frame = RTURequestFrame(slave: 7, request: .init(function: .readHoldingRegisters, startAddress: 0, quantity: 126))
        DecoderVerifier(makeDecoder: { RTURequestDecoder() }).verify(bytes, decodesTo: frame)
        #expect(throws: WireError.self) { try frame.request.validate() }
        #expect(frame.bytes == bytes)
    }

    @Test func wholeFrameParserErrors() {
        #expect(throws: WireError.self) { try RTUADU.parse([0x01, 0x03, 0x00]) }
        do {
            _ = try RTUADU.parse(ModbusCRC.appending(to: [0x01, 0x03, 0x04, 0x00, 0x01]))
            Issue.record("accepted a wrong byte count")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.offset == 2)
            #expect(error.message.contains("byte count 4 but 2 data bytes"))
        }
        #expect(throws: WireError.self) { try RTUADU.parse(ModbusCRC.appending(to: [0x01, 0x10, 0x00, 0x01, 0x00, 0x01])) }
        #expect(throws: WireError.self) {
            try RTURequestFrame(slave: 248, request: .init(function: .readCoils, startAddress: 0, quantity: 1)).encode()
        }
    }

    @Test func ambiguousCoilFrameIsReported() throws {
        let bytes = ModbusCRC.appending(to: [0x01, 0x01, 0x03, 0x10, 0x00, 0x08])
        guard case .ambiguous(let request, let reply) = try RTUADU.parse(bytes) else {
            Issue.record("not ambiguous")
            return
        }
        #expect(request.request.startAddress == 0x0310)
        #expect(reply.reply == .normal(.init(function: .readCoils, data: [0x10, 0x00, 0x08])))
    }
}
