import Testing
@testable import Wire

@Suite struct ModbusDescriberTests {
    private func field(_ description: FrameDescription, _ name: String) -> FrameDescription.Field? {
        description.fields.first { $0.name == name }
    }

    @Test func validRequest() throws {
        let description = try #require(ModbusFrameDescriber.describeRTU([UInt8](hex: "01 03 00 00 00 0A C5 CD")))
        #expect(description.protocolName == "Modbus RTU")
        #expect(description.summary == "read holding registers request, slave 1")
        #expect(description.isValid)
        #expect(field(description, "slave")?.value == "1")
        #expect(field(description, "function") == .init("function", "0x03", note: "read holding registers"))
        #expect(field(description, "start address")?.value == "0")
        #expect(field(description, "quantity")?.value == "10")
        #expect(field(description, "CRC")?.value == "C5 CD")
        #expect(field(description, "computed CRC")?.value == "C5 CD")
    }

    @Test func badCRCListsExpectedWireBytes() throws {
        let description = try #require(ModbusFrameDescriber.describeRTU([UInt8](hex: "01 03 00 00 00 0A CD C5")))
        #expect(description.problems == ["bad CRC at byte 6: received CD C5, expected C5 CD"])
        #expect(field(description, "quantity")?.value == "10")   // fields still decoded
    }

    @Test func replyRegistersInHexAndDecimal() throws {
        let bytes = try RTUReplyFrame(slave: 3, reply: .normal(.registers(.readInputRegisters, [0x00FF, 0x8000]))).encode()
        let description = try #require(ModbusFrameDescriber.describeRTU(bytes))
        #expect(description.summary == "read input registers reply, slave 3")
        #expect(field(description, "byte count")?.value == "4")
        #expect(field(description, "register 0") == .init("register 0", "0x00FF", note: "255"))
        #expect(field(description, "register 1") == .init("register 1", "0x8000", note: "32768"))
        #expect(description.isValid)
    }

    @Test func wrongByteCountIsAProblem() throws {
        let bytes = ModbusCRC.appending(to: [0x01, 0x03, 0x06, 0x00, 0x01, 0x00, 0x02])
        let description = try #require(ModbusFrameDescriber.describeRTU(bytes))
        #expect(description.problems.contains("byte count 6 at byte 2 but 4 data bytes follow"))
    }

    @Test func exceptionReply() throws {
        let description = try #require(ModbusFrameDescriber.describeRTU([UInt8](hex: "01 83 02 C0 F1")))
        #expect(description.summary == "exception reply (illegal data address) to read holding registers, slave 1")
        #expect(field(description, "exception code") == .init("exception code", "0x02", note: "illegal data address"))
        #expect(description.isValid)
    }

    @Test func outOfLimitQuantityAndBroadcast() throws {
        let description = try #require(ModbusFrameDescriber.describeRTU(ModbusCRC.appending(to: [0x00, 0x04, 0x00, 0x00, 0x00, 0x00])))
        #expect(field(description, "slave")?.note == "broadcast")
        #expect(description.problems.count == 1)
        #expect(description.problems.first?.contains("quantity 0 outside 1…125") == true)
    }

    @Test func tooShortIsNotRTU() {
        #expect(ModbusFrameDescriber.describeRTU([0x01, 0x03, 0x00]) == nil)
    }

    @Test func tcpRequestAndReply() throws {
        let request = try #require(ModbusFrameDescriber.describeTCP([UInt8](hex: "00 01 00 00 00 06 11 03 00 6B 00 03")))
        #expect(request.protocolName == "Modbus TCP")
        #expect(request.summary == "read holding registers request, unit 17")
        #expect(field(request, "transaction id")?.value == "1")
        #expect(field(request, "start address") == .init("start address", "107", note: "0x006B"))
        #expect(request.isValid)
        let reply = try #require(ModbusFrameDescriber.describeTCP([UInt8](hex: "00 01 00 00 00 05 11 03 02 00 2A")))
        #expect(field(reply, "register 0")?.note == "42")
    }

    @Test func tcpRejectsOtherFramings() {
        #expect(ModbusFrameDescriber.describeTCP([UInt8](hex: "00 01 00 01 00 06 11 03 00 6B 00 03")) == nil)  // protocol 1
        #expect(ModbusFrameDescriber.describeTCP([UInt8](hex: "00 01 00 00 00 07 11 03 00 6B 00 03")) == nil)  // length
        #expect(ModbusFrameDescriber.describeTCP([UInt8](hex: "01 03 00 00 00 0A C5 CD")) == nil)              // RTU
    }
}
