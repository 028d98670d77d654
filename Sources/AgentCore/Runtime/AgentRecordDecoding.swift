import Journal
import Metering

/// A journal record's payload as `cmmgate journal export` shows it: the record's kind, its fields
/// decoded by the `Metering` codecs as JSON members, a one-line summary for a person, or what was
/// wrong with the payload and at which byte.
public struct DecodedRecord: Sendable {
    /// `realtime`, `statistics`, `accounting`, `event` (`AgentRecordType`), `gap`, or `unknown`.
    public var kind: String
    /// The decoded fields as (key, JSON value) in output order; empty for an unknown type and for
    /// a payload that did not decode.
    public var members: [(key: String, json: String)] = []
    /// What the payload says, on one line; empty for an unknown type.
    public var summary = ""
    /// What was wrong with the payload (`MeteringError.description`: code, byte offset, message)
    /// when it did not decode.
    public var error: String?
    /// The configuration tag of a real-time or statistics record, whose positions are parameters.
    public var configurationTag: UInt32?

    public init(kind: String) {
        self.kind = kind
    }

    /// Adds the decoded fields, or `"error"`, to `object`.
    public func append(to object: inout JSONObject) {
        for member in members { object.raw(member.key, member.json) }
        if let error { object.add("error", error) }
    }
}

/// Decodes the agent's record types (`AgentRecordType`) and the journal's gap events for exports.
/// Positions in real-time and statistics records are parameter indices; given `parameterNames`
/// (the configuration's parameters in order), each value is named too. Whether the names belong
/// to the record is the caller's to check (`DecodedRecord.configurationTag`).
public enum AgentRecordDecoding {
    /// `record`'s payload decoded; never throws: a bad payload is reported in `error`.
    public static func decode(_ record: JournalRecord, parameterNames: [String]? = nil) -> DecodedRecord {
        let kind = record.type == .gap ? "gap" : AgentRecordType.name(of: record.type) ?? "unknown"
        do throws(MeteringError) {
            switch record.type {
            case AgentRecordType.realtime: return try realtime(record.payload, parameterNames)
            case AgentRecordType.statistics: return try statistics(record.payload, parameterNames)
            case AgentRecordType.accounting: return try accounting(record.payload)
            case AgentRecordType.event: return try event(record.payload)
            case AgentRecordType.siteInformation: return siteInformation(record.payload)
            case .gap: return try gap(record.payload)
            default: return DecodedRecord(kind: kind)
            }
        } catch {
            var decoded = DecodedRecord(kind: kind)
            decoded.error = error.description
            return decoded
        }
    }

    static func realtime(_ payload: [UInt8], _ names: [String]?) throws(MeteringError) -> DecodedRecord {
        let record = try RealtimeRecordCodec.decode(payload)
        var decoded = DecodedRecord(kind: "realtime")
        decoded.configurationTag = record.configurationTag
        var values: [String] = []
        var parts: [String] = []
        for (index, entry) in record.values.enumerated() {
            let name = parameterName(index, names)
            var object = JSONObject()
            if let name { object.add("name", name) }
            object.add("value", entry.value)
            object.add("flag", String(entry.flag.letter))
            values.append(object.closed)
            parts.append("\(name ?? "#\(index)")=\(text(entry.value)) \(entry.flag)")
        }
        decoded.members = [
            ("timestamp", String(record.timestamp)),
            ("clock_synchronised", record.clockSynchronised ? "true" : "false"),
            ("configuration_tag", String(record.configurationTag)),
            ("values", JSONText.array(values)),
        ]
        decoded.summary = "clock \(record.clockSynchronised ? "synchronised" : "NOT synchronised"), "
            + "tag \(record.configurationTag), \(count(record.values.count, "value")): " + parts.joined(separator: "; ")
        return decoded
    }

    static func statistics(_ payload: [UInt8], _ names: [String]?) throws(MeteringError) -> DecodedRecord {
        let record = try StatisticsRecordCodec.decode(payload)
        var decoded = DecodedRecord(kind: "statistics")
        decoded.configurationTag = record.configurationTag
        var entries: [String] = []
        var parts: [String] = []
        for (index, entry) in record.parameters.enumerated() {
            let name = parameterName(index, names)
            var object = JSONObject()
            if let name { object.add("name", name) }
            object.add("flag", String(entry.flag.letter))
            object.add("valid_count", entry.validCount)
            object.add("total_count", entry.totalCount)
            let figures: [(String, Double?)] = [("min", entry.minimum), ("avg", entry.average),
                                                ("max", entry.maximum), ("cumulative", entry.cumulative)]
            var part = "\(name ?? "#\(index)") \(entry.flag) \(entry.validCount)/\(entry.totalCount)"
            for (key, value) in figures {
                object.add(key, value)
                if let value { part += " \(key) \(value)" }
            }
            entries.append(object.closed)
            parts.append(part)
        }
        decoded.members = [
            ("period", JSONText.string(record.kind.description)),
            ("period_start", String(record.periodStart)),
            ("configuration_tag", String(record.configurationTag)),
            ("parameters", JSONText.array(entries)),
        ]
        decoded.summary = "\(record.kind), tag \(record.configurationTag), "
            + "\(count(record.parameters.count, "parameter")): " + parts.joined(separator: "; ")
        return decoded
    }

    static func gap(_ payload: [UInt8]) throws(MeteringError) -> DecodedRecord {
        guard let gap = GapEvent(decoding: payload) else {
            throw MeteringError(.malformed, "a gap payload is 33 bytes (41 for a corrupt region) ending in a "
                                + "reason 1, 2 or 3, not these \(payload.count) bytes", offset: 0)
        }
        var decoded = DecodedRecord(kind: "gap")
        let known = { (time: Int64) -> String in time == .min || time == .max ? "null" : String(time) }
        decoded.members = [
            ("first_sequence", String(gap.firstSequence)),
            ("last_sequence", String(gap.lastSequence)),
            ("first_timestamp", known(gap.firstTimestamp)),
            ("last_timestamp", known(gap.lastTimestamp)),
            ("reason", JSONText.string("\(gap.reason)")),
        ]
        decoded.summary = "records \(gap.firstSequence)…\(gap.lastSequence) lost, reason \(gap.reason)"
        if let offset = gap.deviceOffset {
            decoded.members.append(("device_offset", String(offset)))
            decoded.summary += " at device byte \(offset)"
        }
        return decoded
    }

    /// The name of the parameter at `index`, when names are given and reach that far.
    static func parameterName(_ index: Int, _ names: [String]?) -> String? {
        guard let names, index < names.count else { return nil }
        return names[index]
    }

    /// A value for the summary: the number, or `-` when there is none.
    static func text(_ value: Double?) -> String {
        value.map { "\($0)" } ?? "-"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
