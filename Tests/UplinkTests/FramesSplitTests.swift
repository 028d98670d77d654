import AgentCore
import Journal
import Metering
import Testing
import Uplink
import Wire

/// A record with many parameters is split into PNUM/PNO parts that each fit one packet, repeat
/// DataTime, never cut an item, and together carry every item once.
@Suite("Uplink frames: splitting")
struct FramesSplitTests {
    @Test func manyParametersAreSplitIntoPartsThatFitAndRoundTrip() throws {
        let site = try FramesFixtures.site(extra: 57, uplinkLines: ["profile = 2025"])
        #expect(site.parameters.count == 60)
        let values = (0..<60).map { FlaggedValue(value: 1000.0 + Double($0) + 0.125, flag: .normal) }
        let record = FramesFixtures.realtime(site, values: values)
        let message = try #require(try FramesFixtures.builder(site).message(for: record, resend: true))
        #expect(message.segments.count > 1)
        var items: [CPDataArea.Item] = []
        for (index, segment) in message.segments.enumerated() {
            #expect(segment.header.packetCount == message.segments.count)
            #expect(segment.header.packetNumber == index + 1)
            #expect(segment.header.flag == HJ212Flag(rawValue: 10))  // 2025, split, A left to the session
            #expect(segment.header.resend && segment.header.qn == nil)
            #expect(segment.cp.items.first?.text == "DataTime=20260102110405")
            #expect(try segment.cp.encoded().utf8.count + 7 <= HJ212Splitter.maxCPFieldLength)
            items += segment.cp.items.dropFirst()
        }
        let whole = try #require(try FramesFixtures.builder(try FramesFixtures.site(extra: 57)).message(for: record))
        #expect(whole.segments.count == message.segments.count)
        let expected = (0..<60).map { index in
            CPDataArea.Item([.factor(code: site.parameters[index].factorCode, suffix: .rtd,
                                     value: HJ212DecimalFormatter.format(values[index].value!, decimals: 3)!),
                             .factor(code: site.parameters[index].factorCode, suffix: .flag, value: "N")])
        }
        #expect(items == expected)
        let frames = try FramesFixtures.roundTrip(message)
        #expect(frames.allSatisfy { $0.count - 12 <= HJ212Frame.maxSegmentLength })
    }

    @Test func statisticsOfManyParametersSplitToo() throws {
        let site = try FramesFixtures.site(extra: 27)
        let entry = ParameterStatistics(minimum: 1.5, average: 2.25, maximum: 3.125, cumulative: 1234.5,
                                        validCount: 60, totalCount: 60, flag: .normal)
        let record = FramesFixtures.statistics(site, kind: .hour, start: FramesStatisticsTests.hour,
                                               parameters: Array(repeating: entry, count: 30))
        let message = try #require(try FramesFixtures.builder(site).message(for: record))
        #expect(message.segments.count >= 2)
        #expect(message.segments.allSatisfy { $0.header.cn == "2061" && $0.header.flag == HJ212Flag(rawValue: 6) })
        #expect(message.segments.map { $0.cp.items.count - 1 }.reduce(0, +) == 30)
        try FramesFixtures.roundTrip(message)
    }

    @Test func theGenericSegmentsHelperFramesAnyUpload() throws {
        let site = try FramesFixtures.site()
        let builder = try FramesFixtures.builder(site)
        let cp = CPDataArea([CPDataArea.Item([.other(name: "i13001-Info", value: "Frames test site")])])
        let segments = try builder.segments(command: .siteInformation, cp: cp)
        #expect(segments.count == 1)
        #expect(try segments[0].encoded()
                == "ST=31;CN=3020;PW=123456;MN=\(FramesFixtures.mn);Flag=4;CP=&&i13001-Info=Frames test site&&")
        let tooLong = CPDataArea([CPDataArea.Item([.other(name: "x", value: String(repeating: "y", count: 1000))])])
        #expect(throws: UplinkFrameError.self) { try builder.segments(command: .siteInformation, cp: tooLong) }
    }
}
