/// The journaled form of an `AgentEvent`: a compact UTF-8 text payload, readable as it stands
/// (docs/accounting.md, "Agent event payload"):
///
///     code=300;kind=crossCheckTripped;name=pump-1;since=1795624200;inlet=1260.5;reference=1100.0
///
/// Fields are `key=value`, separated by `;`, with `code` (the kind's stable number) first and
/// `kind` (its name) second, then the kind's keys in a fixed order; an absent optional value is
/// left out. In a value, `\` `;` `=` are written `\\` `\;` `\=`, line feed, carriage return and tab
/// `\n` `\r` `\t`, and every other control character, U+2028 and U+2029 `\u{HEX}`; everything else
/// (any language) is written as UTF-8. So a payload is one line whatever the values hold.
///
/// Decoding is strict and never traps: an unknown code, a kind that does not match it, a missing,
/// repeated or unknown key, a bad number, a bad escape, a raw control character or invalid UTF-8
/// throws a `MeteringError` that says what and at which byte.
public enum AgentEventCodec {
    /// The payload for `event`.
    public static func encode(_ event: AgentEvent) -> [UInt8] {
        Array(text(event).utf8)
    }

    /// The payload for `event` as text.
    public static func text(_ event: AgentEvent) -> String {
        var text = "code=\(event.code);kind=\(event.kind.name)"
        for (key, value) in fields(of: event) {
            text += ";\(key)="
            EventText.appendEscaped(value, to: &text)
        }
        return text
    }

    /// The event in `bytes`, or a `MeteringError` saying what is wrong and where.
    public static func decode(_ bytes: [UInt8]) throws(MeteringError) -> AgentEvent {
        var fields = try EventText.fields(bytes)
        guard fields.count >= 2, fields[0].key == "code", fields[1].key == "kind" else {
            throw MeteringError(.malformed, "an event payload starts with code=…;kind=…", offset: 0)
        }
        let code = fields[0]
        guard let number = UInt16(code.value), String(number) == code.value else {
            throw MeteringError(.malformed, "event code \(code.value) is not a number", offset: code.valueOffset)
        }
        guard let kind = AgentEvent.Kind(rawValue: number) else {
            throw MeteringError(.unsupportedVersion, "event code \(number) is not known to this version",
                                offset: code.valueOffset)
        }
        guard fields[1].value == kind.name else {
            throw MeteringError(.malformed, "event code \(number) is \(kind.name), not \(fields[1].value)",
                                offset: fields[1].valueOffset)
        }
        fields.removeFirst(2)
        var reader = try EventFieldReader(fields, kind: kind, end: bytes.count)
        let event = try event(kind, &reader)
        try reader.finish()
        return event
    }

    /// The event in `text`.
    public static func decode(text: String) throws(MeteringError) -> AgentEvent {
        try decode(Array(text.utf8))
    }

    static func fields(of event: AgentEvent) -> [(String, String)] {
        switch event {
        case .started(let version, let last):
            return [("version", version)] + (last.map { [("lastRecordSecond", String($0))] } ?? [])
        case .stopped(let reason): return [("reason", reason)]
        case .configurationLoaded(let tag, let path): return [("tag", String(tag)), ("path", path)]
        case .configurationRejected(let path, let error): return [("path", path), ("firstError", error)]
        case .clockStepped(let step):
            return [("from", String(step.from)), ("to", String(step.to)), ("delta", String(step.deltaNanoseconds))]
        case .clockUnsynchronised, .clockSynchronised: return []
        case .crossCheckTripped(let name, let since, let inlet, let reference):
            return [("name", name), ("since", String(since)), ("inlet", String(inlet)), ("reference", String(reference))]
        case .crossCheckCleared(let name, let at): return [("name", name), ("at", String(at))]
        case .meterOffline(let name, let since): return [("name", name), ("since", String(since))]
        case .meterOnline(let name, let down): return [("name", name), ("downSeconds", String(down))]
        case .busOutage(let name, let since, let reason):
            return [("name", name), ("since", String(since)), ("reason", reason)]
        case .busRestored(let name, let down): return [("name", name), ("downSeconds", String(down))]
        case .calibrationOverdue(let meter, let due): return [("meter", meter), ("due", due)]
        case .operatorFlag(let parameter, let mode, let by):
            return [("parameter", parameter)] + modeFields(mode) + [("by", by)]
        }
    }

    private static func modeFields(_ mode: OperatorMode) -> [(String, String)] {
        switch mode {
        case .normal: [("mode", "normal")]
        case .maintenance: [("mode", "maintenance")]
        case .calibrating: [("mode", "calibrating")]
        case .manual(let value): [("mode", "manual"), ("value", String(value))]
        }
    }

    private static func event(_ kind: AgentEvent.Kind, _ reader: inout EventFieldReader) throws(MeteringError) -> AgentEvent {
        switch kind {
        case .started:
            return .started(version: try reader.string("version"), lastRecordSecond: try reader.optionalInt64("lastRecordSecond"))
        case .stopped: return .stopped(reason: try reader.string("reason"))
        case .configurationLoaded: return .configurationLoaded(tag: try reader.uint32("tag"), path: try reader.string("path"))
        case .configurationRejected:
            return .configurationRejected(path: try reader.string("path"), firstError: try reader.string("firstError"))
        case .clockStepped:
            let step = ClockStep(from: try reader.int64("from"), to: try reader.int64("to"),
                                 deltaNanoseconds: try reader.int64("delta"))
            return .clockStepped(step)
        case .clockUnsynchronised: return .clockUnsynchronised
        case .clockSynchronised: return .clockSynchronised
        case .crossCheckTripped:
            return .crossCheckTripped(name: try reader.string("name"), since: try reader.int64("since"),
                                      inlet: try reader.double("inlet"), reference: try reader.double("reference"))
        case .crossCheckCleared: return .crossCheckCleared(name: try reader.string("name"), at: try reader.int64("at"))
        case .meterOffline: return .meterOffline(name: try reader.string("name"), since: try reader.int64("since"))
        case .meterOnline: return .meterOnline(name: try reader.string("name"), downSeconds: try reader.int64("downSeconds"))
        case .busOutage:
            return .busOutage(name: try reader.string("name"), since: try reader.int64("since"),
                              reason: try reader.string("reason"))
        case .busRestored: return .busRestored(name: try reader.string("name"), downSeconds: try reader.int64("downSeconds"))
        case .calibrationOverdue: return .calibrationOverdue(meter: try reader.string("meter"), due: try reader.string("due"))
        case .operatorFlag:
            let parameter = try reader.string("parameter")
            return .operatorFlag(parameter: parameter, mode: try operatorMode(&reader), by: try reader.string("by"))
        }
    }

    private static func operatorMode(_ reader: inout EventFieldReader) throws(MeteringError) -> OperatorMode {
        let (mode, offset) = try reader.stringWithOffset("mode")
        switch mode {
        case "normal": return .normal
        case "maintenance": return .maintenance
        case "calibrating": return .calibrating
        case "manual": return .manual(try reader.double("value"))
        default:
            throw MeteringError(.malformed, "mode \(mode) is not normal, maintenance, calibrating or manual", offset: offset)
        }
    }
}
