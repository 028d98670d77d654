import Testing
@testable import Wire

/// The shared golden vectors (../shared/vectors/modbus-rtu.tsv) and peer-computed frames.
@Suite struct ModbusVectorTests {
    /// A vector's meaning "read N holding registers from A at slave S" as a request frame.
    private func request(fromMeaning meaning: String) -> RTURequestFrame? {
        let words = meaning.split(separator: " ").map(String.init)
        guard words.count >= 8, words[0] == "read", let quantity = UInt16(words[1]),
              let fromIndex = words.firstIndex(of: "from"), fromIndex + 1 < words.count,
              let start = UInt16(words[fromIndex + 1]), let slave = UInt8(words.last ?? "") else { return nil }
        let kind = words[2..<fromIndex].joined(separator: " ")
        let functions: [String: ModbusFunction] = [
            "coils": .readCoils, "discrete inputs": .readDiscreteInputs,
            "holding registers": .readHoldingRegisters, "input registers": .readInputRegisters,
        ]
        guard let function = functions[kind] else { return nil }
        return RTURequestFrame(slave: slave, request: ModbusReadRequest(function: function, startAddress: start,
                                                                        quantity: quantity))
    }

    @Test func everySharedVectorEncodesAndDecodes() throws {
        let rows = try VectorFile.rows("modbus-rtu.tsv")
        #expect(rows.count >= 2)
        for row in rows {
            let hex = row["hex"] ?? "", meaning = row["meaning"] ?? ""
            let bytes = try Hex.parse(hex)
            let expected = try #require(request(fromMeaning: meaning), "vector meaning not understood: \(meaning)")
            #expect(try expected.encode() == bytes, "encode: \(meaning)")
            #expect(try RTUADU.parse(bytes) == .request(expected), "parse: \(meaning)")
            DecoderVerifier(makeDecoder: { RTURequestDecoder() }).verify(bytes, decodesTo: expected)
            let description = try #require(ModbusFrameDescriber.describeRTU(bytes))
            #expect(description.isValid, "\(description.problems)")
            #expect(description.fields.contains(.init("quantity", "\(expected.request.quantity)", note: "registers")))
        }
    }

    @Test func peerFramesParseAndReEncodeExactly() throws {
        for (hex, meaning) in ModbusPeerVectors.frames {
            let bytes = try Hex.parse(hex)
            let parsed = try RTUADU.parse(bytes)
            #expect(parsed.bytes == bytes, "\(meaning)")
            #expect(ModbusFrameDescriber.describeRTU(bytes)?.isValid == true, "\(meaning)")
        }
    }

    @Test func specCoilsExampleFields() throws {
        let request = try RTUADU.parse([UInt8](hex: "11 01 00 13 00 25 0E 84"))
        let expectedRequest = RTURequestFrame(slave: 17, request: .init(function: .readCoils, startAddress: 19, quantity: 37))
        #expect(request == .request(expectedRequest))
        #expect(expectedRequest.replyLength == 10)
        let reply = try RTUADU.parse([UInt8](hex: "11 01 05 CD 6B B2 0E 1B 45 E6"))
        guard case .reply(let frame) = reply, case .normal(let normal) = frame.reply else {
            Issue.record("not a normal reply: \(reply)")
            return
        }
        // Spec §6.1: coils 27…20 = CD, the first coil (20) is the LSB of the first byte.
        let bits = normal.bits(count: 37)
        #expect(bits.count == 37)
        #expect(Array(bits[0..<8]) == [true, false, true, true, false, false, true, true])
        #expect(normal.answers(expectedRequest.request))
    }

    @Test func specInputRegisterExampleThroughReplyDecoder() throws {
        let request = RTURequestFrame(slave: 17, request: .init(function: .readInputRegisters, startAddress: 8, quantity: 1))
        #expect(try request.encode() == [UInt8](hex: "11 04 00 08 00 01 B2 98"))
        let replyBytes = [UInt8](hex: "11 04 02 00 0A F8 F4")
        let expected = RTUReplyEvent.reply(RTUReplyFrame(slave: 17, reply: .normal(.registers(.readInputRegisters, [10]))))
        DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) }).verify(replyBytes, decodesTo: expected)
        #expect(try RTUReplyFrame(slave: 17, reply: .normal(.registers(.readInputRegisters, [10]))).encode() == replyBytes)
    }

    @Test func specExceptionExample() throws {
        let bytes = [UInt8](hex: "01 83 02 C0 F1")
        let frame = RTUReplyFrame(slave: 1, reply: .exception(.init(function: .readHoldingRegisters,
                                                                     exception: .illegalDataAddress)))
        #expect(try frame.encode() == bytes)
        #expect(try RTUADU.parse(bytes) == .reply(frame))
        let request = RTURequestFrame(slave: 1, request: .init(function: .readHoldingRegisters, startAddress: 0, quantity: 10))
        DecoderVerifier(makeDecoder: { RTUReplyDecoder(expecting: request) }).verify(bytes, decodesTo: .reply(frame))
    }
}
