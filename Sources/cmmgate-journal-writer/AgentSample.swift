import Journal
import Metering

/// The records `append --agent-sample NAMES` writes: one of each agent record type, built by the
/// `Metering` codecs for the parameter list NAMES, then one real-time record whose payload is
/// damaged, so `cmmgate journal export` can be checked against known values
/// (Tests/Process/journal_writer.py mirrors them). Record i has time `--time` + i × `--step`;
/// payload times are that time in seconds, periods start on the minute at or before it.
///
/// Position p of the real-time record: p = 1 is missing (nil, flag B), every other p is
/// 12.5 × (p + 1) + 0.125 flagged N. The statistics minute: p = 1 has no values (0 of 60 valid,
/// flag B); every other p has min/avg/max value − 1, value, value + 1, 60 of 60 valid, flag N,
/// and p = 0 (a flow in m³/h) also the cumulative value × 60 / 3600.
enum AgentSample {
    /// The agent's record types (AgentCore's `AgentRecordType`; this tool does not link AgentCore).
    static let realtime = RecordType(rawValue: 0x10)
    static let statistics = RecordType(rawValue: 0x11)
    static let accounting = RecordType(rawValue: 0x12)
    static let event = RecordType(rawValue: 0x13)

    /// The records in append order, for records at `milliseconds`(i).
    static func records(names: [String], milliseconds: (Int) -> Int64) -> [(type: RecordType, payload: [UInt8])] {
        let tag = RealtimeRecordCodec.configurationTag(names: names)
        func second(_ index: Int) -> Int64 { floorDivide(milliseconds(index), 1000) }
        func minute(_ index: Int) -> Int64 { floorDivide(second(index), 60) * 60 }
        var damaged = RealtimeRecordCodec.encode(realtimeRecord(names.count, tag: tag, second: second(5)))
        if damaged.count > RealtimeRecordCodec.headerSize {
            damaged[RealtimeRecordCodec.headerSize] = 0xFF  // value 0's entry byte: no data flag
        } else {
            damaged.removeLast()  // no values: a truncated header instead
        }
        return [
            (realtime, RealtimeRecordCodec.encode(realtimeRecord(names.count, tag: tag, second: second(0)))),
            (statistics, StatisticsRecordCodec.encode(statisticsRecord(names.count, tag: tag, start: minute(1)))),
            (accounting, AccountingRecordCodec.encode(accountingRecord(tag: tag, start: minute(2)))),
            (event, AgentEventCodec.encode(.crossCheckTripped(name: "pump-1", since: second(3), inlet: 1260.5,
                                                              reference: 1100))),
            (event, AgentEventCodec.encode(.stopped(reason: "SIGTERM from \"systemctl stop\"; key=a\\b\t中文"))),
            (realtime, damaged),
        ]
    }

    static func value(_ position: Int) -> Double? {
        position == 1 ? nil : 12.5 * Double(position + 1) + 0.125
    }

    static func realtimeRecord(_ count: Int, tag: UInt32, second: Int64) -> RealtimeRecord {
        let values = (0..<count).map { FlaggedValue(value: value($0), flag: $0 == 1 ? .communication : .normal) }
        return RealtimeRecord(timestamp: second, clockSynchronised: true, configurationTag: tag, values: values)
    }

    static func statisticsRecord(_ count: Int, tag: UInt32, start: Int64) -> StatisticsRecord {
        let parameters = (0..<count).map { position -> ParameterStatistics in
            guard let value = value(position) else {
                return ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil,
                                           validCount: 0, totalCount: 60, flag: .communication)
            }
            return ParameterStatistics(minimum: value - 1, average: value, maximum: value + 1,
                                       cumulative: position == 0 ? value * 60 / 3600 : nil,
                                       validCount: 60, totalCount: 60, flag: .normal)
        }
        return StatisticsRecord(kind: .minute, periodStart: start, configurationTag: tag, parameters: parameters)
    }

    /// One unit `ox1` that ran the whole minute, and the site's energy without a consumption meter.
    static func accountingRecord(tag: UInt32, start: Int64) -> AccountingRecord {
        var unit = OxidizerTotals(name: "ox1")
        unit.standardVolumeCubicMetres = 600.5
        unit.ch4VolumeCubicMetres = 4.8
        unit.ch4MassKilograms = 3.4368
        unit.destroyedKilograms = 3.4368
        unit.destroyedTonnesCO2e = 0.0721728
        unit.measuredSeconds = 60
        unit.runningSeconds = 60
        unit.countedSeconds = 60
        let energy = EnergyTotals(generatedKilowattHours: 12.5, exportedKilowattHours: 11.25, heatGigajoules: 0.75)
        return AccountingRecord(kind: .minute, periodStart: start, configurationTag: tag, constantsName: "example-0C",
                                constantsVersion: "CCER-10-001-V01 placeholder",
                                totals: AccountingTotals(oxidizers: [unit], energy: energy))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
