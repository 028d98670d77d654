import AgentCore
import Journal
import Metering
import Testing
import Uplink
import Wire

/// Statistics records as CN 2051 / 2061 / 2031: DataTime = the period's start in local time,
/// Min/Avg/Max/Cou/Flag per parameter, absent values left out, rounding per profile.
@Suite("Uplink frames: statistics (CN 2051, 2061, 2031)")
struct FramesStatisticsTests {
    /// 2026-01-02 03:04:00 UTC (11:04 local), 03:00 UTC (11:00 local), 2026-01-01 16:00 UTC
    /// (2026-01-02 00:00 local).
    static let minute: Int64 = 1_767_323_040
    static let hour: Int64 = 1_767_322_800
    static let day: Int64 = 1_767_283_200

    static let parameters = [
        ParameterStatistics(minimum: 1000, average: 1100.25, maximum: 1200.5, cumulative: 18.3375, validCount: 60,
                            totalCount: 60, flag: .normal),
        ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil, validCount: 0, totalCount: 60,
                            flag: .communication),
        ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: 12.5, validCount: 60, totalCount: 60,
                            flag: .normal),
    ]

    static let expectedItems = "p01-flow-Min=1000.000,p01-flow-Avg=1100.250,p01-flow-Max=1200.500,p01-flow-Cou=18.338,"
        + "p01-flow-Flag=N;p01-ch4-Flag=B;e01-gen-Cou=12.500,e01-gen-Flag=N"

    @Test(arguments: [(PeriodKind.minute, minute, "2051", "20260102110400"),
                      (.hour, hour, "2061", "20260102110000"),
                      (.day, day, "2031", "20260102000000")])
    func eachPeriodHasItsCommandAndStartsAtItsLocalStart(_ kind: PeriodKind, _ start: Int64, _ command: String,
                                                         _ dataTime: String) throws {
        let site = try FramesFixtures.site()
        let record = FramesFixtures.statistics(site, kind: kind, start: start, parameters: Self.parameters)
        let message = try #require(try FramesFixtures.builder(site).message(for: record))
        #expect(message.sequence == 8 && !message.isRealtime && message.timestampMilliseconds == start * 1000)
        #expect(message.segments[0].header.cn == command)
        #expect(try FramesFixtures.onlyCP(message) == "DataTime=\(dataTime);" + Self.expectedItems)
        try FramesFixtures.roundTrip(message)
    }

    @Test func statisticsRoundHalfToEvenIn2025AndHalfAwayFromZeroIn2017() throws {
        let entry = [ParameterStatistics(minimum: 2.0625, average: 2.0635, maximum: -2.0625, cumulative: nil,
                                         validCount: 1, totalCount: 1, flag: .normal)]
        let parameters = entry + Array(Self.parameters.dropFirst())
        for (lines, expected) in [([String](), "p01-flow-Min=2.063,p01-flow-Avg=2.064,p01-flow-Max=-2.063"),
                                  (["profile = 2025"], "p01-flow-Min=2.062,p01-flow-Avg=2.064,p01-flow-Max=-2.062")] {
            let site = try FramesFixtures.site(uplinkLines: lines)
            let record = FramesFixtures.statistics(site, kind: .minute, start: Self.minute, parameters: parameters)
            let cp = try FramesFixtures.onlyCP(try FramesFixtures.builder(site).message(for: record))
            #expect(cp.hasPrefix("DataTime=20260102110400;" + expected + ",p01-flow-Flag=N;"), "\(lines)")
        }
    }

    @Test func historyPullsAnswerWithTheRecordsOfTheAskedPeriodOnly() throws {
        let site = try FramesFixtures.site()
        let builder = try FramesFixtures.builder(site)
        let records = [
            FramesFixtures.statistics(site, kind: .minute, start: Self.minute, parameters: Self.parameters, sequence: 1),
            FramesFixtures.realtime(site, values: FramesRealtimeTests.values, sequence: 2),
            FramesFixtures.statistics(site, kind: .hour, start: Self.hour, parameters: Self.parameters, sequence: 3),
            FramesFixtures.statistics(site, kind: .minute, start: Self.minute + 60, parameters: Self.parameters,
                                      sequence: 4),
        ]
        let messages = try builder.historyMessages(kind: .minute, records: records)
        #expect(messages.map(\.sequence) == [1, 4])
        #expect(messages.allSatisfy { $0.segments.allSatisfy { $0.header.cn == "2051" } })
        #expect(UplinkFrameBuilder.periodKind(for: .hourlyData) == .hour)
        #expect(UplinkFrameBuilder.periodKind(for: .dailyData) == .day)
        #expect(UplinkFrameBuilder.periodKind(for: .realtimeData) == nil)
        // A platform's BeginTime in local time names the UTC second of the journal.
        let begin = try HJ212Timestamp.parse("20260102110400")
        #expect(UplinkLocalTime.unixSeconds(of: begin, utcOffsetMinutes: 480) == Self.minute)
    }

    @Test func accountingAndGapRecordsAreNotSent() throws {
        let site = try FramesFixtures.site()
        let builder = try FramesFixtures.builder(site)
        let accounting = JournalRecord(sequence: 3, type: AgentRecordType.accounting, timestamp: Self.minute * 1000,
                                       payload: [1, 2, 3])
        let gap = JournalRecord(sequence: 4, type: .gap, timestamp: 0, payload: [])
        #expect(try builder.message(for: accounting) == nil)
        #expect(try builder.message(for: gap) == nil)
    }
}
