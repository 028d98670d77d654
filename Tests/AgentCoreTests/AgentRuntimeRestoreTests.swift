import AgentCore
import Journal
import Metering
import Testing

/// A restart resumes from the journal: no second recorded twice, and the statistics and
/// accounting of every period equal those of a run that never stopped, even when the crash lost
/// the tail of the last group commit (the minute's records among it).
struct AgentRuntimeRestoreTests {
    /// The values of second `n`: every input moves, so a period replayed wrongly shows.
    static func values(_ n: Int) -> ExampleSiteDriver.Values {
        var values = ExampleSiteDriver.Values()
        values.flow = 1100 + Double(n % 7) * 16
        values.temperature = 20 + Double(n % 5)
        values.ch4 = 0.5 + Double(n % 3) * 0.125
        values.running = n % 40 != 7
        values.generatedKWh = 1000 + Double(n) * 0.5
        values.heatGJ = 50 + Double(n) * 0.001
        return values
    }

    static let seconds = 150

    func periodRecords(_ site: ExampleSiteDriver) throws -> (statistics: [StatisticsRecord], accounting: [AccountingRecord]) {
        (try site.records(AgentRecordType.statistics) { try StatisticsRecordCodec.decode($0) },
         try site.records(AgentRecordType.accounting) { try AccountingRecordCodec.decode($0) })
    }

    @Test(arguments: [45, 61, 90, 119])
    func aRestartAfterACrashThatLostTheTailRecordsEveryPeriodOnceAsIfItNeverStopped(crashAfter: Int) throws {
        try crashAndCompare(crashAfter: crashAfter, seconds: Self.seconds)
    }

    /// Across an hour: the crash loses the tick that closed the hour (3601), or falls in the next
    /// hour, whose open total is rebuilt from its journaled minutes (3650).
    @Test(arguments: [3601, 3650])
    func anHourIsRebuiltFromItsJournaledMinutesAndNeverLost(crashAfter: Int) throws {
        try crashAndCompare(crashAfter: crashAfter, seconds: 3720)
    }

    func crashAndCompare(crashAfter: Int, seconds total: Int) throws {
        let config = try ExampleSiteDriver.exampleConfig()
        var reference = ExampleSiteDriver(config: config)
        for n in 0..<total { reference.run(Self.values(n)) }

        var first = ExampleSiteDriver(config: config)
        for n in 0..<crashAfter { first.run(Self.values(n)) }
        // The power cut lost the last second's group commit: its real-time record and whatever
        // closed with it.
        let lastRealtime = try #require(first.journal.lastIndex { $0.type == AgentRecordType.realtime })
        let survived = Array(first.journal[..<lastRealtime])

        var second = ExampleSiteDriver(config: config, startSecond: first.second - 1)
        second.journal = survived
        var history = JournalHistory(configurationTag: second.runtime.configurationTag)
        for record in survived { history.add(record) }
        #expect(history.undecodable == 0)
        second.append(second.runtime.restore(history))
        for n in (crashAfter - 1)..<total { second.run(Self.values(n)) }

        let seconds = try second.records(AgentRecordType.realtime) { try RealtimeRecordCodec.decode($0) }.map(\.timestamp)
        #expect(seconds == Array(ExampleSiteDriver.startSecond..<(ExampleSiteDriver.startSecond + Int64(total))))
        let expected = try periodRecords(reference)
        let got = try periodRecords(second)
        #expect(got.accounting.contains { $0.kind == .hour } == (total > 3600))
        #expect(got.statistics.sorted(by: Self.order) == expected.statistics.sorted(by: Self.order))
        #expect(got.accounting.count == expected.accounting.count)
        for (left, right) in zip(got.accounting.sorted(by: Self.order), expected.accounting.sorted(by: Self.order)) {
            #expect(left.kind == right.kind && left.periodStart == right.periodStart)
            #expect(abs(left.tonnesCO2e - right.tonnesCO2e) <= 1e-12 * max(1, right.tonnesCO2e))
            #expect(left.energy == right.energy)
            #expect(left.oxidizers.map(\.countedSeconds) == right.oxidizers.map(\.countedSeconds))
        }
    }

    @Test func aRestartNeverRecordsASecondAgainEvenWhenTheClockIsBehind() throws {
        let config = try ExampleSiteDriver.exampleConfig()
        var first = ExampleSiteDriver(config: config)
        for n in 0..<10 { first.run(Self.values(n)) }
        var second = ExampleSiteDriver(config: config, startSecond: ExampleSiteDriver.startSecond + 5)
        var history = JournalHistory(configurationTag: second.runtime.configurationTag)
        for record in first.journal { history.add(record) }
        second.append(second.runtime.restore(history))
        for n in 5..<12 { second.run(Self.values(n)) }
        let made = try second.records(AgentRecordType.realtime) { try RealtimeRecordCodec.decode($0) }.map(\.timestamp)
        #expect(made == [ExampleSiteDriver.startSecond + 10, ExampleSiteDriver.startSecond + 11])
    }

    @Test func anUndecodableRecordIsCountedAndSkippedNotFatal() throws {
        var history = JournalHistory(configurationTag: 1)
        history.add(JournalRecord(sequence: 7, type: AgentRecordType.realtime, timestamp: 0, payload: [1, 2, 3]))
        #expect(history.undecodable == 1)
        #expect(history.firstProblem?.hasPrefix("record 7") == true)
        #expect(history.newestRealtimeSecond == nil)
    }

    static func order(_ left: StatisticsRecord, _ right: StatisticsRecord) -> Bool {
        (left.periodStart, left.kind.rawValue) < (right.periodStart, right.kind.rawValue)
    }

    static func order(_ left: AccountingRecord, _ right: AccountingRecord) -> Bool {
        (left.periodStart, left.kind.rawValue) < (right.periodStart, right.kind.rawValue)
    }
}
