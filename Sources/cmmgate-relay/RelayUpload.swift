import Uplink
import Wire

/// What the relay keeps of one accepted HJ 212 frame from a gateway: its header, its class by
/// command, its DataTime, and its values grouped by factor code. Made by `RelayUpload.init` from
/// a parsed segment; stored by `RelayStore.store`.
struct RelayUpload: Sendable, Equatable {
    /// How the relay files a frame, by its CN.
    enum Kind: Sendable, Equatable {
        /// CN 2011: one value and flag per factor at one second (`-Rtd`, `-Flag`).
        case realtime
        /// CN 2051 / 2061 / 2031: one period's `-Min/-Avg/-Max/-Cou/-Flag` per factor; DataTime is
        /// the period start.
        case statistics
        /// Anything else a gateway uploads (alarms, 2081 restart time, 3020 site information, …):
        /// kept as an event with its CP text.
        case event
    }

    /// One factor's real-time value (`xxxxxx-Rtd`) and flag (`xxxxxx-Flag`).
    struct RealtimeValue: Sendable, Equatable {
        var factor: String
        var value: Double?
        var flag: String?
    }

    /// One factor's period statistics.
    struct StatisticsValue: Sendable, Equatable {
        var factor: String
        var min: Double?
        var avg: Double?
        var max: Double?
        var cou: Double?
        var flag: String?
    }

    /// The agent's event fields (`EventCode`, `EventKind`, `EventLevel`, `EventText` percent-encoded;
    /// Sources/Uplink/Frames/UplinkEventArea.swift), when an event upload has them.
    struct EventFields: Sendable, Equatable {
        var code: Int?
        var kind: String?
        var level: String?
        var text: String?
    }

    var header: HJ212Header
    var kind: Kind
    var command: Int
    /// DataTime as written (local time), when the CP has one.
    var dataTime: HJ212Timestamp?
    /// The time the relay files the frame under (UTC epoch s): DataTime, else the QN's time, else
    /// the time it was received. Part of the de-duplication key (MN, CN, this, PNO).
    var keyTime: Int64
    var realtime: [RealtimeValue] = []
    var statistics: [StatisticsValue] = []
    var event = EventFields()
    /// The plaintext CP area (between `CP=&&` and `&&`).
    var cpText: String
    /// The frame as received (transmitted form, CR LF removed).
    var raw: String
    /// The plaintext data segment.
    var segment: String
    var peer: String
    var receivedAtMilliseconds: Int64

    /// The part of the de-duplication key beyond (MN, CN, `keyTime`, PNO): nothing for real-time and
    /// statistics (one frame per second or period, as the issue asks); the CP area for an event
    /// with a DataTime (two events of one second are two events, a resend has the same CP); the
    /// QN for a frame without DataTime.
    var dedupeExtra: String {
        if dataTime == nil { return header.qn ?? "" }
        return kind == .event ? cpText : ""
    }

    /// The statistics period of a CN in seconds (minute periods are `minuteInterval` minutes).
    static func periodSeconds(command: Int, minuteIntervalMinutes: Int) -> Int64? {
        switch command {
        case 2051: Int64(minuteIntervalMinutes) * 60
        case 2061: 3600
        case 2031: 86_400
        default: nil
        }
    }

    /// The kind of an uploaded frame with command `command`.
    static func kind(command: Int) -> Kind {
        switch command {
        case 2011: .realtime
        case 2051, 2061, 2031: .statistics
        default: .event
        }
    }

    /// Files `segment` (parsed from `frame`) received from `peer` at `receivedAt` (UTC ms), with
    /// the site's UTC offset for its local times.
    init(segment parsed: HJ212DataSegment, frame: HJ212Frame, raw: String, peer: String, receivedAt: Int64,
         utcOffsetMinutes: Int) {
        header = parsed.header
        command = parsed.header.command?.rawValue ?? -1
        kind = Self.kind(command: command)
        dataTime = parsed.cp.dataTime
        if let dataTime {
            keyTime = CivilTime.epochSeconds(dataTime, utcOffsetMinutes: utcOffsetMinutes)
        } else if let qn = parsed.header.qnTime {
            keyTime = CivilTime.epochSeconds(qn, utcOffsetMinutes: utcOffsetMinutes)
        } else {
            keyTime = receivedAt / 1000
        }
        cpText = Self.cpArea(frame.segment)
        self.raw = raw
        self.segment = frame.segment
        self.peer = peer
        receivedAtMilliseconds = receivedAt
        let (values, stats) = Self.factors(parsed.cp)
        if kind == .realtime { realtime = values }
        if kind == .statistics { statistics = stats }
        if kind == .event { event = Self.eventFields(parsed.cp) }
    }

    /// The agent's event fields of an event upload's CP area.
    static func eventFields(_ cp: CPDataArea) -> EventFields {
        var event = EventFields()
        for field in cp.allFields {
            guard case .other(let name, let value) = field else { continue }
            switch name {
            case "EventCode": event.code = Int(value)
            case "EventKind": event.kind = value
            case "EventLevel": event.level = value
            case "EventText": event.text = UplinkEventArea.unescape(value) ?? value
            default: break
            }
        }
        return event
    }

    /// The real-time and statistics views of the CP fields, one entry per factor code in order of
    /// first appearance. A value that is not a finite number is kept as nil (the raw frame keeps it).
    static func factors(_ cp: CPDataArea) -> ([RealtimeValue], [StatisticsValue]) {
        var order: [String] = []
        var realtime: [String: RealtimeValue] = [:]
        var stats: [String: StatisticsValue] = [:]
        for field in cp.allFields {
            guard case .factor(let code, let suffix, let text) = field else { continue }
            if realtime[code] == nil {
                order.append(code)
                realtime[code] = RealtimeValue(factor: code)
                stats[code] = StatisticsValue(factor: code)
            }
            let number = Double(text).flatMap { $0.isFinite ? $0 : nil }
            switch suffix {
            case .rtd: realtime[code]?.value = number
            case .flag: realtime[code]?.flag = text; stats[code]?.flag = text
            case .min: stats[code]?.min = number
            case .avg: stats[code]?.avg = number
            case .max: stats[code]?.max = number
            case .cou: stats[code]?.cou = number
            default: break
            }
        }
        return (order.compactMap { realtime[$0] }, order.compactMap { stats[$0] })
    }

    /// The text between `CP=&&` and the final `&&` of a plaintext segment ("" when absent).
    static func cpArea(_ segment: String) -> String {
        let bytes = Array(segment.utf8)
        let marker = Array("CP=&&".utf8)
        var index = 0
        while index + marker.count <= bytes.count {
            if Array(bytes[index..<index + marker.count]) == marker {
                let start = index + marker.count
                let end = bytes.count >= start + 2 && bytes[bytes.count - 2] == 0x26 && bytes[bytes.count - 1] == 0x26
                    ? bytes.count - 2 : bytes.count
                return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
            }
            index += 1
        }
        return ""
    }
}
