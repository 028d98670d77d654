import Testing
@testable import cmmgate_relay

/// The report's basic information table, from CN 3020 parts as the agent writes them.
struct SiteInformationTableTests {
    @Test func partsAreJoinedAndValuesDecoded() {
        let parts = ["DataTime=20261202114300;InfoType=site,SiteName=Example%20mine,MN=010000A8900016F000169DC0,ST=31;"
                     + "InfoType=meter,Meter=ox1,Maker=A%3BB,Model=FC-3000",
                     "InfoType=meter,Meter=heat,SerialNo=HM50-0099,CalibrationDue=20260110,Factors=h01-heat"]
        let table = SiteInformationTable.parse(cpAreas: parts, time: 1_796_182_980)
        #expect(table.entries.map(\.kind) == ["site", "meter", "meter"])
        #expect(table.entries[0].fields.first == .init(name: "SiteName", value: "Example mine"))
        #expect(table.entries[1].fields.contains(.init(name: "Maker", value: "A;B")))
        let lines = table.lines { String($0) }
        #expect(lines[0] == "site information (CN 3020, uploaded 1796182980): 3 entries")
        #expect(lines[3] == "  meter heat: SerialNo HM50-0099; CalibrationDue 20260110; Factors h01-heat")
        #expect(table.json.contains("\"type\":\"meter\",\"Meter\":\"heat\""))
    }
}
