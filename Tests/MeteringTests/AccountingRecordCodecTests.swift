import Testing
@testable import Metering

@Suite struct AccountingRecordCodecTests {
    static func exampleRecord() -> AccountingRecord {
        var totals = AccountingTotalsTests.exampleMinute()
        totals.oxidizers.append(OxidizerTotals(name: "氧化装置-2"))
        return AccountingRecord(kind: .minute, periodStart: 1_795_624_200, configurationTag: 0xA1B2_C3D4,
                                constants: AccountingFixtures.zeroCelsius, totals: totals)
    }

    @Test func roundTripsExactly() throws {
        let record = Self.exampleRecord()
        let bytes = AccountingRecordCodec.encode(record)
        #expect(try AccountingRecordCodec.decode(bytes) == record)
        #expect(Array(bytes.prefix(2)) == [1, 1])
        #expect(record.tonnesCO2e == record.oxidizers[0].destroyedTonnesCO2e)
        #expect(record.periodEnd == 1_795_624_260)
        let empty = AccountingRecord(kind: .day, periodStart: -86400, configurationTag: 0, constantsName: "",
                                     constantsVersion: "", totals: AccountingTotals(oxidizerNames: []))
        let emptyBytes = AccountingRecordCodec.encode(empty)
        #expect(emptyBytes.count == 14 + 2 + 2 + 1 + 2)
        #expect(try AccountingRecordCodec.decode(emptyBytes) == empty)
    }

    @Test func layoutIsAsDocumented() {
        var totals = AccountingTotals(oxidizerNames: ["A"])
        totals.addEnergy(heatGJ: 2)
        totals.oxidizers[0].countedSeconds = 60
        let record = AccountingRecord(kind: .hour, periodStart: 3600, configurationTag: 0x0403_0201,
                                      constantsName: "c", constantsVersion: "v1", totals: totals)
        let bytes = AccountingRecordCodec.encode(record)
        let head: [UInt8] = [1, 2, 0x01, 0x02, 0x03, 0x04, 0x10, 0x0E, 0, 0, 0, 0, 0, 0,
                             1, 0, 0x63, 2, 0, 0x76, 0x31, 0x08]
        #expect(Array(bytes.prefix(head.count)) == head)
        // heat 2.0 = 0x4000000000000000, then one unit named "A".
        #expect(Array(bytes[22..<30]) == [0, 0, 0, 0, 0, 0, 0, 0x40])
        #expect(Array(bytes[30..<35]) == [1, 0, 1, 0, 0x41])
        // counted seconds is the 8th figure: 60.0 = 0x404E000000000000.
        #expect(Array(bytes[(35 + 7 * 8)..<(35 + 8 * 8)]) == [0, 0, 0, 0, 0, 0, 0x4E, 0x40])
        #expect(bytes.count == 35 + 80)
    }

    @Test func everyTruncationIsReportedNotTrapped() {
        let bytes = AccountingRecordCodec.encode(Self.exampleRecord())
        for length in 0..<bytes.count {
            do {
                _ = try AccountingRecordCodec.decode(Array(bytes.prefix(length)))
                Issue.record("decoded a payload cut at \(length)")
            } catch {
                #expect(error.code == .truncated, "cut at \(length): \(error)")
                #expect((error.offset ?? -1) <= length)
            }
        }
    }

    @Test func rejectsWhatTheFormatDoesNotAllow() {
        let good = AccountingRecordCodec.encode(Self.exampleRecord())
        func expectError(_ bytes: [UInt8], _ code: MeteringError.Code, at offset: Int, _ fragment: String) {
            do {
                _ = try AccountingRecordCodec.decode(bytes)
                Issue.record("accepted: \(fragment)")
            } catch {
                #expect(error.code == code && error.offset == offset, "\(error)")
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
        var bytes = good
        bytes[0] = 2
        expectError(bytes, .unsupportedVersion, at: 0, "version 2")
        bytes = good
        bytes[1] = 4
        expectError(bytes, .malformed, at: 1, "period kind 4")
        bytes = good
        bytes[6] = 1
        expectError(bytes, .malformed, at: 6, "minute boundary")
        expectError(good + [0], .trailingBytes, at: good.count, "after its last field")

        // The constants name ("example-0C", 10 bytes at 16) with an invalid UTF-8 byte.
        bytes = good
        bytes[16] = 0xFF
        expectError(bytes, .malformed, at: 16, "constants name is not valid UTF-8")

        // Energy presence with a reserved bit.
        let presenceAt = 14 + 2 + 10 + 2 + "CCER-10-001-V01 placeholder".utf8.count
        bytes = good
        #expect(bytes[presenceAt] == 0x07)
        bytes[presenceAt] = 0x17
        expectError(bytes, .malformed, at: presenceAt, "reserved bits")

        // A negative figure in the first unit (its standard volume, after "RTO-1").
        let unitAt = presenceAt + 1 + 3 * 8 + 2
        let figureAt = unitAt + 2 + 5
        bytes = good
        bytes[figureAt + 7] |= 0x80
        expectError(bytes, .malformed, at: figureAt, "standard volume")
        bytes = good
        for index in figureAt..<(figureAt + 8) { bytes[index] = 0xFF }
        expectError(bytes, .malformed, at: figureAt, "not a finite")
    }

    @Test func rejectsDuplicateUnitNames() {
        var totals = AccountingTotals(oxidizerNames: ["A"])
        totals.oxidizers.append(OxidizerTotals(name: "A"))
        let record = AccountingRecord(kind: .minute, periodStart: 0, configurationTag: 0, constantsName: "c",
                                      constantsVersion: "v", totals: totals)
        let bytes = AccountingRecordCodec.encode(record)
        do {
            _ = try AccountingRecordCodec.decode(bytes)
            Issue.record("duplicate names accepted")
        } catch {
            #expect(error.code == .malformed && error.message.contains("appears twice"))
            #expect(error.offset == bytes.count - 83)
        }
    }
}
