import Testing
@testable import Wire

@Suite("HJ212 CP data area")
struct HJ212CPDataAreaTests {
    @Test("items by ';', fields by ',', factor fields as (code, suffix, value)")
    func grammar() throws {
        let area = try CPDataArea.parse("DataTime=20160801085857;w01001-Rtd=7.1,w01001-Flag=N;a01011-ZsAvg=3.20,SB1-RS=1",
                                        mode: .strict)
        #expect(area.items.count == 3)
        #expect(area.items[0].fields == [.dataTime(try HJ212Timestamp.parse("20160801085857"))])
        #expect(area.items[1].fields == [.factor(code: "w01001", suffix: .rtd, value: "7.1"),
                                         .factor(code: "w01001", suffix: .flag, value: "N")])
        #expect(area.items[1].fields[1].dataFlag == .normal)
        #expect(area.items[2].fields[0] == .factor(code: "a01011", suffix: .zsAvg, value: "3.20"))
        #expect(area.items[2].fields[1] == .factor(code: "SB1", suffix: .runState, value: "1"))
        #expect(try area.encoded() == "DataTime=20160801085857;w01001-Rtd=7.1,w01001-Flag=N;a01011-ZsAvg=3.20,SB1-RS=1")
    }

    @Test("typed fields of Table 4; unknown fields verbatim")
    func typed() throws {
        let area = try CPDataArea.parse("QnRtn=9;ExeRtn=100;RtdInterval=1;MinInterval=10;OverTime=10;ReCount=3;NewPW=654321;PolId=w01018;SystemTime=20240229235959;RestartTime=20160801000000;SKCreateTime=20250101;i12001-Info=abc",
                                        mode: .strict)
        #expect(area.allFields == [
            .requestReturn(.crcError), .executionReturn(.noData), .realtimeInterval(1), .minuteInterval(10),
            .overTime(10), .reCount(3), .newPassword("654321"), .pollutantId("w01018"),
            .systemTime(try HJ212Timestamp.parse("20240229235959")), .restartTime(try HJ212Timestamp.parse("20160801000000")),
            .other(name: "SKCreateTime", value: "20250101"), .factor(code: "i12001", suffix: .info, value: "abc"),
        ])
    }

    @Test("invalid times and codes: kept verbatim with a warning naming the problem and its offset")
    func invalidValues() throws {
        let area = try CPDataArea.parse("DataTime=20230229120000;QnRtn=42", mode: .lenient)
        #expect(area.allFields == [.other(name: "DataTime", value: "20230229120000"), .other(name: "QnRtn", value: "42")])
        #expect(area.warnings.map(\.kind) == [.invalidFieldValue, .invalidFieldValue])
        #expect(area.warnings[0].message.contains("day 29"))
        #expect(area.warnings[1].offset == 24)
        #expect(throws: WireError.self) { try CPDataArea.parse("DataTime=2023", mode: .strict) }
    }

    @Test("empty items and fields without '=' are skipped/kept with warnings; '&' is refused")
    func sloppy() throws {
        let area = try CPDataArea.parse("a01-Rtd=1;;b", mode: .lenient)
        #expect(area.warnings.map(\.kind) == [.emptyItem, .fieldWithoutValue])
        #expect(area.items.count == 2)
        #expect(throws: WireError.self) { try CPDataArea.parse("a01-Rtd=1&2") }
        #expect(try CPDataArea.parse("").items.isEmpty)
    }

    @Test("data flags, return codes and command names have the tables' meanings")
    func tables() {
        #expect(HJ212DataFlag.allCases.map(\.rawValue) == ["N", "F", "M", "S", "D", "C", "T", "B"])
        #expect(HJ212DataFlag(text: "T")?.meaning == "above upper range limit")
        #expect(HJ212DataFlag(text: "NN") == nil)
        #expect(HJ212RequestReturn(rawValue: 9)?.meaning == "CRC error")
        #expect(HJ212ExecutionReturn(rawValue: 100)?.meaning == "no data")
        #expect(HJ212CommandCode.heartbeat.name == "heartbeat (2025)")
        #expect(HJ212CommandCode(1014).name?.contains("key") ?? false)
        #expect(HJ212CommandCode(2011).group == "data")
        #expect(HJ212CommandCode(4242).name == nil)
        #expect(HJ212SystemCode(91).name == "system interaction")
    }
}
