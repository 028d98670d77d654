import Testing
@testable import Metering

/// When periods close, what they are made of, and what is refused.
@Suite struct StatisticsAggregatorTests {
    let ten = Fixture.tenOClock

    private func kinds(_ records: [StatisticsRecord]) -> [PeriodKind] { records.map(\.kind) }

    @Test func aRecordInTheNextMinuteClosesTheOpenOne() {
        var aggregator = Fixture.aggregator()
        for second in 0..<60 { #expect(aggregator.add(Fixture.uniform(ten + Int64(second), Fixture.n(1))) == []) }
        let closed = aggregator.add(Fixture.uniform(ten + 60, Fixture.n(1)))
        #expect(kinds(closed) == [.minute])
        #expect(closed.first?.periodStart == ten)
        #expect(aggregator.openPeriods.minute == ten + 60)
        #expect(aggregator.openPeriods.hour == ten)
        #expect(aggregator.openPeriods.day == nil)
    }

    /// 23:59:xx then 00:00:00 local (+08:00): minute, hour and day close in that order.
    @Test func localMidnightClosesMinuteHourAndDayInOrder() {
        var aggregator = Fixture.aggregator()
        let nextMidnight = Fixture.midnight + 86400
        for second in Int64(1)...30 { _ = aggregator.add(Fixture.uniform(nextMidnight - second, Fixture.n(1))) }
        let closed = aggregator.add(Fixture.uniform(nextMidnight, Fixture.n(1)))
        #expect(kinds(closed) == [.minute, .hour, .day])
        #expect(closed.map(\.periodStart) == [nextMidnight - 60, nextMidnight - 3600, Fixture.midnight])
    }

    @Test func advanceClosesExactlyAtThePeriodEnd() {
        var aggregator = Fixture.aggregator()
        let nextMidnight = Fixture.midnight + 86400
        _ = aggregator.add(Fixture.uniform(nextMidnight - 90, Fixture.n(1)))
        #expect(aggregator.advance(toSecond: nextMidnight - 61) == [])
        #expect(kinds(aggregator.advance(toSecond: nextMidnight - 60)) == [.minute])
        #expect(aggregator.add(Fixture.uniform(nextMidnight - 10, Fixture.n(1))) == [])
        #expect(aggregator.advance(toSecond: nextMidnight - 1) == [])
        #expect(kinds(aggregator.advance(toSecond: nextMidnight)) == [.minute, .hour, .day])
        #expect(aggregator.advance(toSecond: nextMidnight + 86400) == [])
        #expect(aggregator.openPeriods.minute == nil && aggregator.openPeriods.hour == nil && aggregator.openPeriods.day == nil)
    }

    /// Minutes 10:01–10:04 have no record: they are not emitted, and the hour counts 2 minutes.
    @Test func periodsWithoutRecordsAreNotEmitted() {
        var aggregator = Fixture.aggregator()
        for second in 0..<12 { _ = aggregator.add(Fixture.uniform(ten + Int64(second), Fixture.n(1))) }
        let closed = aggregator.add(Fixture.uniform(ten + 300, Fixture.n(1)))
        #expect(closed.map(\.periodStart) == [ten])
        #expect(aggregator.advance(toSecond: ten + 360).map(\.periodStart) == [ten + 300])
        #expect(aggregator.advance(toSecond: ten + 3599) == [])
        let hour = aggregator.advance(toSecond: ten + 3600)
        #expect(kinds(hour) == [.hour])
        #expect(hour.first?.parameters[0].validCount == 1)
        #expect(hour.first?.parameters[0].totalCount == 2)
    }

    @Test func outOfOrderRecordsCountInNoPeriod() {
        var aggregator = Fixture.aggregator()
        _ = aggregator.add(Fixture.uniform(ten + 10, Fixture.n(1)))
        #expect(aggregator.add(Fixture.uniform(ten + 10, Fixture.n(2))) == [])  // same second again
        #expect(aggregator.add(Fixture.uniform(ten + 5, Fixture.n(3))) == [])   // stepped back
        #expect(aggregator.rejectedOutOfOrder == 2)
        #expect(kinds(aggregator.advance(toSecond: ten + 60)) == [.minute])
        #expect(aggregator.add(Fixture.uniform(ten + 59, Fixture.n(4))) == [])  // its minute has closed
        #expect(aggregator.rejectedOutOfOrder == 3)
        _ = aggregator.add(Fixture.uniform(ten + 130, Fixture.n(5)))
        #expect(aggregator.add(Fixture.uniform(ten + 70, Fixture.n(6))) == [])  // older than the open minute
        #expect(aggregator.rejectedOutOfOrder == 4)
        let closed = aggregator.advance(toSecond: ten + 3600)
        #expect(closed.map(\.periodStart) == [ten + 120, ten])
        #expect(closed.last?.parameters[0].totalCount == 2)
    }

    @Test func recordsOfAnotherConfigurationAreRefused() {
        var aggregator = Fixture.aggregator()
        var foreign = Fixture.uniform(ten, Fixture.n(1))
        foreign.configurationTag ^= 1
        #expect(aggregator.add(foreign) == [])
        var short = Fixture.uniform(ten + 1, Fixture.n(1))
        short.values.removeLast()
        #expect(aggregator.add(short) == [])
        #expect(aggregator.rejectedForeignConfiguration == 2)
        #expect(aggregator.openPeriods.minute == nil)
    }

    /// Hour from minutes and day from hours, hand-computed (thresholds 2 / 2 / 1, 50 %):
    /// 10:00 CH4 10, 20 (avg 15, 2 valid), flow 3600 × 2 (2 m³)
    /// 10:01 CH4 30 × 3 (avg 30, 3 valid), flow 7200 × 3 (6 m³)
    /// 10:02 CH4 50 and D: 1 valid < 2 → minute D, left out of the hour's values
    /// hour 10: 2 of 3 minutes valid → N; avg (15·2 + 30·3)/5 = 24; min 10; max 30; flow 8 m³
    /// 11:00 CH4 40 × 2, 11:01 CH4 60 × 2 → hour 11 avg 50, flow 2 + 2 = 4 m³
    /// day: hours 10 and 11 valid; avg (24·2 + 50·2)/4 = 37; min 10; max 60; flow 12 m³
    @Test func hoursFromMinutesAndDaysFromHours() throws {
        let thresholds = StatisticsThresholds(minuteMinimumSamples: 2, hourMinimumMinutes: 2, dayMinimumHours: 1, normalFraction: 0.5)
        var aggregator = Fixture.aggregator(thresholds)
        let b = Fixture.flagged(.communication)
        func feed(_ second: Int64, _ ch4: FlaggedValue, _ flow: FlaggedValue) -> [StatisticsRecord] {
            aggregator.add(Fixture.record(second, [ch4, flow, b, b]))
        }
        var closed: [StatisticsRecord] = []
        closed += feed(ten, Fixture.n(10), Fixture.n(3600))
        closed += feed(ten + 1, Fixture.n(20), Fixture.n(3600))
        for second in Int64(60)..<63 { closed += feed(ten + second, Fixture.n(30), Fixture.n(7200)) }
        closed += feed(ten + 120, Fixture.n(50), Fixture.n(3600))
        closed += feed(ten + 121, Fixture.flagged(.fault, -1), Fixture.flagged(.fault))
        for (minute, value) in [(Int64(0), 40.0), (1, 60)] {
            closed += feed(ten + 3600 + 60 * minute, Fixture.n(value), Fixture.n(3600))
            closed += feed(ten + 3600 + 60 * minute + 1, Fixture.n(value), Fixture.n(3600))
        }
        closed += aggregator.advance(toSecond: Fixture.midnight + 86400)
        #expect(kinds(closed) == [.minute, .minute, .minute, .hour, .minute, .minute, .hour, .day])
        let minute2 = closed[2].parameters[0]
        #expect(minute2 == ParameterStatistics(minimum: 50, average: 50, maximum: 50, cumulative: nil, validCount: 1, totalCount: 2,
                                               flag: .fault))
        let hour10 = try #require(closed.first { $0.kind == .hour && $0.periodStart == ten })
        #expect(hour10.parameters[0] == ParameterStatistics(minimum: 10, average: 24, maximum: 30, cumulative: nil, validCount: 2,
                                                            totalCount: 3, flag: .normal))
        #expect(hour10.parameters[1].cumulative == 8)
        #expect(hour10.parameters[2] == ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil, validCount: 0,
                                                            totalCount: 3, flag: .communication))
        let day = try #require(closed.last)
        #expect(day.periodStart == Fixture.midnight)
        #expect(day.parameters[0] == ParameterStatistics(minimum: 10, average: 37, maximum: 60, cumulative: nil, validCount: 2,
                                                         totalCount: 2, flag: .normal))
        #expect(day.parameters[1].cumulative == 12)
    }

    /// Default thresholds: 45 normal minutes of 60 make a normal hour, 44 do not.
    @Test func hourNeedsFortyFiveValidMinutes() throws {
        for validMinutes in [45, 44] {
            var aggregator = Fixture.aggregator()
            for minute in 0..<60 {
                let value = minute < validMinutes ? Fixture.n(1) : Fixture.flagged(.communication)
                for second in 0..<12 { _ = aggregator.add(Fixture.uniform(ten + Int64(60 * minute + second), value)) }
            }
            let closed = aggregator.advance(toSecond: ten + 3600)
            let hour = try #require(closed.last)
            #expect(hour.kind == .hour)
            #expect(hour.parameters[0].validCount == validMinutes)
            #expect(hour.parameters[0].totalCount == 60)
            #expect(hour.parameters[0].flag == (validMinutes == 45 ? .normal : .communication))
        }
    }

    /// Default thresholds: a day needs 20 normal hours.
    @Test func dayNeedsTwentyValidHours() throws {
        for validHours in [20, 19] {
            let thresholds = StatisticsThresholds(minuteMinimumSamples: 1, hourMinimumMinutes: 1)
            var aggregator = Fixture.aggregator(thresholds)
            for hour in 0..<24 {
                let value = hour < validHours ? Fixture.n(1) : Fixture.flagged(.stopped)
                _ = aggregator.add(Fixture.uniform(Fixture.midnight + Int64(3600 * hour), value))
            }
            let day = try #require(aggregator.advance(toSecond: Fixture.midnight + 86400).last)
            #expect(day.kind == .day)
            #expect(day.parameters[0].validCount == validHours)
            // 19 of 24 = 79 % valid is above 75 %, yet below 20 hours: the roll-up flag.
            #expect(day.parameters[0].flag == (validHours == 20 ? .normal : .stopped))
        }
    }

    /// +05:30: hours start at hh:30 UTC and the day at 18:30 UTC.
    @Test func halfHourOffsetPeriods() throws {
        let clock = PeriodClock(utcOffsetSeconds: 19800)
        var aggregator = Fixture.aggregator(StatisticsThresholds(minuteMinimumSamples: 1, hourMinimumMinutes: 1, dayMinimumHours: 1),
                                            clock: clock)
        let localMidnight: Int64 = 1_796_083_200 + 18 * 3600 + 1800  // 2026-12-01T18:30:00Z
        _ = aggregator.add(Fixture.uniform(localMidnight - 1800 - 1, Fixture.n(1)))  // 23:29:59 local
        let closedAtHalfHour = aggregator.add(Fixture.uniform(localMidnight - 1800, Fixture.n(2)))
        #expect(kinds(closedAtHalfHour) == [.minute])
        _ = aggregator.add(Fixture.uniform(localMidnight - 1, Fixture.n(3)))
        let closed = aggregator.add(Fixture.uniform(localMidnight, Fixture.n(4)))
        #expect(kinds(closed) == [.minute, .hour, .day])
        #expect(closed[1].periodStart == localMidnight - 3600)
        #expect(closed[2].periodStart == localMidnight - 86400)
        let day = closed[2].parameters[0]
        #expect(day.average == 2 && day.minimum == 1 && day.maximum == 3 && day.validCount == 1 && day.totalCount == 1)
    }
}
