@testable import Metering

/// Parameters and record builders shared by the statistics tests.
enum Fixture {
    /// One parameter of each kind: CH4 % (level), flow m³/h (rate per hour), energy kWh (counter),
    /// oxidizer running (status).
    static let specs = [
        ParameterSpec(index: 0, name: "CH4", lowerLimit: 0, upperLimit: 100, periodSeconds: 1, toleranceSeconds: 2, kind: .level),
        ParameterSpec(index: 1, name: "flow", lowerLimit: 0, upperLimit: 10000, periodSeconds: 1, toleranceSeconds: 2,
                      kind: .rate(secondsPerUnitTime: 3600)),
        ParameterSpec(index: 2, name: "energy", lowerLimit: 0, upperLimit: 1e9, periodSeconds: 1, toleranceSeconds: 2, kind: .counter),
        ParameterSpec(index: 3, name: "running", lowerLimit: 0, upperLimit: 1, periodSeconds: 1, toleranceSeconds: 2, kind: .status),
    ]
    static let tag = RealtimeRecordCodec.configurationTag(names: specs.map(\.name))
    /// +08:00.
    static let clock = PeriodClock(utcOffsetSeconds: 8 * 3600)
    /// 2026-12-02 00:00 local (+08:00) = 2026-12-01T16:00:00Z.
    static let midnight: Int64 = 1_796_140_800
    /// 10:00 local on that day.
    static let tenOClock = midnight + 10 * 3600

    static func n(_ value: Double) -> FlaggedValue { FlaggedValue(value: value, flag: .normal) }
    static func flagged(_ flag: DataFlag, _ value: Double? = nil) -> FlaggedValue { FlaggedValue(value: value, flag: flag) }

    static func record(_ second: Int64, _ values: [FlaggedValue]) -> RealtimeRecord {
        RealtimeRecord(timestamp: second, clockSynchronised: true, configurationTag: tag, values: values)
    }

    /// A record with the same value and flag for all four parameters.
    static func uniform(_ second: Int64, _ value: FlaggedValue) -> RealtimeRecord {
        record(second, Array(repeating: value, count: specs.count))
    }

    static func aggregator(_ thresholds: StatisticsThresholds = StatisticsThresholds(),
                           clock: PeriodClock = Fixture.clock) -> StatisticsAggregator {
        StatisticsAggregator(specs: specs, thresholds: thresholds, clock: clock)
    }
}
