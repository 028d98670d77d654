import Testing
@testable import Metering

/// Minute statistics from 1-second records, hand-computed (docs/metering.md, "Statistics").
@Suite struct MinuteStatisticsTests {
    let start = Fixture.tenOClock

    /// Feeds one record per value (second `start + i`) and closes the minute.
    private func minute(_ records: [[FlaggedValue]], thresholds: StatisticsThresholds = StatisticsThresholds())
        -> StatisticsRecord? {
        var aggregator = Fixture.aggregator(thresholds)
        for (offset, values) in records.enumerated() {
            #expect(aggregator.add(Fixture.record(start + Int64(offset), values)) == [])
        }
        #expect(aggregator.advance(toSecond: start + 59) == [])
        let closed = aggregator.advance(toSecond: start + 60)
        #expect(closed.count == 1)
        return closed.first
    }

    /// The CH4 (level) statistics of a minute of uniform records.
    private func level(_ values: [FlaggedValue], thresholds: StatisticsThresholds = StatisticsThresholds()) -> ParameterStatistics? {
        minute(values.map { Array(repeating: $0, count: 4) }, thresholds: thresholds)?.parameters[0]
    }

    @Test func fullMinuteOfEveryKind() throws {
        var records: [[FlaggedValue]] = []
        for second in 0..<60 {
            records.append([Fixture.n(Double(second + 1)), Fixture.n(3600), Fixture.n(100 + 0.5 * Double(second)),
                            Fixture.n(second < 45 ? 1 : 0)])
        }
        let record = try #require(minute(records))
        #expect(record.kind == .minute)
        #expect(record.periodStart == start)
        #expect(record.configurationTag == Fixture.tag)
        #expect(record.parameters == [
            ParameterStatistics(minimum: 1, average: 30.5, maximum: 60, cumulative: nil, validCount: 60, totalCount: 60, flag: .normal),
            // 60 s at 3600 m³/h = 60 m³.
            ParameterStatistics(minimum: 3600, average: 3600, maximum: 3600, cumulative: 60, validCount: 60, totalCount: 60, flag: .normal),
            // 129.5 − 100 (no minute before: first to last).
            ParameterStatistics(minimum: 100, average: 114.75, maximum: 129.5, cumulative: 29.5, validCount: 60, totalCount: 60,
                                flag: .normal),
            // Running 45 of 60 valid seconds.
            ParameterStatistics(minimum: 0, average: 0.75, maximum: 1, cumulative: nil, validCount: 60, totalCount: 60, flag: .normal),
        ])
    }

    /// 40 valid of 60 is below 75 %: the most frequent non-valid flag (B, 12) wins over D (8).
    @Test func belowNormalFractionTakesTheMostFrequentNonValidFlag() throws {
        let values = Array(repeating: Fixture.n(10), count: 20) + Array(repeating: Fixture.n(40), count: 20)
            + Array(repeating: Fixture.flagged(.communication), count: 12) + Array(repeating: Fixture.flagged(.fault, 99), count: 8)
        let stats = try #require(level(values))
        #expect(stats == ParameterStatistics(minimum: 10, average: 25, maximum: 40, cumulative: nil, validCount: 40, totalCount: 60,
                                             flag: .communication))
    }

    /// Exactly 75 % valid is normal; T values are kept in the records but are not valid samples.
    @Test func exactlyTheNormalFractionIsNormal() throws {
        let values = Array(repeating: Fixture.n(5), count: 45) + Array(repeating: Fixture.flagged(.overRange, 150), count: 15)
        #expect(try #require(level(values)) == ParameterStatistics(minimum: 5, average: 5, maximum: 5, cumulative: nil,
                                                                  validCount: 45, totalCount: 60, flag: .normal))
        let fewer = Array(repeating: Fixture.n(5), count: 44) + Array(repeating: Fixture.flagged(.overRange, 150), count: 16)
        #expect(try #require(level(fewer)).flag == .overRange)
    }

    /// Fewer valid samples than the minimum: not normal even at 100 %; with no non-valid flag to
    /// name, the shortfall is D. The values are still computed.
    @Test func belowTheMinimumSampleCountIsNotNormal() throws {
        let values = (1...11).map { Fixture.n(Double($0)) }
        #expect(try #require(level(values)) == ParameterStatistics(minimum: 1, average: 6, maximum: 11, cumulative: nil,
                                                                  validCount: 11, totalCount: 11, flag: .fault))
        let twelve = (1...12).map { Fixture.n(Double($0)) }
        #expect(try #require(level(twelve)).flag == .normal)
    }

    /// Ties between non-valid flags go B > D > T > F > C > M.
    @Test func tiesFollowTheDocumentedOrder() throws {
        let pairs: [(DataFlag, DataFlag)] = [(.communication, .fault), (.fault, .overRange), (.overRange, .stopped),
                                             (.stopped, .calibrating), (.calibrating, .maintenance)]
        for (winner, loser) in pairs {
            for order in [[winner, loser], [loser, winner]] {
                let values = Array(repeating: Fixture.flagged(order[0]), count: 30) + Array(repeating: Fixture.flagged(order[1]), count: 30)
                #expect(try #require(level(values)).flag == winner, "\(order)")
            }
        }
        let operatorSet = Array(repeating: Fixture.n(1), count: 10) + Array(repeating: Fixture.flagged(.maintenance, 1), count: 25)
            + Array(repeating: Fixture.flagged(.calibrating, 1), count: 25)
        #expect(try #require(level(operatorSet)).flag == .calibrating)
    }

    @Test func manualValuesAreValidSamples() throws {
        let stats = try #require(level(Array(repeating: Fixture.flagged(.manual, 7), count: 60)))
        #expect(stats == ParameterStatistics(minimum: 7, average: 7, maximum: 7, cumulative: nil, validCount: 60, totalCount: 60,
                                             flag: .normal))
    }

    @Test func noValidValueLeavesEveryStatisticMissing() throws {
        let record = try #require(minute(Array(repeating: Array(repeating: Fixture.flagged(.communication), count: 4), count: 60)))
        for stats in record.parameters {
            #expect(stats == ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil, validCount: 0,
                                                 totalCount: 60, flag: .communication))
        }
    }

    @Test func thresholdsAreConfigurable() throws {
        let values = Array(repeating: Fixture.n(1), count: 59) + [Fixture.flagged(.stopped)]
        #expect(try #require(level(values)).flag == .normal)
        #expect(try #require(level(values, thresholds: StatisticsThresholds(minuteMinimumSamples: 60))).flag == .stopped)
        #expect(try #require(level(values, thresholds: StatisticsThresholds(normalFraction: 1.0))).flag == .stopped)
        let sparse = [Fixture.n(1), Fixture.n(2)]
        #expect(try #require(level(sparse, thresholds: StatisticsThresholds(minuteMinimumSamples: 2))).flag == .normal)
    }

    /// Rate: Σ valid values × 1 s / 3600; invalid seconds add nothing. Status: fraction of valid seconds running.
    @Test func rateAndStatusCountValidSecondsOnly() throws {
        var records: [[FlaggedValue]] = []
        for second in 0..<60 {
            let valid = second < 30
            records.append([Fixture.flagged(.communication),
                            valid ? Fixture.n(7200) : Fixture.flagged(.communication),
                            Fixture.flagged(.communication),
                            valid ? Fixture.n(second < 20 ? 1 : 0) : Fixture.flagged(.stopped)])
        }
        let record = try #require(minute(records))
        #expect(record.parameters[1] == ParameterStatistics(minimum: 7200, average: 7200, maximum: 7200, cumulative: 60,
                                                            validCount: 30, totalCount: 60, flag: .communication))
        #expect(record.parameters[3] == ParameterStatistics(minimum: 0, average: 20.0 / 30.0, maximum: 1, cumulative: nil,
                                                            validCount: 30, totalCount: 60, flag: .stopped))
    }
}
