import Testing
@testable import Metering

/// Counter cumulatives: the register's increase, carried across minute boundaries; a decrease is a
/// reset (docs/metering.md, "Counters").
@Suite struct CounterStatisticsTests {
    /// One valid sample makes a minute normal, so the counter rules show on their own.
    let lenient = StatisticsThresholds(minuteMinimumSamples: 1, hourMinimumMinutes: 1, dayMinimumHours: 1, normalFraction: 0)
    let start = Fixture.tenOClock

    private func energy(_ value: FlaggedValue) -> [FlaggedValue] {
        [Fixture.flagged(.communication), Fixture.flagged(.communication), value, Fixture.flagged(.communication)]
    }

    /// Feeds `minutes[k]` at minute `start + 60 k` (an empty minute has no records) and returns the
    /// energy statistics of every closed minute.
    private func run(_ minutes: [[FlaggedValue]]) -> [Int64: ParameterStatistics] {
        var aggregator = Fixture.aggregator(lenient)
        var closed: [StatisticsRecord] = []
        for (index, values) in minutes.enumerated() {
            for (offset, value) in values.enumerated() {
                closed += aggregator.add(Fixture.record(start + 60 * Int64(index) + Int64(offset), energy(value)))
            }
        }
        closed += aggregator.advance(toSecond: start + 60 * Int64(minutes.count) + 86400)
        var result: [Int64: ParameterStatistics] = [:]
        for record in closed where record.kind == .minute { result[(record.periodStart - start) / 60] = record.parameters[2] }
        return result
    }

    @Test func increaseIsCountedAcrossMinuteBoundaries() {
        let result = run([
            [Fixture.n(100), Fixture.n(105), Fixture.n(110)],                    // 0: first to last, 10
            [Fixture.n(112), Fixture.flagged(.communication), Fixture.n(120)],   // 1: from 110, 10
            [],                                                                   // 2: no records
            [Fixture.n(130), Fixture.n(140)],                                     // 3: minute 2 unseen: 10
            [Fixture.n(141)],                                                     // 4: one reading, from 140: 1
            [Fixture.flagged(.communication), Fixture.flagged(.fault, 150)],     // 5: no valid reading
            [Fixture.n(150)],                                                     // 6: one reading, no reference
        ])
        #expect(result[0]?.cumulative == 10)
        #expect(result[1]?.cumulative == 10)
        #expect(result[2] == nil)
        #expect(result[3]?.cumulative == 10)
        #expect(result[4]?.cumulative == 1)
        #expect(result[4]?.flag == .normal)
        #expect(result[5] == ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil, validCount: 0,
                                                 totalCount: 2, flag: .communication))
        #expect(result[6]?.cumulative == nil)
        #expect(result[6]?.flag == .normal)
    }

    @Test func aDecreaseIsAResetThatVoidsTheCumulative() {
        let result = run([
            [Fixture.n(100), Fixture.n(101), Fixture.n(5), Fixture.n(6)],  // reset inside the minute
            [Fixture.n(7), Fixture.n(9)],                                   // from 6: 3
            [Fixture.n(2), Fixture.n(20)],                                  // below the reference 9: reset
        ])
        #expect(result[0] == ParameterStatistics(minimum: 5, average: 53, maximum: 101, cumulative: nil, validCount: 4,
                                                 totalCount: 4, flag: .fault))
        #expect(result[1]?.cumulative == 3)
        #expect(result[1]?.flag == .normal)
        #expect(result[2]?.cumulative == nil)
        #expect(result[2]?.flag == .fault)
    }

    @Test func aSingleReadingWithoutReferenceHasNoCumulative() {
        let result = run([[Fixture.n(100)]])
        #expect(result[0] == ParameterStatistics(minimum: 100, average: 100, maximum: 100, cumulative: nil, validCount: 1,
                                                 totalCount: 1, flag: .normal))
    }
}
