import AgentCore
import Journal
import Testing
import Uplink
import Wire

/// The basic information table as CN 3020: site identity and each instrument's registry data.
struct FramesSiteInformationTests {
    @Test func theTableIsOne3020UploadWithTheSiteAndEveryMeterEscaped() throws {
        var site = try FramesFixtures.site()
        site.meters[0].registry.installationPoint = "inlet duct; east, 2 m"  // characters HJ 212 cannot carry bare
        let payload = SiteInformation.payload(site)
        #expect(payload == SiteInformation.payload(site), "deterministic")
        let record = JournalRecord(sequence: 9, type: AgentRecordType.siteInformation,
                                   timestamp: FramesFixtures.second * 1000, payload: payload)
        let message = try #require(try FramesFixtures.builder(site).message(for: record))
        #expect(message.segments.first?.header.cn == "3020" && !message.isRealtime)
        let cp = try FramesFixtures.onlyCP(message)
        #expect(cp.hasPrefix("DataTime=20260102110405;InfoType=site,SiteName=Frames%20test%20site,MN=\(FramesFixtures.mn),ST=31;"))
        #expect(cp.contains("InfoType=meter,Meter=m,Maker=M,Model=M,SerialNo=S,Range=r,Accuracy=1,"
                            + "Location=inlet%20duct%3B%20east%2C%202%20m,Calibrated=20250101,CalibrationDue=20300101,Factors=p01-flow|p01-ch4"),
                "\(cp)")
        #expect(cp.contains("InfoType=meter,Meter=e,"))
        try FramesFixtures.roundTrip(message)
    }

    @Test func aPayloadWithoutASiteLineIsRefusedWithItsRecord() throws {
        let site = try FramesFixtures.site()
        let record = JournalRecord(sequence: 4, type: AgentRecordType.siteInformation, timestamp: 0, payload: Array("junk".utf8))
        #expect(throws: UplinkFrameError.self) { try FramesFixtures.builder(site).message(for: record) }
    }
}
