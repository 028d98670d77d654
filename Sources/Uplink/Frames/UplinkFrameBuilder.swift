import AgentCore
import Journal
import Metering
import Wire

/// Turns the agent's journal records into the HJ 212 messages one uplink sends (pure: no clock,
/// no I/O). Built from the validated `SiteConfig` (identity, the parameters' factor codes in
/// record order, the UTC offset) and one `UplinkConfig` (profile, intervals, events, decimals).
///
/// Mapping (docs/configuration.md, "What an uplink sends"):
/// - real-time 0x10 → CN 2011 `DataTime` (the second, local) + `FACTOR-Rtd,FACTOR-Flag` per
///   parameter; only seconds on a multiple of `realtimeIntervalSeconds` (local time) are sent;
/// - statistics 0x11 → CN 2051 / 2061 / 2031 `DataTime` (period start, local) +
///   `FACTOR-Min,-Avg,-Max[,-Cou],-Flag`;
/// - events 0x13 → CN `UplinkConfig.eventCommand` when `UplinkConfig.events` selects the
///   severity (`UplinkEventArea`);
/// - accounting 0x12, journal gaps 0x02 and anything else → nil (not sent; the relay recomputes
///   accounting from the real-time records).
///
/// Headers carry ST, CN, PW, MN and Flag with the profile's version bits, A and QN unset: the
/// session gives each segment its QN and sets A when it sends it. `resend` sets `RF=1` in the
/// 2025 profile (HJ 212-2017 has no RF). A message too long for one packet is split into
/// PNUM/PNO parts (`HJ212Splitter`), `DataTime` repeated in each.
///
/// API for the session: `message(for:resend:)` per journal record; `historyMessages(kind:records:
/// resend:)` for a platform's 2051/2061/2031 pull (the session converts BeginTime/EndTime with
/// `UplinkLocalTime.unixSeconds(of:utcOffsetMinutes:)` and reads the journal);
/// `segments(command:cp:resend:)` for any other upload (e.g. CN 3020); `password`,
/// `realtimeIntervalSeconds` and `minuteIntervalMinutes` are settable for CN 1072, 1062 and 1064.
public struct UplinkFrameBuilder: Sendable {
    /// A valid QN used only while splitting (the splitter needs one to budget and number the
    /// parts); removed from every part before they are returned.
    static let placeholderQN = "00000101000000000"

    public let uplink: UplinkConfig
    public let identity: SiteIdentity
    /// The parameters' HJ 212 factor codes in `SiteConfig.parameters` order, the order of the
    /// values in real-time and statistics records.
    public let factorCodes: [String]
    /// `RealtimeRecordCodec.configurationTag(names:)` of the parameter list; records with another
    /// tag are refused (`.foreignConfiguration`).
    public let configurationTag: UInt32
    /// HJ 212 PW in every header (the platform may change it: CN 1072).
    public var password: String
    /// `RtdInterval`, s (CN 1062 may change it).
    public var realtimeIntervalSeconds: Int
    /// `MinInterval`, min (CN 1064 may change it). Reported only: every closed one-minute
    /// statistics record is sent whatever its value (docs/configuration.md).
    public var minuteIntervalMinutes: Int

    public init(site: SiteConfig, uplink: UplinkConfig) {
        self.uplink = uplink
        identity = site.identity
        factorCodes = site.parameters.map(\.factorCode)
        configurationTag = RealtimeRecordCodec.configurationTag(names: site.parameters.map(\.name))
        password = site.identity.password
        realtimeIntervalSeconds = uplink.realtimeIntervalSeconds
        minuteIntervalMinutes = uplink.minuteIntervalMinutes
    }

    /// The message for `record`, or nil when this uplink does not send it (accounting, gaps,
    /// events of a severity not selected, real-time seconds between intervals).
    /// `resend`: the record is backlog or a history answer (RF=1 in the 2025 profile).
    public func message(for record: JournalRecord, resend: Bool = false) throws(UplinkFrameError) -> UplinkMessage? {
        let built: (HJ212CommandCode, CPDataArea)?
        do {
            switch record.type {
            case AgentRecordType.realtime: built = try realtime(record)
            case AgentRecordType.statistics: built = try statistics(record)
            case AgentRecordType.event: built = try event(record)
            case AgentRecordType.siteInformation: built = try siteInformation(record)
            default: built = nil
            }
            guard let (command, area) = built else { return nil }
            return UplinkMessage(sequence: record.sequence, timestampMilliseconds: record.timestamp,
                                 isRealtime: record.type == AgentRecordType.realtime,
                                 segments: try segments(command: command, cp: area, resend: resend))
        } catch {
            let name = AgentRecordType.name(of: record.type) ?? record.type.description
            throw error.context("record \(record.sequence) (\(name))")
        }
    }

    /// The messages answering a platform's history pull for `kind` (CN 2051, 2061 or 2031):
    /// one per statistics record of that kind among `records` (others are skipped), in order.
    public func historyMessages(kind: PeriodKind, records: [JournalRecord],
                                resend: Bool = false) throws(UplinkFrameError) -> [UplinkMessage] {
        var messages: [UplinkMessage] = []
        for record in records where record.type == AgentRecordType.statistics {
            let statistics: StatisticsRecord
            do { statistics = try StatisticsRecordCodec.decode(record.payload) } catch {
                throw UplinkFrameError(.undecodable, "the statistics payload does not decode", cause: error.description,
                                       context: "record \(record.sequence) (statistics)")
            }
            guard statistics.kind == kind else { continue }
            if let message = try message(for: record, resend: resend) { messages.append(message) }
        }
        return messages
    }

    /// The segments of an upload of `command` with `cp`: this uplink's header (no QN, A unset,
    /// RF=1 when `resend` in the 2025 profile), split into PNUM/PNO parts when too long.
    public func segments(command: HJ212CommandCode, cp: CPDataArea,
                         resend: Bool = false) throws(UplinkFrameError) -> [HJ212DataSegment] {
        let header = HJ212Header(
            qn: Self.placeholderQN, st: identity.systemCode, cn: Self.commandText(command), pw: password,
            mn: identity.mn, flag: HJ212Flag(version: uplink.protocolVersion, ackRequired: false, split: false),
            resend: resend && uplink.profile == .hj212_2025)
        do {
            return try HJ212Splitter.split(HJ212DataSegment(header: header, cp: cp)).map { part in
                var part = part
                part.header.qn = nil
                return part
            }
        } catch {
            throw UplinkFrameError(.unencodable, "CN \(command.rawValue) cannot be framed", cause: error.description)
        }
    }

    /// The data command of a statistics period: 2051 minute, 2061 hour, 2031 day.
    public static func command(for kind: PeriodKind) -> HJ212CommandCode {
        switch kind {
        case .minute: .minuteData
        case .hour: .hourlyData
        case .day: .dailyData
        }
    }

    /// The statistics period a history command asks for, or nil for another command.
    public static func periodKind(for command: HJ212CommandCode) -> PeriodKind? {
        PeriodKind.allCases.first { Self.command(for: $0) == command }
    }

    /// Whether the real-time record of UTC second `second` is sent at the current interval: its
    /// local second is a multiple of `realtimeIntervalSeconds` (every second at 1).
    public func sendsRealtime(atSecond second: Int64) -> Bool {
        let interval = Int64(max(realtimeIntervalSeconds, 1))
        let local = second + Int64(identity.utcOffsetMinutes) * 60
        return UplinkLocalTime.floorDivision(local, interval).1 == 0
    }

    /// `CN` as four digits.
    static func commandText(_ command: HJ212CommandCode) -> String {
        let text = String(command.rawValue)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
