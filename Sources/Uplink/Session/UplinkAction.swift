import Metering
import Wire

/// What an `UplinkSession` asks the daemon to do, in order.
public enum UplinkAction: Sendable, Equatable {
    /// Open the TCP connection to the platform; answer with `.connected` or `.disconnected`.
    case connect
    /// Close the connection (no `.disconnected` is expected afterwards).
    case close(reason: String)
    /// Encode the segment (SM4 where the profile and CN require it) and write the frame. Its QN,
    /// Flag, PW and RF are final.
    case send(HJ212DataSegment)
    /// Read the backlog; answer with `.fetched`.
    case fetch(BacklogFetch)
    /// Read one page of a history pull; answer with `.historyFetched`.
    case fetchHistory(HistoryFetch)
    /// Move the uplink's journal consumer cursor to `through` (every record up to it delivered
    /// or not sent by design). Never moves back.
    case acknowledgeJournal(through: UInt64)
    /// Step the wall clock (CN 1012); answer with `.executed(qn:result:)`.
    case setClock(ClockSetting)
    /// Store a new SM4 key (CN 1014, 2025) and use it from now on; answer with `.executed`.
    case storeKey(KeyUpdate)
    /// Journal this event (the clock step of a 1012 once applied).
    case journalEvent(AgentEvent)
    /// The platform changed a setting (1000, 1062, 1064, 1072): the whole new value, to keep
    /// across restarts if the daemon wants to.
    case settingsChanged(UplinkSessionSettings)
    /// A line for the daemon's log.
    case log(LogLevel, String)

    /// How much a log line matters.
    public enum LogLevel: Sendable, Equatable {
        case info
        case warning
        case error
    }

    /// Read up to `limit` messages from the journal after sequence `after`, in sequence order
    /// (`records(from: after + 1)` through the frame builder), and answer with `.fetched` and
    /// the range read. `resend` asks the builder to mark the frames as resends (RF=1, 2025);
    /// the session sets it at send as well.
    public struct BacklogFetch: Sendable, Equatable {
        public var after: UInt64
        public var limit: Int
        public var resend: Bool

        public init(after: UInt64, limit: Int, resend: Bool) {
            self.after = after; self.limit = limit; self.resend = resend
        }
    }

    /// Read up to `limit` messages of `command` (2051 minute, 2061 hour, 2031 day statistics)
    /// whose timestamp (UTC epoch ms; the period start) lies in `from…through`, with sequence
    /// greater than `afterSequence`, and answer with `.historyFetched` (`after` = `afterSequence`).
    public struct HistoryFetch: Sendable, Equatable {
        /// The QN of the platform's request.
        public var qn: String
        public var command: HJ212CommandCode
        public var from: Int64
        public var through: Int64
        public var afterSequence: UInt64
        public var limit: Int
        public var resend: Bool

        public init(qn: String, command: HJ212CommandCode, from: Int64, through: Int64, afterSequence: UInt64,
                    limit: Int, resend: Bool) {
            self.qn = qn; self.command = command; self.from = from; self.through = through
            self.afterSequence = afterSequence; self.limit = limit; self.resend = resend
        }
    }

    /// Set the wall clock to `wallMilliseconds` (UTC epoch ms; the platform's `SystemTime` in
    /// local time) — a step of `stepMilliseconds` from the clock the request arrived with.
    public struct ClockSetting: Sendable, Equatable {
        public var qn: String
        public var systemTime: HJ212Timestamp
        public var wallMilliseconds: Int64
        public var stepMilliseconds: Int64

        public init(qn: String, systemTime: HJ212Timestamp, wallMilliseconds: Int64, stepMilliseconds: Int64) {
            self.qn = qn; self.systemTime = systemTime
            self.wallMilliseconds = wallMilliseconds; self.stepMilliseconds = stepMilliseconds
        }
    }

    /// A key issued by the platform (CN 1014 `NewSK`, with `SKCreateTime` when given), as
    /// written; the daemon checks its form (16 bytes for SM4) and answers ExeRtn 3 if it is bad.
    public struct KeyUpdate: Sendable, Equatable {
        public var qn: String
        public var key: String
        public var createdAt: String?

        public init(qn: String, key: String, createdAt: String?) {
            self.qn = qn; self.key = key; self.createdAt = createdAt
        }
    }
}
