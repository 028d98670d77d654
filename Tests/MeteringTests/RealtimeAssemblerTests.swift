import Testing
@testable import Metering

@Suite struct RealtimeAssemblerTests {
    static let second: UInt64 = 1_000_000_000
    /// CH4 in 0…100 %, read every 5 s with 2 s tolerance: stale when older than 7 s.
    let specs = [
        ParameterSpec(index: 0, name: "CH4", lowerLimit: 0, upperLimit: 100, periodSeconds: 5, toleranceSeconds: 2, kind: .level),
        ParameterSpec(index: 1, name: "flow", lowerLimit: 0, upperLimit: 5000, periodSeconds: 1, toleranceSeconds: 1,
                      kind: .rate(secondsPerUnitTime: 3600)),
    ]

    private func value(_ assembler: RealtimeAssembler, at now: UInt64, index: Int = 0) -> FlaggedValue {
        assembler.record(second: 1_800_000_000, monotonicNanoseconds: now, clockSynchronised: true,
                         configurationTag: assembler.configurationTag).values[index]
    }

    private func reading(_ outcome: ReadingOutcome, at monotonic: UInt64, index: Int = 0,
                         into assembler: inout RealtimeAssembler) {
        assembler.ingest(index: index, outcome: outcome, wallNanoseconds: 1_800_000_000 * 1_000_000_000,
                         monotonicNanoseconds: monotonic)
    }

    @Test func neverReadIsMissingWithFlagB() {
        let assembler = RealtimeAssembler(specs: specs)
        #expect(value(assembler, at: 0) == FlaggedValue(value: nil, flag: .communication))
        #expect(value(assembler, at: 100 * Self.second, index: 1) == FlaggedValue(value: nil, flag: .communication))
        #expect(assembler.latestReadingWallNanoseconds(index: 0) == nil)
    }

    /// Age = now − reading time on the monotonic clock; stale only when age > period + tolerance.
    @Test func freshUntilPeriodPlusToleranceInclusiveThenStale() {
        var assembler = RealtimeAssembler(specs: specs)
        let taken = 10 * Self.second
        reading(.value(2.5), at: taken, into: &assembler)
        #expect(value(assembler, at: taken) == FlaggedValue(value: 2.5, flag: .normal))
        #expect(value(assembler, at: taken + 7 * Self.second) == FlaggedValue(value: 2.5, flag: .normal))
        #expect(value(assembler, at: taken + 7 * Self.second + 1) == FlaggedValue(value: nil, flag: .communication))
        // A reading stamped after `now` (taken between the record's clock read and the record) is fresh.
        #expect(value(assembler, at: taken - 1) == FlaggedValue(value: 2.5, flag: .normal))
        reading(.value(3.0), at: taken + 8 * Self.second, into: &assembler)
        #expect(value(assembler, at: taken + 9 * Self.second) == FlaggedValue(value: 3.0, flag: .normal))
        let wall: Int64 = 1_800_000_000 * 1_000_000_000
        #expect(assembler.latestReadingWallNanoseconds(index: 0) == wall)
    }

    @Test func rangeLimitsGiveTAboveAndDBelowKeepingTheValue() {
        var assembler = RealtimeAssembler(specs: specs)
        let cases: [(Double, FlaggedValue)] = [
            (100, FlaggedValue(value: 100, flag: .normal)),
            (100.01, FlaggedValue(value: 100.01, flag: .overRange)),
            (0, FlaggedValue(value: 0, flag: .normal)),
            (-0.01, FlaggedValue(value: -0.01, flag: .fault)),
            (.nan, FlaggedValue(value: nil, flag: .fault)),
            (.infinity, FlaggedValue(value: nil, flag: .fault)),
            (-.infinity, FlaggedValue(value: nil, flag: .fault)),
        ]
        for (raw, expected) in cases {
            reading(.value(raw), at: Self.second, into: &assembler)
            #expect(value(assembler, at: Self.second) == expected, "reading \(raw)")
        }
    }

    /// A failed read replaces the last value: the old value is not carried on.
    @Test func failuresReplaceTheLastValueWithTheirFlag() {
        var assembler = RealtimeAssembler(specs: specs)
        let outcomes: [(ReadingOutcome, DataFlag)] = [
            (.communicationFailure, .communication), (.deviceFault, .fault), (.instrumentStopped, .stopped),
        ]
        for (outcome, flag) in outcomes {
            reading(.value(50), at: Self.second, into: &assembler)
            reading(outcome, at: 2 * Self.second, into: &assembler)
            #expect(value(assembler, at: 2 * Self.second) == FlaggedValue(value: nil, flag: flag))
            // The failure itself goes stale: no fresh reading at all is B.
            #expect(value(assembler, at: 9 * Self.second + 1) == FlaggedValue(value: nil, flag: .communication))
        }
        reading(.value(42), at: 20 * Self.second, into: &assembler)
        #expect(value(assembler, at: 20 * Self.second) == FlaggedValue(value: 42, flag: .normal))
    }

    @Test func maintenanceAndCalibrationKeepTheMeasuredValueIfAny() {
        var assembler = RealtimeAssembler(specs: specs)
        assembler.setMode(index: 0, .maintenance)
        #expect(assembler.mode(index: 0) == .maintenance)
        #expect(value(assembler, at: 0) == FlaggedValue(value: nil, flag: .maintenance))
        reading(.value(120), at: Self.second, into: &assembler)
        #expect(value(assembler, at: Self.second) == FlaggedValue(value: 120, flag: .maintenance))
        assembler.setMode(index: 0, .calibrating)
        #expect(value(assembler, at: Self.second) == FlaggedValue(value: 120, flag: .calibrating))
        #expect(value(assembler, at: 9 * Self.second) == FlaggedValue(value: nil, flag: .calibrating))
        reading(.deviceFault, at: 10 * Self.second, into: &assembler)
        #expect(value(assembler, at: 10 * Self.second) == FlaggedValue(value: nil, flag: .calibrating))
        assembler.setMode(index: 0, .normal)
        #expect(value(assembler, at: 10 * Self.second) == FlaggedValue(value: nil, flag: .fault))
        #expect(value(assembler, at: 10 * Self.second, index: 1) == FlaggedValue(value: nil, flag: .communication))
    }

    @Test func manualValueIsSWhateverTheReadings() {
        var assembler = RealtimeAssembler(specs: specs)
        assembler.setMode(index: 1, .manual(360))
        #expect(assembler.mode(index: 1) == .manual(360))
        #expect(value(assembler, at: 0, index: 1) == FlaggedValue(value: 360, flag: .manual))
        reading(.value(9999), at: Self.second, index: 1, into: &assembler)
        #expect(value(assembler, at: Self.second, index: 1) == FlaggedValue(value: 360, flag: .manual))
        reading(.communicationFailure, at: 2 * Self.second, index: 1, into: &assembler)
        #expect(value(assembler, at: 2 * Self.second, index: 1) == FlaggedValue(value: 360, flag: .manual))
        assembler.setMode(index: 1, .manual(.nan))
        #expect(value(assembler, at: 2 * Self.second, index: 1) == FlaggedValue(value: nil, flag: .fault))
        #expect(assembler.mode(index: 0) == .normal)
    }

    @Test func recordCarriesSecondSyncTagAndEveryParameterInIndexOrder() {
        var assembler = RealtimeAssembler(specs: specs)
        reading(.value(1), at: Self.second, index: 0, into: &assembler)
        reading(.value(2), at: Self.second, index: 1, into: &assembler)
        let record = assembler.record(second: 1_796_140_800, monotonicNanoseconds: Self.second,
                                      clockSynchronised: false, configurationTag: 77)
        #expect(record == RealtimeRecord(timestamp: 1_796_140_800, clockSynchronised: false, configurationTag: 77,
                                         values: [FlaggedValue(value: 1, flag: .normal), FlaggedValue(value: 2, flag: .normal)]))
        #expect(assembler.configurationTag == RealtimeRecordCodec.configurationTag(names: ["CH4", "flow"]))
    }
}
