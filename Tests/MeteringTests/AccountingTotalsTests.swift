import Testing
@testable import Metering

/// Example 4 of docs/accounting.md (a minute with a non-running and an excluded second) and the
/// additivity property: merging partial totals in any grouping equals adding seconds one by one.
@Suite struct AccountingTotalsTests {
    /// Example 4: 58 seconds as example 1, second 20 stopped (status 0), second 40 with CH4 flagged C.
    static func exampleMinute() -> AccountingTotals {
        var totals = AccountingTotals(oxidizerNames: ["RTO-1"])
        for second in 0..<60 {
            var inputs = AccountingFixtures.working
            if second == 20 { inputs.running = Measured(0) }
            if second == 40 { inputs.ch4Percent = Measured(0.8, valid: false) }
            totals.add(SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius), oxidizer: 0)
        }
        totals.addEnergy(generatedKWh: 12.5, exportedKWh: 11.25, consumedKWh: 1.5, heatGJ: nil)
        return totals
    }

    @Test func example4MinuteWithStoppedAndExcludedSeconds() {
        let totals = Self.exampleMinute()
        let unit = totals.oxidizers[0]
        #expect(unit.name == "RTO-1")
        #expect(unit.countedSeconds == 58 && unit.notRunningSeconds == 1 && unit.excludedSeconds == 1)
        #expect(unit.runningSeconds == 59 && unit.measuredSeconds == 59 && unit.totalSeconds == 60)
        #expect(isClose(unit.standardVolumeCubicMetres, 525.458015026))
        #expect(isClose(unit.ch4VolumeCubicMetres, 4.2036641202))
        #expect(isClose(unit.ch4MassKilograms, 3.00982351007))
        #expect(isClose(unit.destroyedKilograms, 2.95880955227))
        #expect(isClose(unit.destroyedTonnesCO2e, 0.0621350005976))
        #expect(isClose(totals.tonnesCO2e, 0.0621350005976))
        #expect(totals.energy == EnergyTotals(generatedKilowattHours: 12.5, exportedKilowattHours: 11.25,
                                              consumedKilowattHours: 1.5, heatGigajoules: nil))
    }

    @Test func energyStaysNilUntilADeltaArrives() {
        var energy = EnergyTotals()
        energy.add(generatedKWh: nil, exportedKWh: nil, consumedKWh: nil, heatGJ: nil)
        #expect(energy == EnergyTotals())
        energy.add(generatedKWh: nil, exportedKWh: nil, consumedKWh: nil, heatGJ: 0)
        #expect(energy.heatGigajoules == 0 && energy.generatedKilowattHours == nil)
        energy.merge(EnergyTotals(generatedKilowattHours: 2, heatGigajoules: 0.25))
        #expect(energy == EnergyTotals(generatedKilowattHours: 2, heatGigajoules: 0.25))
    }

    @Test func mergeMatchesUnitsByNameAndAppendsNewOnes() {
        var hour = AccountingTotals(oxidizerNames: ["A", "B"])
        var other = AccountingTotals(oxidizerNames: ["B", "C"])
        let second = SecondAccounting.compute(AccountingFixtures.standard, constants: AccountingFixtures.zeroCelsius)
        other.add(second, oxidizer: 0)
        other.add(second, oxidizer: 1)
        hour.add(second, oxidizer: 1)
        hour.merge(other)
        #expect(hour.oxidizers.map(\.name) == ["A", "B", "C"])
        #expect(hour.oxidizers.map(\.countedSeconds) == [0, 2, 1])
        #expect(isClose(hour.tonnesCO2e, 3 * 0.00120288))
    }

    /// Random seconds for two units (a mix of counted, stopped and excluded, some longer than a
    /// second) and random energy deltas, added one by one, equal the same seconds cut into random
    /// runs that are totalled separately and merged back in a random tree.
    @Test(arguments: [1, 2, 3, 42, 0xC0FFEE] as [UInt64])
    func mergingInAnyGroupingEqualsAddingOneByOne(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let steps = (0..<400).map { _ in Self.randomStep(&generator) }
        var sequential = AccountingTotals(oxidizerNames: ["U1", "U2"])
        for step in steps { Self.apply(step, to: &sequential) }

        var parts: [AccountingTotals] = []
        var index = 0
        while index < steps.count {
            let length = Int.random(in: 1...40, using: &generator)
            var part = AccountingTotals(oxidizerNames: ["U1", "U2"])
            for step in steps[index..<min(index + length, steps.count)] { Self.apply(step, to: &part) }
            parts.append(part)
            index += length
        }
        while parts.count > 1 {
            let at = Int.random(in: 0..<(parts.count - 1), using: &generator)
            var merged = parts[at]
            merged.merge(parts[at + 1])
            parts.replaceSubrange(at...(at + 1), with: [merged])
        }
        Self.expectClose(parts[0], sequential)
    }

    enum Step {
        case second(SecondResult, unit: Int)
        case energy([Double?])
    }

    static func randomStep(_ generator: inout SeededGenerator) -> Step {
        if Int.random(in: 0..<10, using: &generator) == 0 {
            let deltas: [Double?] = (0..<4).map { _ in
                Bool.random(using: &generator) ? Double.random(in: 0...50, using: &generator) : nil
            }
            return .energy(deltas)
        }
        var inputs = AccountingInputs(
            flow: Measured(Double.random(in: 0...60000, using: &generator)),
            flowConditions: Bool.random(using: &generator) ? .working : .standard,
            ch4Percent: Measured(Double.random(in: 0...1.5, using: &generator),
                                 valid: Int.random(in: 0..<20, using: &generator) != 0),
            temperatureCelsius: Measured(Double.random(in: -10...60, using: &generator)),
            absolutePressureKilopascals: Measured(Double.random(in: 80...110, using: &generator)),
            running: Measured(Int.random(in: 0..<8, using: &generator) == 0 ? 0 : 1))
        if Int.random(in: 0..<30, using: &generator) == 0 { inputs.running = nil }
        let constants = Bool.random(using: &generator) ? AccountingFixtures.zeroCelsius : AccountingFixtures.twentyCelsius
        let seconds = Double(Int.random(in: 1...5, using: &generator))
        return .second(SecondAccounting.compute(inputs, constants: constants, seconds: seconds),
                       unit: Int.random(in: 0...1, using: &generator))
    }

    static func apply(_ step: Step, to totals: inout AccountingTotals) {
        switch step {
        case .second(let result, let unit): totals.add(result, oxidizer: unit)
        case .energy(let deltas): totals.addEnergy(generatedKWh: deltas[0], exportedKWh: deltas[1],
                                                   consumedKWh: deltas[2], heatGJ: deltas[3])
        }
    }

    static func expectClose(_ actual: AccountingTotals, _ expected: AccountingTotals) {
        #expect(actual.oxidizers.map(\.name) == expected.oxidizers.map(\.name))
        for (got, want) in zip(actual.oxidizers, expected.oxidizers) {
            // Seconds are whole numbers: exact.
            #expect(got.countedSeconds == want.countedSeconds && got.excludedSeconds == want.excludedSeconds)
            #expect(got.notRunningSeconds == want.notRunningSeconds && got.runningSeconds == want.runningSeconds)
            #expect(got.measuredSeconds == want.measuredSeconds)
            #expect(isClose(got.standardVolumeCubicMetres, want.standardVolumeCubicMetres))
            #expect(isClose(got.ch4VolumeCubicMetres, want.ch4VolumeCubicMetres))
            #expect(isClose(got.ch4MassKilograms, want.ch4MassKilograms))
            #expect(isClose(got.destroyedKilograms, want.destroyedKilograms))
            #expect(isClose(got.destroyedTonnesCO2e, want.destroyedTonnesCO2e))
        }
        let pairs = [(actual.energy.generatedKilowattHours, expected.energy.generatedKilowattHours),
                     (actual.energy.exportedKilowattHours, expected.energy.exportedKilowattHours),
                     (actual.energy.consumedKilowattHours, expected.energy.consumedKilowattHours),
                     (actual.energy.heatGigajoules, expected.energy.heatGigajoules)]
        for (got, want) in pairs {
            #expect((got == nil) == (want == nil))
            if let got, let want { #expect(isClose(got, want)) }
        }
        #expect(isClose(actual.tonnesCO2e, expected.tonnesCO2e))
    }
}
