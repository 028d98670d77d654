import AgentCore
import Foundation
import Journal
import Metering
import Testing

/// `AgentRecordDecoding` field by field: each record type's JSON members parse (Foundation's JSON
/// parser stands in for an auditor's tools) and equal what the codecs were given; bad payloads
/// name the byte; `JSONText` escapes everything JSON requires.
@Suite("AgentRecordDecoding")
struct AgentRecordDecodingTests {
    static let names = ["ox1-inlet-flow", "ox1-inlet-ch4", "ox1-inlet-temperature"]
    static let tag = RealtimeRecordCodec.configurationTag(names: names)

    /// The decoded members of `record` as a parsed JSON object.
    func object(_ decoded: DecodedRecord) throws -> [String: Any] {
        var object = JSONObject()
        decoded.append(to: &object)
        let parsed = try JSONSerialization.jsonObject(with: Data(object.closed.utf8))
        return try #require(parsed as? [String: Any])
    }

    func record(_ type: RecordType, _ payload: [UInt8]) -> JournalRecord {
        JournalRecord(sequence: 7, type: type, timestamp: 1_795_824_000_000, payload: payload)
    }

    @Test func realtimeValuesByPositionAndByName() throws {
        let realtime = RealtimeRecord(timestamp: 1_795_824_000, clockSynchronised: true, configurationTag: Self.tag, values: [
            FlaggedValue(value: 1260.5, flag: .normal), FlaggedValue(value: nil, flag: .communication),
            FlaggedValue(value: -3.25e-5, flag: .overRange),
        ])
        let input = record(AgentRecordType.realtime, RealtimeRecordCodec.encode(realtime))
        let decoded = AgentRecordDecoding.decode(input)
        #expect(decoded.kind == "realtime" && decoded.error == nil && decoded.configurationTag == Self.tag)
        let fields = try object(decoded)
        #expect(fields["timestamp"] as? Int == 1_795_824_000)
        #expect(fields["clock_synchronised"] as? Bool == true)
        #expect(fields["configuration_tag"] as? UInt32 == Self.tag)
        let values = try #require(fields["values"] as? [[String: Any]])
        #expect(values.count == 3)
        #expect(values[0]["value"] as? Double == 1260.5 && values[0]["flag"] as? String == "N")
        #expect(values[1]["value"] is NSNull && values[1]["flag"] as? String == "B")
        #expect(values[2]["value"] as? Double == -3.25e-5 && values[2]["flag"] as? String == "T")
        #expect(values.allSatisfy { $0["name"] == nil })
        #expect(decoded.summary == "clock synchronised, tag \(Self.tag), 3 values: #0=1260.5 N; #1=- B; #2=-3.25e-05 T")

        let named = try object(AgentRecordDecoding.decode(input, parameterNames: Self.names))
        let namedValues = try #require(named["values"] as? [[String: Any]])
        #expect(namedValues.map { $0["name"] as? String } == Self.names)
    }

    @Test func statisticsPerParameter() throws {
        let statistics = StatisticsRecord(kind: .hour, periodStart: 1_795_824_000, configurationTag: Self.tag, parameters: [
            ParameterStatistics(minimum: 1200, average: 1250.25, maximum: 1300, cumulative: 1250.25,
                                validCount: 60, totalCount: 60, flag: .normal),
            ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil,
                                validCount: 0, totalCount: 58, flag: .communication),
        ])
        let input = record(AgentRecordType.statistics, StatisticsRecordCodec.encode(statistics))
        let decoded = AgentRecordDecoding.decode(input, parameterNames: Self.names)
        #expect(decoded.kind == "statistics" && decoded.error == nil && decoded.configurationTag == Self.tag)
        let fields = try object(decoded)
        #expect(fields["period"] as? String == "hour" && fields["period_start"] as? Int == 1_795_824_000)
        let entries = try #require(fields["parameters"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries[0]["name"] as? String == "ox1-inlet-flow" && entries[0]["flag"] as? String == "N")
        #expect(entries[0]["min"] as? Double == 1200 && entries[0]["avg"] as? Double == 1250.25)
        #expect(entries[0]["max"] as? Double == 1300 && entries[0]["cumulative"] as? Double == 1250.25)
        #expect(entries[0]["valid_count"] as? Int == 60 && entries[0]["total_count"] as? Int == 60)
        #expect(entries[1]["name"] as? String == "ox1-inlet-ch4" && entries[1]["flag"] as? String == "B")
        #expect(["min", "avg", "max", "cumulative"].allSatisfy { entries[1][$0] is NSNull })
        #expect(entries[1]["valid_count"] as? Int == 0 && entries[1]["total_count"] as? Int == 58)
        #expect(decoded.summary.hasPrefix("hour, tag \(Self.tag), 2 parameters: ox1-inlet-flow N 60/60 min 1200.0"))
    }

    @Test func accountingTotalsAndEnergy() throws {
        var unit = OxidizerTotals(name: "ox1")
        unit.standardVolumeCubicMetres = 1000
        unit.ch4VolumeCubicMetres = 8
        unit.ch4MassKilograms = 5.728
        unit.destroyedKilograms = 5.5
        unit.destroyedTonnesCO2e = 0.1155
        unit.measuredSeconds = 60
        unit.runningSeconds = 58
        unit.countedSeconds = 55
        unit.excludedSeconds = 3
        unit.notRunningSeconds = 2
        let energy = EnergyTotals(generatedKilowattHours: 12.5, exportedKilowattHours: 11.25, consumedKilowattHours: 1.5)
        let accounting = AccountingRecord(kind: .minute, periodStart: 1_795_824_000, configurationTag: Self.tag,
                                          constantsName: "example-0C", constantsVersion: "CCER \"V01\"",
                                          totals: AccountingTotals(oxidizers: [unit], energy: energy))
        let decoded = AgentRecordDecoding.decode(record(AgentRecordType.accounting, AccountingRecordCodec.encode(accounting)))
        #expect(decoded.kind == "accounting" && decoded.error == nil)
        let fields = try object(decoded)
        #expect(fields["period"] as? String == "minute" && fields["period_start"] as? Int == 1_795_824_000)
        #expect(fields["constants_name"] as? String == "example-0C" && fields["constants_version"] as? String == "CCER \"V01\"")
        #expect(fields["tco2e"] as? Double == 0.1155)
        let units = try #require(fields["oxidizers"] as? [[String: Any]])
        let expected: [String: Double] = [
            "standard_volume_m3": 1000, "ch4_volume_m3": 8, "ch4_mass_kg": 5.728, "destroyed_kg": 5.5,
            "destroyed_tco2e": 0.1155, "measured_s": 60, "running_s": 58, "counted_s": 55, "excluded_s": 3,
            "not_running_s": 2,
        ]
        #expect(units.count == 1 && units[0]["name"] as? String == "ox1")
        for (key, value) in expected { #expect(units[0][key] as? Double == value, "\(key)") }
        let energyObject = try #require(fields["energy"] as? [String: Any])
        #expect(energyObject["generated_kwh"] as? Double == 12.5 && energyObject["exported_kwh"] as? Double == 11.25)
        #expect(energyObject["consumed_kwh"] as? Double == 1.5 && energyObject["heat_gj"] is NSNull)
        #expect(decoded.summary.hasSuffix("energy: generated 12.5 kWh, exported 11.25 kWh, consumed 1.5 kWh, heat - GJ"))
    }

    @Test func eventTextWithEscapes() throws {
        let event = AgentEvent.configurationRejected(path: "/etc/cmmgate/site \"a\".conf", firstError: "line 3:\tbad; key=x\\y 中文")
        let decoded = AgentRecordDecoding.decode(record(AgentRecordType.event, AgentEventCodec.encode(event)))
        #expect(decoded.kind == "event" && decoded.error == nil)
        let fields = try object(decoded)
        #expect(fields["code"] as? Int == 111 && fields["event"] as? String == "configurationRejected")
        #expect(fields["severity"] as? String == "warning")
        #expect(fields["text"] as? String == AgentEventCodec.text(event))
        #expect(decoded.summary == "warning: " + AgentEventCodec.text(event))
    }

    @Test func gapEventsDecodeAndUnknownTypesDoNot() throws {
        var payload: [UInt8] = []
        for value: UInt64 in [5, 9, UInt64(bitPattern: 1_795_824_000_000), UInt64(bitPattern: Int64.max)] {
            for shift in stride(from: 0, to: 64, by: 8) { payload.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }
        payload.append(1)
        let decoded = AgentRecordDecoding.decode(record(.gap, payload))
        let fields = try object(decoded)
        #expect(decoded.kind == "gap" && fields["first_sequence"] as? Int == 5 && fields["last_sequence"] as? Int == 9)
        #expect(fields["first_timestamp"] as? Int == 1_795_824_000_000 && fields["last_timestamp"] is NSNull)
        #expect(fields["reason"] as? String == "overwrittenWhenFull" && fields["device_offset"] == nil)
        #expect(AgentRecordDecoding.decode(record(.gap, Array(payload.dropLast()))).error?.hasPrefix("malformed at byte 0") == true)

        let unknown = AgentRecordDecoding.decode(record(RecordType(rawValue: 0x20), [1, 2, 3]))
        #expect(unknown.kind == "unknown" && unknown.members.isEmpty && unknown.error == nil && unknown.summary.isEmpty)
    }

    @Test func badPayloadsSayWhatAndWhere() throws {
        let realtime = RealtimeRecord(timestamp: 1_795_824_000, clockSynchronised: false, configurationTag: 1,
                                      values: [FlaggedValue(value: 1, flag: .normal)])
        var payload = RealtimeRecordCodec.encode(realtime)
        payload[16] = 0xFF  // the first entry byte: no data flag
        let garbled = AgentRecordDecoding.decode(record(AgentRecordType.realtime, payload))
        #expect(garbled.kind == "realtime" && garbled.members.isEmpty && garbled.configurationTag == nil)
        #expect(garbled.error == "malformed at byte 16: value 0: entry byte 0xFF holds no data flag")
        let fields = try object(garbled)
        #expect(fields.count == 1 && fields["error"] as? String == garbled.error)

        let truncated = AgentRecordDecoding.decode(record(AgentRecordType.statistics, [1, 1, 0, 0]))
        #expect(truncated.error?.hasPrefix("truncated at byte 2:") == true)
        let event = AgentRecordDecoding.decode(record(AgentRecordType.event, Array("code=999;kind=x".utf8)))
        #expect(event.error?.hasPrefix("unsupportedVersion at byte 5:") == true)
    }

    @Test func jsonTextEscapesAndNumbers() throws {
        let awkward = "q\"b\\n\nr\rt\t\u{0}\u{1F}\u{7F}\u{2028}中文😀"
        #expect(JSONText.string(awkward) == "\"q\\\"b\\\\n\\nr\\rt\\t\\u0000\\u001F\u{7F}\\u2028中文😀\"")
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + JSONText.string(awkward) + "]").utf8))
        #expect((parsed as? [String])?.first == awkward)
        #expect(JSONText.number(.nan) == "null" && JSONText.number(.infinity) == "null" && JSONText.number(nil) == "null")
        #expect(JSONText.number(-.infinity) == "null" && JSONText.number(1e-5) == "1e-05")
        let numbers = [0.1, -0.0, 1e300, Double.leastNonzeroMagnitude, 123456789.125, 1e16]
        let array = try JSONSerialization.jsonObject(with: Data(JSONText.array(numbers.map { JSONText.number($0) }).utf8))
        #expect((array as? [Double]) == numbers)
    }
}
