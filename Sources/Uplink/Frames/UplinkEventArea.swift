import AgentCore
import Journal
import Metering
import Wire

/// Agent events as HJ 212 uploads. Neither HJ 212-2017 nor -2025 defines an alarm upload, so the
/// CN is configurable (`[uplink] event_cn`, default 2072: HJ/T 212-2005's alarm-record upload) and
/// the fields are this project's:
///
///     DataTime=20260102030405;EventCode=300,EventKind=crossCheckTripped,EventLevel=alarm;EventText=code%3D300...
///
/// `DataTime` is the event's journal time (local, to the second); `EventCode` and `EventKind` its
/// stable number and name, `EventLevel` its severity (info, warning, alarm); `EventText` the
/// journaled `AgentEventCodec` text, percent-encoded where HJ 212 has no escape (`escape`), so a
/// receiver decodes it with the same codec. A text longer than `maximumTextLength` encoded
/// characters is cut (never inside an escape or a character) and `EventTruncated=1` is added.
public enum UplinkEventArea {
    /// Longest encoded `EventText` value: with the DataTime item it fits one packet's CP budget.
    public static let maximumTextLength = 800

    /// The CP area of one event journaled with `payload` text.
    public static func area(event: AgentEvent, text: String, time: HJ212Timestamp) -> CPDataArea {
        let (encoded, truncated) = escape(text, limit: maximumTextLength)
        var summary: [CPField] = [
            .other(name: "EventCode", value: String(event.code)),
            .other(name: "EventKind", value: event.kind.name),
            .other(name: "EventLevel", value: event.severity.description),
        ]
        if truncated { summary.append(.other(name: "EventTruncated", value: "1")) }
        var items = [CPDataArea.Item([.dataTime(time)]), CPDataArea.Item(summary)]
        if !encoded.isEmpty { items.append(CPDataArea.Item([.other(name: "EventText", value: encoded)])) }
        return CPDataArea(items)
    }

    /// `text` with `%`, `;`, `,`, `&`, space and the ASCII control characters written `%XX`
    /// (upper-case hex of the byte); everything else as it is (UTF-8). Stops before `limit`
    /// encoded characters would be exceeded; the flag says whether it did.
    public static func escape(_ text: String, limit: Int = Int.max) -> (String, truncated: Bool) {
        var out = ""
        var length = 0
        for scalar in text.unicodeScalars {
            var piece = ""
            if scalar.value < 0x21 || scalar.value == 0x7F || "%;,&".unicodeScalars.contains(scalar) {
                piece = "%" + hexByte(UInt8(scalar.value))
            } else {
                piece.unicodeScalars.append(scalar)
            }
            let pieceLength = piece.utf8.count
            if length + pieceLength > limit { return (out, true) }
            out += piece
            length += pieceLength
        }
        return (out, false)
    }

    /// The text `escape` encoded, or nil when a `%` is not followed by two hex digits or the
    /// bytes are not UTF-8.
    public static func unescape(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var source = Array(text.utf8)[...]
        while let byte = source.popFirst() {
            guard byte == 0x25 else { bytes.append(byte); continue }
            guard source.count >= 2, let high = Hex.nibbleValue(source.removeFirst()),
                  let low = Hex.nibbleValue(source.removeFirst()) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var text = ""
        text.unicodeScalars.append(digits[Int(byte >> 4)])
        text.unicodeScalars.append(digits[Int(byte & 0x0F)])
        return text
    }
}

extension UplinkFrameBuilder {
    /// CN `event_cn` for an event record, or nil when `events` does not select its severity.
    func event(_ record: JournalRecord) throws(UplinkFrameError) -> (HJ212CommandCode, CPDataArea)? {
        guard uplink.events != .none else { return nil }
        let event: AgentEvent
        do { event = try AgentEventCodec.decode(record.payload) } catch {
            throw UplinkFrameError(.undecodable, "the event payload does not decode", cause: error.description)
        }
        guard uplink.events.includes(event.severity) else { return nil }
        let second = UplinkLocalTime.floorDivision(record.timestamp, 1000).0
        let text = String(decoding: record.payload, as: UTF8.self)
        return (HJ212CommandCode(uplink.eventCommand),
                UplinkEventArea.area(event: event, text: text, time: try localTime(second)))
    }
}
