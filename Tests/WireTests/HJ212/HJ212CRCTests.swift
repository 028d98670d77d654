import Testing
@testable import Wire

@Suite("HJ212 CRC (Appendix A)")
struct HJ212CRCTests {
    @Test("every vector in hj212-crc.tsv")
    func vectors() throws {
        let rows = try VectorFile.rows("hj212-crc.tsv")
        #expect(rows.count >= 8)
        for row in rows {
            let segment = row["segment"] ?? ""
            let expected = row["crc"] ?? ""
            #expect(HJ212CRC.format(HJ212CRC.compute(segment)) == expected, "segment '\(segment)'")
            #expect(String(segment.utf8.count).count <= 4)
            if let length = Int(row["length"] ?? "") { #expect(segment.utf8.count == length, "length of '\(segment)'") }
        }
    }

    @Test("check value 2F80, not CRC-16/MODBUS 4B37")
    func checkValue() {
        #expect(HJ212CRC.compute("123456789") == 0x2F80)
        #expect(HJ212CRC.compute("") == 0xFFFF)
        #expect(HJ212CRC.compute(HJ212Fixture.appendixASegment) != 0x0759)
    }

    @Test("parses four hex digits in either case, nothing else")
    func parse() {
        #expect(HJ212CRC.parse(Array("1C80".utf8)) == 0x1C80)
        #expect(HJ212CRC.parse(Array("a9c1".utf8)) == 0xA9C1)
        #expect(HJ212CRC.parse(Array("1C8".utf8)) == nil)
        #expect(HJ212CRC.parse(Array("1C8G".utf8)) == nil)
        #expect(HJ212CRC.format(0x00AF) == "00AF")
    }
}
