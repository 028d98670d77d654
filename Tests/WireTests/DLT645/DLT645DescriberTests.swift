import Testing
@testable import Wire

@Suite("DL/T 645-2007 describe")
struct DLT645DescriberTests {
    func describe(_ hex: String) throws -> FrameDescription {
        try #require(DLT645FrameDescriber.describe(try Hex.parse(hex)))
    }

    func field(_ d: FrameDescription, _ name: String) -> FrameDescription.Field? {
        d.fields.first { $0.name == name }
    }

    @Test func validReplyListsEveryField() throws {
        let d = try describe("FE FE 68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88 16")
        #expect(d.isValid, "\(d.problems)")
        #expect(d.protocolName == "DL/T 645-2007")
        #expect(field(d, "preamble")?.value == "2 × FE")
        #expect(field(d, "address")?.value == "123456789012")
        #expect(field(d, "control")?.note == "read data, normal reply")
        #expect(field(d, "length")?.value == "L = 8")
        #expect(field(d, "data identifier")?.value == "00010000")
        #expect(field(d, "data identifier")?.note == "forward active energy, total")
        #expect(field(d, "value")?.value == "12345.67 kWh")
        #expect(field(d, "checksum")?.value == "0x88")
        #expect(field(d, "checksum")?.note == "computed 0x88")
        #expect(d.summary.contains("12345.67 kWh"))
    }

    @Test func wildcardRequestAndAbnormalReply() throws {
        let request = try describe("FE FE FE FE 68 AA AA AA AA AA AA 68 11 04 33 33 34 33 AE 16")
        #expect(field(request, "address")?.note == "wildcard (any meter)")
        #expect(request.summary.hasPrefix("read data request"))
        let abnormal = try describe("68 12 90 78 56 34 12 68 D1 01 35 8D 16")
        #expect(abnormal.isValid)
        #expect(field(abnormal, "error word")?.value == "0x02")
        #expect(field(abnormal, "error word")?.note == "no requested data")
        let readAddress = try describe("68 AA AA AA AA AA AA 68 13 00 DF 16")
        #expect(readAddress.isValid && readAddress.summary.hasPrefix("read address request"))
    }

    @Test func problemsAreListed() throws {
        let badCS = try describe("68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 89 16")
        #expect(badCS.problems == ["bad checksum at byte 18: expected 0x88, received 0x89"])
        let noEnd = try describe("68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88")
        #expect(noEnd.problems == ["end byte 0x16 missing"])
        let short = try describe("68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78")
        #expect(short.problems.contains { $0.contains("L = 8 announces 8 data bytes but only 6") })
        let long = try describe("68 12 90 78 56 34 12 68 D1 01 35 8D 16 00")
        #expect(long.problems.contains { $0.contains("1 bytes after the end byte") })
        // BCD nibble A in the value (0x7D − 0x33 = 0x4A).
        let badBCD = try describe("68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 7D 56 34 8D 16")
        #expect(badBCD.problems.count == 1)
        #expect(badBCD.problems.first?.contains("0x4A") == true)
        #expect(badBCD.problems.first?.contains("not BCD") == true)
    }

    @Test func notDLT645IsNil() throws {
        #expect(DLT645FrameDescriber.describe([]) == nil)
        #expect(DLT645FrameDescriber.describe([0xFE, 0xFE]) == nil)
        #expect(DLT645FrameDescriber.describe(try Hex.parse("01 03 00 00 00 0A C5 CD")) == nil)
        #expect(DLT645FrameDescriber.describe(try Hex.parse("68 12 90 78 56 34 12 69 91")) == nil)
    }

    @Test func headerOnlyIsDescribedAsTruncated() throws {
        let d = try describe("68 12 90 78 56 34 12 68 91")
        #expect(d.problems.contains { $0.contains("header truncated") })
    }
}
