import Testing
@testable import Metering

/// Property: feeding a day of records in one go gives the same journaled statistics as feeding them
/// with crashes and restores at random cut points (with and without an outage after the crash, and
/// with the statistics of the crash second lost or not).
@Suite struct StatisticsRestorePropertyTests {
    /// SplitMix64 (Steele, Lea, Flood), local so the test depends on nothing else.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    struct Cut {
        var second: Int64
        var outage: Int64
        var statisticsLost: Bool
    }

    /// 22:00 local on the day before to 02:00 on the day after: two midnights, 28 hours.
    static let first = Fixture.midnight - 2 * 3600
    static let last = Fixture.midnight + 86400 + 2 * 3600

    /// One record per second except in random gaps; every flag occurs; the counter rises and
    /// occasionally resets.
    static func records(_ random: inout SplitMix) -> [Int64: RealtimeRecord] {
        var records: [Int64: RealtimeRecord] = [:]
        var energy = 1000.0
        var running = 1.0
        var gapUntil = Int64.min
        for second in first...last {
            if second < gapUntil { continue }
            if random.unit() < 0.0005 { gapUntil = second + 1 + Int64(random.below(200)) }
            if random.unit() < 0.002 { continue }
            energy += random.unit() * 2
            if random.unit() < 0.0001 { energy = random.unit() * 10 }
            if random.unit() < 0.001 { running = 1 - running }
            records[second] = Fixture.record(second, [
                level(&random), random.unit() < 0.05 ? Fixture.flagged(.communication) : Fixture.n(random.unit() * 5000),
                random.unit() < 0.03 ? Fixture.flagged(.communication) : Fixture.n(energy),
                random.unit() < 0.02 ? Fixture.flagged(.stopped) : Fixture.n(running),
            ])
        }
        return records
    }

    static func level(_ random: inout SplitMix) -> FlaggedValue {
        if random.unit() < 0.85 { return Fixture.n(random.unit() * 100) }
        let flag = DataFlag.allCases[random.below(DataFlag.allCases.count)]
        return FlaggedValue(value: random.unit() < 0.5 ? random.unit() * 120 : nil, flag: flag)
    }

    static func cuts(_ random: inout SplitMix) -> [Cut] {
        var cuts = [Cut(second: Fixture.tenOClock - 3600 * 10, outage: 0, statisticsLost: true),  // local midnight
                    Cut(second: Fixture.tenOClock, outage: 310, statisticsLost: false)]
        let outages: [Int64] = [0, 1, 59, 61, 600]
        for _ in 0..<8 {
            let second = first + Int64(random.below(Int(last - first - 1000)))
            cuts.append(Cut(second: second, outage: outages[random.below(outages.count)] + Int64(random.below(30)),
                            statisticsLost: random.below(2) == 0))
        }
        cuts.sort { $0.second < $1.second }
        var separated: [Cut] = []
        for cut in cuts where cut.second > (separated.last.map { $0.second + $0.outage } ?? first) { separated.append(cut) }
        return separated
    }

    @Test(arguments: [UInt64(1), 0xC0FFEE, 20261201])
    func restartsAtRandomCutsChangeNothing(seed: UInt64) {
        var random = SplitMix(state: seed)
        var records = Self.records(&random)
        let cuts = Self.cuts(&random)
        for cut in cuts where cut.outage > 0 {
            for second in (cut.second + 1)...(cut.second + cut.outage) { records[second] = nil }
        }
        var oneGo = StatisticsSimulation(Fixture.aggregator())
        for second in Self.first...Self.last { oneGo.tick(second, records[second]) }

        var restarted = StatisticsSimulation(Fixture.aggregator())
        var next = 0
        var second = Self.first
        while second <= Self.last {
            let cut = next < cuts.count && cuts[next].second == second ? cuts[next] : nil
            restarted.tick(second, records[second], crashBeforeStatistics: cut?.statisticsLost ?? false)
            second += 1
            if let cut {
                restarted.restart()
                second += cut.outage
                next += 1
            }
        }
        #expect(next == cuts.count)
        let expected = oneGo.statistics
        #expect(restarted.statistics == expected)
        #expect(expected.filter { $0.kind == .day }.map(\.periodStart) == [Fixture.midnight - 86400, Fixture.midnight])
        #expect(Set(expected.map { "\($0.kind) \($0.periodStart)" }).count == expected.count)
        #expect(oneGo.aggregator.rejectedOutOfOrder == 0 && restarted.aggregator.rejectedOutOfOrder == 0)
    }
}
