import Testing
@testable import Wire

@Suite("HJ212 describer")
struct HJ212FrameDescriberTests {
    func field(_ d: FrameDescription, _ name: String) -> FrameDescription.Field? {
        d.fields.first { $0.name == name }
    }

    @Test("Appendix A frame: header meanings, CP fields, CRC, no problems")
    func appendixA() throws {
        let d = try #require(HJ212FrameDescriber.describe(HJ212Fixture.appendixAFrame, cipher: nil))
        #expect(d.isValid, "\(d.problems)")
        #expect(d.protocolName == "HJ 212-2017")
        #expect(field(d, "ST")?.note == "surface water pollution source")
        #expect(field(d, "CN")?.note?.contains("set real-time interval") ?? false)
        #expect(field(d, "Flag")?.note == "HJ 212-2017, ack required, not split")
        #expect(field(d, "QN")?.note == "request time 2016-08-01 08:58:57.223")
        #expect(field(d, "CRC")?.value == "1C80" && field(d, "CRC")?.note == "matches")
        #expect(field(d, "CP[1] RtdInterval")?.value == "30")
    }

    @Test("problems: bad CRC with the expected value, length mismatch with the count, bad time")
    func problems() throws {
        let segment = "QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&DataTime=20161301085857;w01001-Rtd=7.1,w01001-Flag=D&&"
        let text = "##0100" + segment + "0000\r\n"
        let d = try #require(HJ212FrameDescriber.describe(text, cipher: nil))
        #expect(d.problems.contains { $0.contains("0100") && $0.contains("\(segment.utf8.count) characters") })
        #expect(field(d, "CRC")?.note == "expected \(HJ212CRC.format(HJ212CRC.compute(segment)))")
        #expect(d.problems.contains { $0.contains("month 13") })
        #expect(field(d, "CP[2] w01001-Flag")?.note == "factor w01001, data flag: fault")
    }

    @Test("leniencies appear as warnings; a bare segment is described; other text gives nil")
    func leniencyAndNil() throws {
        let pasted = "##0101" + HJ212Fixture.appendixASegment + "1c80\\r\\n"
        let d = try #require(HJ212FrameDescriber.describe(pasted, cipher: nil))
        #expect(d.fields.filter { $0.name == "warning" }.count == 2)
        #expect(d.isValid)
        let bare = try #require(HJ212FrameDescriber.describe("QN=20160801085857534,ST=32;CN=9014;PW=1;MN=1;Flag=4;CP=&&&&", cipher: nil))
        #expect(bare.fields.contains { $0.name == "warning" && $0.value.contains("','") })
        #expect(HJ212FrameDescriber.describe("01 03 00 00 00 0A C5 CD", cipher: nil) == nil)
    }

    @Test("encrypted CP: a problem without a key, decrypted with one")
    func encrypted() throws {
        let segment = "QN=20240520210700000;ST=31;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&DataTime=20240520210600;a01011-Min=1.35,a01011-Flag=N&&"
        let bytes = try HJ212Frame.encode(segment: segment, cipher: ToyBlockCipher())
        let text = String(decoding: bytes, as: UTF8.self)
        let locked = try #require(HJ212FrameDescriber.describe(text, cipher: nil))
        #expect(locked.problems.contains { $0.contains("no key") })
        #expect(locked.protocolName == "HJ 212-2025")
        let open = try #require(HJ212FrameDescriber.describe(text, cipher: ToyBlockCipher()))
        #expect(open.isValid, "\(open.problems)")
        #expect(field(open, "CP[2] a01011-Min")?.value == "1.35")
    }
}
