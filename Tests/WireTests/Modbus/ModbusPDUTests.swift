import Testing
@testable import Wire

@Suite struct ModbusPDUTests {
    @Test(arguments: ModbusFunction.allCases)
    func quantityLimits(function: ModbusFunction) throws {
        let max = UInt16(function.maximumQuantity)
        #expect(max == (function.readsBits ? 2000 : 125))
        for ok in [1, max] {
            let pdu = try ModbusReadRequest(function: function, startAddress: 0, quantity: ok).encodePDU()
            #expect(pdu == [function.rawValue, 0, 0, UInt8(ok >> 8), UInt8(ok & 0xFF)])
        }
        for bad in [0, max + 1, 0xFFFF] {
            #expect(throws: WireError.self) {
                try ModbusReadRequest(function: function, startAddress: 0, quantity: bad).encodePDU()
            }
            do {
                _ = try ModbusReadRequest(function: function, startAddress: 0, quantity: bad).encodePDU()
            } catch {
                #expect(error.code == .badValue)
                #expect(error.message.contains("quantity \(bad)"))
            }
        }
    }

    @Test func addressRangeMayNotPass65535() throws {
        let last = ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0xFFFF, quantity: 1)
        #expect(try last.encodePDU() == [0x03, 0xFF, 0xFF, 0x00, 0x01])
        let over = ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0xFFFF, quantity: 2)
        #expect(throws: WireError(.badValue, "read holding registers: start 65535 + quantity 2 passes address 65535",
                                  offset: 1)) { try over.encodePDU() }
    }

    @Test func expectedReplyLengths() {
        let regs = ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 10)
        #expect(regs.replyByteCount == 20)
        #expect(regs.replyPDULength == 22)
        #expect(regs.rtuReplyLength == 25)
        #expect(regs.tcpReplyLength == 29)
        let coils = ModbusReadRequest(function: .readCoils, startAddress: 0, quantity: 9)
        #expect(coils.replyByteCount == 2)
        #expect(coils.rtuReplyLength == 7)
        #expect(ModbusReadRequest(function: .readDiscreteInputs, startAddress: 0, quantity: 2000).replyByteCount == 250)
        #expect(ModbusReadRequest(function: .readInputRegisters, startAddress: 0, quantity: 125).rtuReplyLength == 255)
        #expect(ModbusReadRequest.rtuExceptionReplyLength == 5)
        #expect(ModbusReadRequest.tcpExceptionReplyLength == 9)
    }

    @Test func replyByteCountLimits() throws {
        #expect(throws: WireError.self) { try ModbusReadReply(function: .readHoldingRegisters, data: [1, 2, 3]).encodePDU() }
        #expect(throws: WireError.self) { try ModbusReadReply(function: .readCoils, data: []).encodePDU() }
        #expect(throws: WireError.self) {
            try ModbusReadReply(function: .readCoils, data: [UInt8](repeating: 0, count: 251)).encodePDU()
        }
        #expect(try ModbusReadReply.registers(.readHoldingRegisters, [0x1234, 0xABCD]).encodePDU()
                == [0x03, 0x04, 0x12, 0x34, 0xAB, 0xCD])
        #expect(try ModbusReadReply.bits(.readCoils, [true, false, true, true, false, false, true, true, true]).encodePDU()
                == [0x01, 0x02, 0xCD, 0x01])
    }

    @Test func replyParseErrorsSayWhatAndWhere() {
        #expect(throws: WireError(.malformed, "read holding registers reply: byte count 4 but 3 data bytes follow", offset: 1)) {
            try ModbusReadReply.parse(pdu: [0x03, 0x04, 0x00, 0x01, 0x02][...])
        }
        #expect(throws: WireError(.malformed, "read input registers reply: odd byte count 3 for registers", offset: 1)) {
            try ModbusReadReply.parse(pdu: [0x04, 0x03, 0x00, 0x01, 0x02][...])
        }
        #expect(throws: WireError.self) { try ModbusReadRequest.parse(pdu: [0x10, 0, 0, 0, 1][...]) }
    }

    @Test func exceptionCodesRoundTripAndUnknownKeptRaw() throws {
        let named: [(UInt8, ModbusExceptionCode)] = [
            (0x01, .illegalFunction), (0x02, .illegalDataAddress), (0x03, .illegalDataValue),
            (0x04, .serverDeviceFailure), (0x05, .acknowledge), (0x06, .serverDeviceBusy),
            (0x08, .memoryParityError), (0x0A, .gatewayPathUnavailable), (0x0B, .gatewayTargetFailedToRespond),
        ]
        for (raw, code) in named {
            #expect(ModbusExceptionCode(rawValue: raw) == code)
            #expect(code.rawValue == raw)
            let reply = ModbusExceptionReply(function: .readInputRegisters, exception: code)
            #expect(try reply.encodePDU() == [0x84, raw])
            #expect(try ModbusReply.parse(pdu: [0x84, raw][...]) == .exception(reply))
        }
        #expect(ModbusExceptionCode(rawValue: 0x07) == .unknown(0x07))
        #expect(ModbusExceptionCode(rawValue: 0x07).rawValue == 0x07)
        #expect(try ModbusExceptionReply.parse(pdu: [0x90, 0x07][...]) == ModbusExceptionReply(functionCode: 0x10, exception: .unknown(7)))
    }

    @Test func requestPDURoundTrip() throws {
        for function in ModbusFunction.allCases {
            let request = ModbusReadRequest(function: function, startAddress: 0x1234, quantity: 7)
            let pdu = try request.encodePDU()
            #expect(pdu == [function.rawValue, 0x12, 0x34, 0x00, 0x07])
            #expect(try ModbusReadRequest.parse(pdu: pdu[...]) == request)
        }
    }

    @Test func directionFromLength() throws {
        #expect(try ModbusParsedPDU.parse([0x03, 0x00, 0x10, 0x00, 0x02][...])
                == .request(.init(function: .readHoldingRegisters, startAddress: 16, quantity: 2)))
        #expect(try ModbusParsedPDU.parse([0x03, 0x02, 0x00, 0x07][...])
                == .reply(.normal(.registers(.readHoldingRegisters, [7]))))
        // 01 with byte count 3 and 5 bytes fits both readings.
        let pdu: [UInt8] = [0x01, 0x03, 0xAA, 0x55, 0x01]
        #expect(try ModbusParsedPDU.parse(pdu[...]) == .ambiguous(
            request: .init(function: .readCoils, startAddress: 0x03AA, quantity: 0x5501),
            reply: .normal(.init(function: .readCoils, data: [0xAA, 0x55, 0x01]))))
        #expect(throws: WireError.self) { try ModbusParsedPDU.parse([0x06, 0, 1, 0, 3][...]) }
    }
}
