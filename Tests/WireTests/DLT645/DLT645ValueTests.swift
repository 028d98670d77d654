import Testing
@testable import Wire

@Suite("DL/T 645-2007 values and identifiers")
struct DLT645ValueTests {
    func value(_ id: DLT645DataIdentifier, _ bytes: [UInt8]) throws -> DLT645Value {
        try DLT645DataCatalog.value(for: id, bytes[...])
    }

    @Test func negativeCurrentAndPowerUseTheSignBit() throws {
        // −1.234 A: 001.234 → BCD 00 12 34 low byte first 34 12 00, sign bit in the MSB.
        let current = try value(.phaseACurrent, [0x34, 0x12, 0x80])
        #expect(current == .decimal(DLT645Decimal(units: -1234, fractionDigits: 3), unit: "A"))
        #expect(current.description == "-1.234 A")
        #expect(try value(.phaseBCurrent, [0x56, 0x34, 0x12]).decimal?.description == "123.456")
        let power = try value(.totalActivePower, [0x78, 0x56, 0x92])
        #expect(power == .decimal(DLT645Decimal(units: -125_678, fractionDigits: 4), unit: "kW"))
        #expect(power.decimal?.doubleValue == -12.5678)
        #expect(try value(.totalPowerFactor, [0x50, 0x89]).description == "-0.950")
        #expect(try value(.totalPowerFactor, [0x00, 0x10]).description == "1.000")
    }

    @Test func energyVoltageDateAndTime() throws {
        #expect(try value(.forwardActiveEnergyTotal, [0x67, 0x45, 0x23, 0x01]).decimal?.doubleValue == 12345.67)
        #expect(try value(.phaseCVoltage, [0x01, 0x22]).description == "220.1 V")
        #expect(try value(.date, [0x05, 0x14, 0x03, 0x25]) == .date(year: 25, month: 3, day: 14, weekday: 5))
        #expect(try value(.time, [0x09, 0x45, 0x13]) == .time(hour: 13, minute: 45, second: 9))
        #expect(try value(.time, [0x09, 0x45, 0x13]).description == "13:45:09")
        #expect(try value(DLT645DataIdentifier(0x0400_0401), [0xAB, 0xCD]) == .raw([0xAB, 0xCD]))
    }

    @Test func invalidBCDSaysWhichByte() throws {
        do {
            _ = try DLT645DataCatalog.value(for: .forwardActiveEnergyTotal, [0x67, 0x4A, 0x23, 0x01][...],
                                            baseOffset: 14)
            Issue.record("bad BCD accepted")
        } catch {
            #expect(error.code == .badValue)
            #expect(error.offset == 15)
            #expect(error.message.contains("byte 1") && error.message.contains("0x4A"))
            #expect(error.message.contains("forward active energy"))
        }
        #expect(throws: WireError.self) { try value(.time, [0x60, 0x00, 0x00]) }  // 60 seconds
        #expect(throws: WireError.self) { try value(.phaseAVoltage, [0x01]) }     // wrong length
    }

    @Test func badBCDInAReplyFrameCarriesTheFrameOffset() throws {
        var frame = try DLT645Frame.parse(try Hex.parse("68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88 16"))
        var data = frame.data
        data[6] = 0xF0
        frame = try DLT645Frame(address: frame.address, control: frame.control, data: data)
        do {
            _ = try DLT645Message(frame).value()
            Issue.record("bad BCD accepted")
        } catch {
            #expect(error.code == .badValue && error.offset == 16)
        }
    }

    @Test func formatsEncodeWhatTheyDecode() throws {
        for entry in DLT645DataCatalog.entries {
            guard let count = entry.format.byteCount else { continue }
            let sample: [UInt8] = switch entry.format {
            case .date: [0x02, 0x28, 0x02, 0x24]
            case .time: [0x59, 0x59, 0x23]
            default: (0..<count).map { UInt8(0x10 + $0 * 0x11) }
            }
            let decoded = try entry.format.decode(sample[...], unit: entry.unit)
            #expect(try entry.format.encode(decoded) == sample, "\(entry.name)")
        }
        let signed = DLT645DataFormat.decimal(byteCount: 2, fractionDigits: 3, signed: true)
        #expect(throws: WireError.self) { try signed.encode(.decimal(DLT645Decimal(units: 8000, fractionDigits: 3), unit: "")) }
        #expect(throws: WireError.self) { try signed.encode(.decimal(DLT645Decimal(units: 1, fractionDigits: 2), unit: "")) }
        let unsigned = DLT645DataFormat.decimal(byteCount: 2, fractionDigits: 1, signed: false)
        #expect(throws: WireError.self) { try unsigned.encode(.decimal(DLT645Decimal(units: -1, fractionDigits: 1), unit: "")) }
    }

    @Test func decimalText() {
        #expect(DLT645Decimal(units: 4, fractionDigits: 2).description == "0.04")
        #expect(DLT645Decimal(units: -5, fractionDigits: 3).description == "-0.005")
        #expect(DLT645Decimal(units: 1_234_567, fractionDigits: 2).description == "12345.67")
        #expect(DLT645Decimal(units: 42, fractionDigits: 0).description == "42")
        #expect(DLT645Decimal(units: Int64.min, fractionDigits: 2).description == "-92233720368547758.08")
    }

    @Test func identifierWireOrderAndCatalogue() throws {
        #expect(DLT645DataIdentifier.phaseAVoltage.wireBytes == [0x00, 0x01, 0x01, 0x02])
        #expect(DLT645DataIdentifier.phaseAVoltage.description == "02010100")
        #expect(try DLT645DataIdentifier(wireBytes: [0x00, 0x01, 0x01, 0x02][...]) == .phaseAVoltage)
        #expect(DLT645DataIdentifier.totalActivePower.catalogEntry?.unit == "kW")
        #expect(DLT645DataCatalog.entries.count == 13)
        #expect(Set(DLT645DataCatalog.entries.map(\.identifier)).count == 13)
    }

    @Test func controlCodeBitsAndErrorWord() {
        let c = DLT645ControlCode(0xB1)
        #expect(c.isReply && !c.isAbnormal && c.hasFollowUp && c.function == .readData)
        #expect(DLT645ControlCode(function: .readData, isReply: true, isAbnormal: true) == .readDataAbnormalReply)
        #expect(DLT645ControlCode(0x1F).function == .other(0x1F))
        #expect(DLT645ControlCode(0x93).meaning == "read address, normal reply")
        let error = DLT645ErrorWord(rawValue: 0x06)
        #expect(error.meanings == ["no requested data", "password error / unauthorised"])
        #expect(DLT645ErrorWord(rawValue: 0x80).meanings == ["reserved bit 7 set"])
    }

    @Test func broadcastTimeBuilder() throws {
        let time = try DLT645DateTime(year: 25, month: 3, day: 14, hour: 13, minute: 45, second: 9)
        let frame = DLT645Request.broadcastTime(time)
        #expect(frame.address == .broadcast)
        #expect(frame.control == .broadcastTime)
        #expect(frame.data == [0x09, 0x45, 0x13, 0x14, 0x03, 0x25])
        let wire = frame.encoded(preambleCount: 0)
        #expect(Array(wire[10..<16]) == [0x3C, 0x78, 0x46, 0x47, 0x36, 0x58])
        #expect(try DLT645Message(try DLT645Frame.parse(wire)) == .broadcastTime(time))
        #expect(throws: WireError.self) { try DLT645DateTime(year: 25, month: 13, day: 1, hour: 0, minute: 0, second: 0) }
    }

    @Test func readFollowUpRequestAndReply() throws {
        let meter = try DLT645Address("123456789012")
        let request = DLT645Request.readFollowUp(.forwardActiveEnergyTotal, sequence: 2, from: meter)
        #expect(request.data == [0x00, 0x00, 0x01, 0x00, 0x02])
        #expect(try DLT645Message(request) == .readFollowUp(.forwardActiveEnergyTotal, sequence: 2))
        let reply = try DLT645Frame(address: meter, control: DLT645ControlCode(0x92),
                                    data: [0x00, 0x00, 0x01, 0x00, 0x67, 0x45, 0x23, 0x01, 0x02])
        let message = try DLT645Message(reply)
        #expect(message == .readFollowUpReply(.forwardActiveEnergyTotal, data: [0x67, 0x45, 0x23, 0x01],
                                              sequence: 2, hasFollowUp: false))
        #expect(try message.value()?.description == "12345.67 kWh")
        #expect(try DLT645Message(DLT645Reply.readAddress(meter)) == .readAddressReply(meter))
    }

    @Test func messageLengthErrors() throws {
        let short = try DLT645Frame(address: .wildcard, control: .readData, data: [0x00, 0x01])
        #expect(throws: WireError(.malformed, "read data request (DI) needs L ≥ 4, got L = 2", offset: 9)) {
            try DLT645Message(short)
        }
        let abnormal = try DLT645Frame(address: .wildcard, control: .readDataAbnormalReply, data: [])
        #expect(throws: WireError.self) { try DLT645Message(abnormal) }
        let other = try DLT645Frame(address: .wildcard, control: DLT645ControlCode(0x14), data: [1, 2])
        #expect(try DLT645Message(other) == .other(DLT645ControlCode(0x14), data: [1, 2]))
    }
}
