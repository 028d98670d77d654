import Uplink
import Wire

/// Shared values and a driver for the UplinkSession tests: the clock is two numbers the test
/// moves (monotonic ms, and the wall clock at a fixed offset from it), never a real clock.
enum SessionFixtures {
    static let mn = "010000A8900016F000169DC0"
    static let password = "123456"
    /// 2024-06-01 00:00:00 UTC = 08:00:00 at UTC+8 (the default offset).
    static let wallAtZero: Int64 = 1_717_200_000_000

    static func settings(_ profile: HJ212ProtocolVersion = .hj212_2017, overTime: Int = 5, reCount: Int = 3,
                         heartbeat: Int? = nil, backlogPerSecond: Int = 1000, liveWindow: Int = 2,
                         backlogWindow: Int = 8, fetchLimit: Int = 32) -> UplinkSessionSettings {
        UplinkSessionSettings(profile: profile, mn: mn, password: password, overTimeSeconds: overTime, reCount: reCount,
                              heartbeatSeconds: heartbeat, reconnectInitialSeconds: 1, reconnectCapSeconds: 8,
                              backlogFramesPerSecond: backlogPerSecond, liveWindow: liveWindow,
                              backlogWindow: backlogWindow, fetchLimit: fetchLimit)
    }

    /// A data segment as the frame builder makes it: no QN, no A bit (the session sets both).
    /// The CP carries `Tag=<sequence>` so a test platform can tell which record a frame is.
    static func segment(command: HJ212CommandCode, second: Int64, sequence: UInt64 = 0, part: Int? = nil,
                        of parts: Int? = nil) -> HJ212DataSegment {
        let header = HJ212Header(qn: nil, st: "31", cn: String(command.rawValue), pw: password, mn: mn,
                                 flag: HJ212Flag(version: .hj212_2017, ackRequired: false, split: parts != nil),
                                 packetCount: parts, packetNumber: part)
        let time = try? HJ212Timestamp.parse(localText(second: second))
        var fields: [CPField] = []
        if let time { fields.append(.dataTime(time)) }
        fields.append(.factor(code: "a05002", suffix: .rtd, value: String(second % 100)))
        return HJ212DataSegment(header: header, cp: CPDataArea([CPDataArea.Item(fields),
                                                                CPDataArea.Item([.other(name: "Tag", value: String(sequence))])]))
    }

    /// The real-time record of UTC second `second` (epoch s) at journal `sequence`.
    static func realtime(_ sequence: UInt64, second: Int64, parts: Int = 1) -> UplinkMessage {
        let segments = parts == 1 ? [segment(command: .realtimeData, second: second, sequence: sequence)]
            : (1...parts).map { segment(command: .realtimeData, second: second, sequence: sequence, part: $0, of: parts) }
        return UplinkMessage(sequence: sequence, timestampMilliseconds: second * 1000, isRealtime: true, segments: segments)
    }

    /// A statistics record (2051/2061/2031) of the period starting at UTC second `second`.
    static func statistics(_ sequence: UInt64, command: HJ212CommandCode, second: Int64) -> UplinkMessage {
        UplinkMessage(sequence: sequence, timestampMilliseconds: second * 1000, isRealtime: false,
                      segments: [segment(command: command, second: second, sequence: sequence)])
    }

    /// `YYYYMMDDhhmmss` at UTC+8 of UTC epoch second `second` (2024-06, enough for the tests).
    static func localText(second: Int64) -> String {
        let local = second + 8 * 3600 - wallAtZero / 1000
        let day = 1 + local / 86_400, hour = local % 86_400 / 3600
        let minute = local % 3600 / 60, sec = local % 60
        return "202406" + two(day) + two(hour) + two(minute) + two(sec)
    }

    static func two(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }

    /// A request from the platform.
    static func request(_ command: Int, _ cp: [CPField], qn: String? = "20240601080000123", pw: String = password,
                        mn: String = mn) -> UplinkEvent {
        let header = HJ212Header(qn: qn, st: "31", cn: String(command), pw: pw, mn: mn,
                                 flag: HJ212Flag(version: .hj212_2017, ackRequired: true, split: false))
        return .received(HJ212DataSegment(header: header, cp: CPDataArea(cp.map { CPDataArea.Item([$0]) })))
    }

    /// The platform's reply `command` (9014, 9013) to a frame with QN `qn`.
    static func reply(_ qn: String?, command: HJ212CommandCode = .dataReply) -> UplinkEvent {
        let header = HJ212Header(qn: qn, st: "91", cn: String(command.rawValue), pw: password, mn: mn,
                                 flag: HJ212Flag(version: .hj212_2017, ackRequired: false, split: false))
        return .received(HJ212DataSegment(header: header, cp: CPDataArea()))
    }

    static func time(_ text: String) -> HJ212Timestamp {
        (try? HJ212Timestamp.parse(text)) ?? HJ212Timestamp.zeroForTests
    }
}

extension HJ212Timestamp {
    /// Never used in a passing test: only keeps `SessionFixtures.time` total.
    static var zeroForTests: HJ212Timestamp {
        guard let time = try? HJ212Timestamp(year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0) else {
            fatalError("2000-01-01 is a valid time")
        }
        return time
    }
}

/// Runs an `UplinkSession` against numbers for clocks and records what it asks for.
struct SessionHarness {
    var session: UplinkSession
    /// Monotonic milliseconds; the wall clock is `SessionFixtures.wallAtZero + monotonic + wallShift`.
    var monotonic: Int64 = 0
    var wallShift: Int64 = 0

    init(_ settings: UplinkSessionSettings, acknowledged: UInt64 = 0) {
        session = UplinkSession(settings: settings, acknowledgedThrough: acknowledged)
    }

    var now: UplinkNow {
        UplinkNow(monotonicMilliseconds: monotonic, wallMilliseconds: SessionFixtures.wallAtZero + monotonic + wallShift)
    }

    mutating func handle(_ event: UplinkEvent) -> [UplinkAction] { session.handle(event, at: now) }

    /// Moves both clocks by `milliseconds` and ticks.
    mutating func advance(_ milliseconds: Int64) -> [UplinkAction] {
        monotonic += milliseconds
        return handle(.tick)
    }

    /// The first tick (which asks to connect) and the connection; the actions after connecting.
    mutating func connect() -> [UplinkAction] {
        let first = handle(.tick)
        precondition(first.contains(.connect), "the first tick asks to connect")
        return handle(.connected)
    }
}

/// Picking actions apart.
extension Array where Element == UplinkAction {
    var sent: [HJ212DataSegment] {
        compactMap { if case .send(let segment) = $0 { return segment } else { return nil } }
    }

    var fetches: [UplinkAction.BacklogFetch] {
        compactMap { if case .fetch(let fetch) = $0 { return fetch } else { return nil } }
    }

    var historyFetches: [UplinkAction.HistoryFetch] {
        compactMap { if case .fetchHistory(let fetch) = $0 { return fetch } else { return nil } }
    }

    /// Every `.acknowledgeJournal(through:)`, in order.
    var journalAcks: [UInt64] {
        compactMap { if case .acknowledgeJournal(let through) = $0 { return through } else { return nil } }
    }

    var closes: [String] {
        compactMap { if case .close(let reason) = $0 { return reason } else { return nil } }
    }

    /// The CNs of the segments sent, in order.
    var commands: [Int] { sent.map { Int($0.header.cn) ?? -1 } }
}

extension HJ212DataSegment {
    /// The journal sequence a fixture segment carries (`Tag`).
    var tag: UInt64? { cpValue("Tag").flatMap { UInt64($0) } }

    /// The value of CP field `name`, as written.
    func cpValue(_ name: String) -> String? { cp.allFields.first { $0.name == name }?.value }
}
