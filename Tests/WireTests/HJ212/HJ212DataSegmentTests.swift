import Testing
@testable import Wire

@Suite("HJ212 data segment and header")
struct HJ212DataSegmentTests {
    static let mn = "010000A8900016F000169DC0"

    @Test("strict parse of every vector segment re-encodes exactly")
    func strictRoundTrip() throws {
        for row in try VectorFile.rows("hj212-crc.tsv") {
            let text = row["segment"] ?? ""
            guard text.hasPrefix("QN=") else { continue }
            let segment = try HJ212DataSegment.parse(text, mode: .strict)
            #expect(try segment.encoded() == text)
            #expect(segment.warnings.isEmpty)
        }
    }

    @Test("Flag: version, ack and split bits (2005 = 0, 2017 = 4…7, 2025 = 8…11)")
    func flag() {
        #expect(HJ212Flag(rawValue: 5).version == .hj212_2017)
        #expect(HJ212Flag(rawValue: 5).ackRequired && !HJ212Flag(rawValue: 5).split)
        #expect(HJ212Flag(rawValue: 6).split && !HJ212Flag(rawValue: 6).ackRequired)
        #expect(HJ212Flag(rawValue: 11).version == .hj212_2025)
        #expect(HJ212Flag(rawValue: 11).ackRequired && HJ212Flag(rawValue: 11).split)
        #expect(HJ212Flag(rawValue: 0).version == .hj212_2005)
        #expect(HJ212Flag(version: .hj212_2025, ackRequired: true, split: false).rawValue == 9)
        #expect(HJ212Flag(version: .hj212_2017, ackRequired: true, split: true).rawValue == 7)
        #expect(HJ212Flag(rawValue: 0xFC).version == .unknown(0x3F))
    }

    @Test("App. C.48: comma between QN and ST is accepted and reported")
    func commaInHeader() throws {
        let text = "QN=20160801085857534,ST=32;CN=2011;PW=123456;MN=\(Self.mn);Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20160801085857;w01001-Rtd=7.1&&"
        let segment = try HJ212DataSegment.parse(text)
        #expect(segment.warnings.map(\.kind) == [.commaInHeader])
        #expect(segment.warnings.first?.offset == 20)
        #expect(segment.header.st == "32")
        #expect(segment.header.packetCount == 2 && segment.header.packetNumber == 1)
        #expect(throws: WireError.self) { try HJ212DataSegment.parse(text, mode: .strict) }
    }

    @Test("App. C.19: Flag=5CP=&& without ';' is accepted and reported")
    func missingSemicolon() throws {
        let text = "QN=20160801085857223;ST=32;CN=2061;PW=123456;MN=\(Self.mn);Flag=5CP=&&BeginTime=20160801080000;EndTime=20160801080000&&"
        let segment = try HJ212DataSegment.parse(text)
        #expect(segment.warnings.map(\.kind) == [.missingSemicolonBeforeCP])
        #expect(segment.header.flag?.rawValue == 5)
        #expect(segment.cp.items.count == 2)
    }

    @Test("a space after CP=&& is accepted and reported")
    func spaceInCP() throws {
        let text = "QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=\(Self.mn);Flag=4;CP=&& ExeRtn=1&&"
        let segment = try HJ212DataSegment.parse(text)
        #expect(segment.warnings.map(\.kind) == [.whitespaceInCP])
        #expect(segment.cp.allFields == [.executionReturn(.success)])
    }

    @Test("HJ/T 212-2005 frame without QN and Flag, 14-character MN, vendor codes")
    func hj2005() throws {
        let text = "ST=32;CN=2011;PW=123456;MN=88888880000001;CP=&&DataTime=20160824003817;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N&&"
        let segment = try HJ212DataSegment.parse(text)
        #expect(segment.warnings.map(\.kind) == [.missingQN, .missingFlag])
        #expect(segment.header.qn == nil && segment.header.flag == nil)
        #expect(segment.cp.allFields.contains(.factor(code: "011", suffix: .flag, value: "N")))
        #expect(segment.cp.allFields.contains(.factor(code: "B01", suffix: .rtd, value: "36.91")))
        #expect(try segment.encoded() == text)
    }

    @Test("bad header values: an error in strict mode, a reported leniency otherwise")
    func badValues() throws {
        let text = "QN=20161301085857223;ST=32;CN=2011;PW=123456;MN=\(Self.mn);Flag=4;CP=&&&&"
        let lenient = try HJ212DataSegment.parse(text)
        #expect(lenient.warnings.map(\.kind) == [.invalidFieldValue])
        #expect(lenient.warnings.first?.message.contains("month 13") ?? false)
        #expect(lenient.warnings.first?.offset == 7)
        #expect(throws: WireError.self) { try HJ212DataSegment.parse(text, mode: .strict) }
        #expect(throws: WireError.self) { try HJ212DataSegment.parse("QN=20160801085857223;ST=32;PW=1;MN=1;CP=&&&&") }
        #expect(throws: WireError.self) { try HJ212DataSegment.parse("QN=20160801085857223;ST=32;CN=2011;CP=&&x=1") }
    }

    @Test("2025 resend flag RF=1, and out-of-order fields reported")
    func resendAndOrder() throws {
        var header = HJ212Header(qn: "20240601085857223", st: "32", cn: "2011", pw: "123456", mn: Self.mn,
                                 flag: HJ212Flag(rawValue: 8), resend: true)
        let text = try HJ212DataSegment(header: header, cp: CPDataArea()).encoded()
        #expect(text == "QN=20240601085857223;ST=32;CN=2011;PW=123456;MN=\(Self.mn);Flag=8;RF=1;CP=&&&&")
        #expect(try HJ212DataSegment.parse(text, mode: .strict).header.resend)
        let swapped = try HJ212DataSegment.parse("ST=32;QN=20240601085857223;CN=2011;PW=1;MN=\(Self.mn);Flag=8;CP=&&&&")
        #expect(swapped.warnings.map(\.kind) == [.headerFieldOrder])
        header.packetCount = 2
        #expect(throws: WireError.self) { try header.encoded() }
    }

    @Test("encrypted CP must be decrypted before parsing")
    func encryptedRefused() {
        #expect {
            try HJ212DataSegment.parse("QN=20240520210700000;ST=31;CN=2051;PW=1;MN=1;Flag=9;CP=&&{0x01}&&")
        } throws: { ($0 as? WireError)?.code == .unsupported }
    }
}
