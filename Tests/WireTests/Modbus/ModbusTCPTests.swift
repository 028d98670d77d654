import Testing
@testable import Wire

@Suite struct ModbusTCPTests {
    private func steps(_ bytes: [UInt8]) -> [DecodeStep<ModbusTCPFrame>] {
        var decoder = MBAPFrameDecoder()
        var buffer = InputBuffer(bytes)
        return decoder.decodeAvailable(&buffer)
    }

    @Test func requestEncodesToTheSpecLayout() throws {
        let frame = try ModbusTCPFrame.request(transactionID: 0x0001, unitID: 0x11,
                                               .init(function: .readHoldingRegisters, startAddress: 0x006B, quantity: 3))
        // Messaging on TCP/IP Implementation Guide: MBAP 00 01 00 00 00 06 11, PDU 03 00 6B 00 03.
        #expect(try frame.encode() == [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03])
        #expect(try frame.parseRequest() == .init(function: .readHoldingRegisters, startAddress: 0x6B, quantity: 3))
        DecoderVerifier(makeDecoder: { MBAPFrameDecoder() }).verify(try frame.encode(), decodesTo: frame)
    }

    @Test func replyAndExceptionRoundTrip() throws {
        let reply = ModbusReply.normal(.registers(.readInputRegisters, [0x022B, 0x0000, 0x0064]))
        let frame = try ModbusTCPFrame.reply(transactionID: 0xBEEF, unitID: 1, reply)
        let bytes = try frame.encode()
        #expect(bytes.count == ModbusReadRequest(function: .readInputRegisters, startAddress: 0, quantity: 3).tcpReplyLength)
        #expect(try ModbusTCPFrame.parse(bytes) == frame)
        #expect(try frame.parseReply() == reply)
        DecoderVerifier(makeDecoder: { MBAPFrameDecoder() }).verify(bytes, decodesTo: frame)
        let exception = try ModbusTCPFrame.reply(transactionID: 2, unitID: 1,
                                                 .exception(.init(function: .readCoils, exception: .gatewayPathUnavailable)))
        #expect(try exception.encode() == [0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x01, 0x81, 0x0A])
        #expect(try exception.encode().count == ModbusReadRequest.tcpExceptionReplyLength)
        DecoderVerifier(makeDecoder: { MBAPFrameDecoder() }).verify(try exception.encode(), decodesTo: exception)
    }

    @Test func protocolIDNotZeroIsDiscarded() {
        let found = steps([0x00, 0x01, 0x00, 0x01, 0x00, 0x06])
        guard case .discarded(1, let reason) = found.first else { Issue.record("\(found)"); return }
        #expect(reason.code == .malformed)
        #expect(reason.message.contains("protocol id 1"))
    }

    @Test(arguments: [(UInt16(0), WireError.Code.malformed), (1, .malformed), (255, .tooLong), (0xFFFF, .tooLong)])
    func badLengthsAreDiscarded(length: UInt16, code: WireError.Code) {
        let found = steps([0x00, 0x01, 0x00, 0x00, UInt8(length >> 8), UInt8(length & 0xFF), 0x01, 0x03])
        guard case .discarded(1, let reason) = found.first else { Issue.record("\(found)"); return }
        #expect(reason.code == code)
        #expect(reason.offset == 4)
        #expect(reason.message.contains("length \(length)"))
    }

    @Test func maximumLengthIsAccepted() throws {
        let pdu = [UInt8](repeating: 0x5A, count: 253)
        let frame = ModbusTCPFrame(transactionID: 9, unitID: 1, pdu: pdu)
        #expect(frame.header.length == 254)
        DecoderVerifier(makeDecoder: { MBAPFrameDecoder() }).verify(try frame.encode(), decodesTo: frame)
    }

    @Test func wholeFrameParseErrors() {
        #expect(throws: WireError.self) { try ModbusTCPFrame.parse([0x00, 0x01, 0x00, 0x00, 0x00]) }
        #expect(throws: WireError(.truncated, "MBAP length 6 announces 12 bytes, frame has 11", offset: 11)) {
            try ModbusTCPFrame.parse([0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00])
        }
        let frame = ModbusTCPFrame(transactionID: 1, unitID: 1, pdu: [0x03, 0x02, 0x00])
        #expect(throws: WireError(.malformed, "read holding registers reply: byte count 2 but 1 data bytes follow", offset: 8)) {
            try frame.parseReply()
        }
        var wrongLength = frame
        wrongLength.header.length = 9
        #expect(throws: WireError.self) { try wrongLength.encode() }
    }
}
