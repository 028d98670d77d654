import Testing
@testable import Metering

/// The hand-worked examples of docs/accounting.md, checked to a relative 1e-9, and the boundaries of
/// the running and exclusion rules.
@Suite struct AccountingSecondTests {
    @Test func example1WorkingFlowAtZeroCelsiusReference() {
        let result = SecondAccounting.compute(AccountingFixtures.working, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .counted)
        #expect(result.running == true && result.volumeMeasured && result.seconds == 1)
        #expect(isClose(result.standardVolumeCubicMetres, 8.90606805128))
        #expect(isClose(result.ch4VolumeCubicMetres, 0.0712485444102))
        #expect(isClose(result.ch4MassKilograms, 0.0510139577977))
        #expect(isClose(result.destroyedKilograms, 0.0510139577977))
        #expect(isClose(result.destroyedTonnesCO2e, 0.00107129311375))
    }

    @Test func example2WorkingFlowAtTwentyCelsiusReference() {
        let result = SecondAccounting.compute(AccountingFixtures.working, constants: AccountingFixtures.twentyCelsius)
        #expect(result.classification == .counted)
        #expect(isClose(result.standardVolumeCubicMetres, 9.55816895198))
        #expect(isClose(result.ch4VolumeCubicMetres, 0.0764653516158))
        #expect(isClose(result.ch4MassKilograms, 0.0510023895278))
        #expect(isClose(result.destroyedTonnesCO2e, 0.00142806690678))
        // The two reference states describe the same gas: the masses agree to the densities' rounding.
        let atZero = SecondAccounting.compute(AccountingFixtures.working, constants: AccountingFixtures.zeroCelsius)
        #expect(isClose(result.ch4MassKilograms, atZero.ch4MassKilograms, relative: 5e-4))
    }

    @Test func example3StandardFlowNeedsNoTemperatureOrPressure() {
        let result = SecondAccounting.compute(AccountingFixtures.standard, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .counted)
        #expect(result.running == true)
        #expect(isClose(result.standardVolumeCubicMetres, 10))
        #expect(isClose(result.ch4VolumeCubicMetres, 0.08))
        #expect(isClose(result.ch4MassKilograms, 0.05728))
        #expect(isClose(result.destroyedTonnesCO2e, 0.00120288))
    }

    @Test func intervalLongerThanOneSecondScalesLinearly() {
        let one = SecondAccounting.compute(AccountingFixtures.working, constants: AccountingFixtures.zeroCelsius)
        let five = SecondAccounting.compute(AccountingFixtures.working, constants: AccountingFixtures.zeroCelsius, seconds: 5)
        #expect(five.seconds == 5)
        #expect(isClose(five.destroyedKilograms, 5 * one.destroyedKilograms))
    }

    @Test func bedTemperatureExactlyAtThresholdIsNotRunning() {
        var inputs = AccountingFixtures.standard
        inputs.bedTemperature = Measured(800)
        let atThreshold = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
        #expect(atThreshold.classification == .notRunning)
        #expect(atThreshold.running == false)
        #expect(atThreshold.destroyedKilograms == 0 && atThreshold.destroyedTonnesCO2e == 0)
        // The gas still passed the inlet: its volume is measured, not destroyed.
        #expect(atThreshold.volumeMeasured && isClose(atThreshold.ch4MassKilograms, 0.05728))
        inputs.bedTemperature = Measured(800.000001)
        #expect(SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius).classification == .counted)
    }

    @Test func thresholdSelectsBedTemperatureOverStatus() {
        var inputs = AccountingFixtures.standard
        inputs.running = Measured(0)
        #expect(SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius).classification == .counted)
        inputs.runningThreshold = nil
        #expect(SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius).classification == .notRunning)
    }

    @Test func statusOtherThanZeroOrOneIsImpossible() {
        var inputs = AccountingFixtures.working
        for value in [0.5, 2, -1, Double.nan] {
            inputs.running = Measured(value)
            let result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
            #expect(result.classification == .excluded(.impossible(.runningStatus)), "\(value)")
            #expect(result.running == nil && result.destroyedKilograms == 0)
        }
    }

    @Test func workingFlowNeedsValidTemperatureAndPressure() {
        let cases: [(WritableKeyPath<AccountingInputs, Measured?>, Measured?, ExclusionReason)] = [
            (\.temperatureCelsius, nil, .missing(.temperature)),
            (\.temperatureCelsius, Measured(25, valid: false), .flagged(.temperature)),
            (\.temperatureCelsius, Measured(-273.15), .impossible(.temperature)),
            (\.absolutePressureKilopascals, nil, .missing(.pressure)),
            (\.absolutePressureKilopascals, Measured(98.5, valid: false), .flagged(.pressure)),
            (\.absolutePressureKilopascals, Measured(0), .impossible(.pressure)),
            (\.flow, nil, .missing(.flow)),
            (\.flow, Measured(-0.001), .impossible(.flow)),
            (\.flow, Measured(.infinity), .impossible(.flow)),
            (\.ch4Percent, Measured(0.8, valid: false), .flagged(.ch4Fraction)),
            (\.ch4Percent, Measured(100.0001), .impossible(.ch4Fraction)),
            (\.ch4Percent, Measured(-0.1), .impossible(.ch4Fraction)),
        ]
        for (path, value, reason) in cases {
            var inputs = AccountingFixtures.working
            inputs[keyPath: path] = value
            let result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
            #expect(result.classification == .excluded(reason), "\(reason)")
            #expect(result.running == true, "known running, still excluded: \(reason)")
            #expect(!result.volumeMeasured && result.standardVolumeCubicMetres == 0 && result.destroyedKilograms == 0)
        }
    }

    @Test func standardFlowIgnoresInvalidTemperatureAndPressure() {
        var inputs = AccountingFixtures.standard
        inputs.temperatureCelsius = Measured(25, valid: false)
        inputs.absolutePressureKilopascals = Measured(-5)
        #expect(SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius).classification == .counted)
    }

    @Test func unknownRunningStateExcludesEvenWithGoodGas() {
        var inputs = AccountingFixtures.standard
        inputs.bedTemperature = nil
        var result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .excluded(.missing(.bedTemperature)))
        #expect(result.running == nil && result.volumeMeasured && result.destroyedKilograms == 0)
        inputs.bedTemperature = Measured(950, valid: false)
        result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .excluded(.flagged(.bedTemperature)))
    }

    @Test func exclusionNamesTheFirstInputInFixedOrder() {
        // Running status first, then flow, CH4, temperature, pressure.
        let inputs = AccountingInputs(flow: nil, flowConditions: .working, ch4Percent: nil)
        let result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .excluded(.missing(.runningStatus)))
        var running = inputs
        running.running = Measured(1)
        #expect(SecondAccounting.compute(running, constants: AccountingFixtures.zeroCelsius).classification
                    == .excluded(.missing(.flow)))
    }

    @Test func zeroFlowAndZeroCH4AreCountedAsZero() {
        var inputs = AccountingFixtures.working
        inputs.flow = Measured(0)
        var result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .counted && result.destroyedKilograms == 0)
        inputs = AccountingFixtures.working
        inputs.ch4Percent = Measured(0)
        result = SecondAccounting.compute(inputs, constants: AccountingFixtures.zeroCelsius)
        #expect(result.classification == .counted && result.destroyedKilograms == 0 && result.standardVolumeCubicMetres > 0)
    }

    @Test func measuredFromFlaggedValue() {
        #expect(Measured(FlaggedValue(value: 2, flag: .normal)) == Measured(2, valid: true))
        #expect(Measured(FlaggedValue(value: 2, flag: .manual)) == Measured(2, valid: true))
        #expect(Measured(FlaggedValue(value: 2, flag: .overRange)) == Measured(2, valid: false))
        #expect(Measured(FlaggedValue(value: nil, flag: .communication)) == nil)
        #expect(Measured(FlaggedValue(value: 1.5, flag: .normal), transform: { $0 * 60 }) == Measured(90))
    }

    @Test func constantsValidation() throws {
        try AccountingFixtures.zeroCelsius.validate()
        var bad = AccountingFixtures.zeroCelsius
        bad.standardPressureKilopascals = 0
        #expect(throws: MeteringError.self) { try bad.validate() }
        bad = AccountingFixtures.twentyCelsius
        bad.gwpCH4 = .nan
        do {
            try bad.validate()
            Issue.record("NaN GWP accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.hasPrefix("constant set example-20C: gwp_ch4"))
        }
    }
}
