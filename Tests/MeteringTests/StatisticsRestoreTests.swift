import Testing
@testable import Metering

/// Restart in the middle of a period: nothing lost, nothing emitted twice (docs/metering.md, "Restart").
@Suite struct StatisticsRestoreTests {
    let ten = Fixture.tenOClock

    /// A record per second with a rising counter, so the counter carry shows too.
    private func record(_ second: Int64) -> RealtimeRecord {
        let offset = Double(second - ten)
        return Fixture.record(second, [Fixture.n(10 + offset.truncatingRemainder(dividingBy: 7)), Fixture.n(3600),
                                       Fixture.n(1000 + offset), Fixture.n(1)])
    }

    /// Runs seconds `from…to`, with records at the seconds `recorded` accepts.
    private func run(_ simulation: inout StatisticsSimulation, _ from: Int64, _ to: Int64,
                     recorded: (Int64) -> Bool = { _ in true }, crashAt: Int64? = nil) {
        for second in from...to {
            simulation.tick(second, recorded(second) ? record(second) : nil, crashBeforeStatistics: second == crashAt)
        }
    }

    @Test func restartInTheMiddleOfAMinute() {
        var reference = StatisticsSimulation(Fixture.aggregator())
        run(&reference, ten - 120, ten + 180)
        var restarted = StatisticsSimulation(Fixture.aggregator())
        run(&restarted, ten - 120, ten + 29)
        restarted.restart()
        run(&restarted, ten + 30, ten + 180)
        #expect(restarted.statistics == reference.statistics)
        #expect(restarted.statistics.map(\.periodStart) == [ten - 120, ten - 60, ten - 3600, ten, ten + 60, ten + 120])
    }

    /// Down from 10:00:30 to 10:05:10 local: minute 10:00 (30 records) closes on the first advance
    /// after the restart, the minutes of the outage do not exist, nothing is emitted twice.
    @Test func outageAcrossMinuteBoundaries() throws {
        let down = ten + 30, up = ten + 310
        let recorded: (Int64) -> Bool = { $0 < down || $0 >= up }
        var reference = StatisticsSimulation(Fixture.aggregator())
        run(&reference, ten - 120, ten + 3600, recorded: recorded)
        var restarted = StatisticsSimulation(Fixture.aggregator())
        run(&restarted, ten - 120, down - 1, recorded: recorded)
        restarted.restart()
        run(&restarted, up, ten + 3600, recorded: recorded)
        let first = try #require(restarted.firstAfterRestart)
        #expect(first.map(\.kind) == [.minute])
        #expect(first.first?.periodStart == ten)
        #expect(first.first?.parameters[0].totalCount == 30)
        #expect(restarted.statistics == reference.statistics)
        let minutes = restarted.statistics.filter { $0.kind == .minute }.map { ($0.periodStart - ten) / 60 }
        #expect(minutes == [-2, -1, 0] + Array(5...59))
        let hour = try #require(restarted.statistics.last)
        #expect(hour.kind == .hour && hour.periodStart == ten)
        #expect(hour.parameters[0].totalCount == 56)
        // Counter 1000 + seconds since 10:00. Minute 10:00: from 09:59's last reading 999 to 1029 = 30;
        // 10:05 has no minute before it (10:04 has no record): 1359 − 1310 = 49; 10:06…10:59 carry:
        // 54 × 60. The outage's 281 units are in no minute.
        let expected: Double = 30 + 49 + 54 * 60
        #expect(hour.parameters[2].cumulative == expected)
    }

    /// The process died after journaling 10:00:00's record but before the statistics it closed
    /// (minute 09:59, hour 09): the restart emits them, then minute 10:00.
    @Test func statisticsLostInTheCrashAreEmittedOnRestart() throws {
        let down = ten + 30, up = ten + 310
        let recorded: (Int64) -> Bool = { $0 < down || $0 >= up }
        var reference = StatisticsSimulation(Fixture.aggregator())
        run(&reference, ten - 120, ten + 400, recorded: recorded)
        var restarted = StatisticsSimulation(Fixture.aggregator())
        run(&restarted, ten - 120, ten, recorded: recorded, crashAt: ten)
        restarted.restart()
        run(&restarted, ten + 1, ten + 400, recorded: { $0 < down || $0 >= up })
        // ten+1 is recorded (before the outage): the first tick returns what closed during the replay.
        let first = try #require(restarted.firstAfterRestart)
        #expect(first.map(\.kind) == [.minute, .hour])
        #expect(first.map(\.periodStart) == [ten - 60, ten - 3600])
        #expect(restarted.statistics == reference.statistics)
    }

    @Test func aJournaledPeriodIsNeverEmittedAgain() {
        var aggregator = Fixture.aggregator()
        var realtime: [RealtimeRecord] = []
        var closed: [StatisticsRecord] = []
        for second in ten..<(ten + 60) {
            realtime.append(record(second))
            closed += aggregator.add(record(second))
        }
        closed += aggregator.advance(toSecond: ten + 60)
        #expect(closed.map(\.periodStart) == [ten])
        var restored = Fixture.aggregator()
        restored.restore(realtime: realtime, closed: closed)
        #expect(restored.advance(toSecond: ten + 61) == [])
        #expect(restored.add(record(ten + 59)) == [])
        #expect(restored.rejectedOutOfOrder == 1)
        _ = restored.add(record(ten + 61))
        let hour = restored.advance(toSecond: ten + 3600)
        #expect(hour.map(\.kind) == [.minute, .hour])
        #expect(hour.last?.parameters[0].totalCount == 2)
    }

    /// A journaled hour is used as it is in the day, not recomputed from whatever minutes remain.
    @Test func aJournaledHourFeedsTheDayAsJournaled() throws {
        let thresholds = StatisticsThresholds(minuteMinimumSamples: 1, hourMinimumMinutes: 1, dayMinimumHours: 1)
        let journaledHour = StatisticsRecord(kind: .hour, periodStart: ten - 3600, configurationTag: Fixture.tag,
                                             parameters: Array(repeating: ParameterStatistics(
                                                 minimum: 1, average: 100, maximum: 200, cumulative: 7, validCount: 50,
                                                 totalCount: 60, flag: .normal), count: 4))
        var restored = Fixture.aggregator(thresholds)
        restored.restore(realtime: [Fixture.uniform(ten, Fixture.n(10))], closed: [journaledHour])
        let closed = restored.advance(toSecond: Fixture.midnight + 86400)
        #expect(closed.map(\.kind) == [.minute, .hour, .day])
        let day = try #require(closed.last?.parameters[0])
        // (100·50 + 10·1) / 51
        #expect(day.average == 5010.0 / 51.0)
        #expect(day.minimum == 1 && day.maximum == 200 && day.validCount == 2 && day.totalCount == 2)
    }
}
