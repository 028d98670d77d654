/// Everything the agent journals as an event or alarm, each with a stable numeric code and a
/// severity. The journaled form is `AgentEventCodec`'s text payload (docs/accounting.md, "Agent
/// events"), readable as it stands in `cmmgate journal export`. Journal gaps are not here: the
/// journal records its own.
public enum AgentEvent: Sendable, Equatable {
    /// The agent started; `lastRecordSecond` is the newest real-time record already in the journal.
    case started(version: String, lastRecordSecond: Int64?)
    /// The agent stopped in order (a signal, a command).
    case stopped(reason: String)
    /// A configuration was validated and applied (at start or on SIGHUP).
    case configurationLoaded(tag: UInt32, path: String)
    /// A configuration was refused; the agent keeps the one it runs on.
    case configurationRejected(path: String, firstError: String)
    /// The wall clock stepped.
    case clockStepped(ClockStep)
    /// The kernel reports the clock not synchronised: records carry that fact from now on.
    case clockUnsynchronised
    /// The clock is synchronised again.
    case clockSynchronised
    /// The named cross-check tripped (`CrossCheckAction.tripped`): a revocation trigger.
    case crossCheckTripped(name: String, since: Int64, inlet: Double, reference: Double)
    /// The named cross-check cleared (`CrossCheckAction.cleared`).
    case crossCheckCleared(name: String, at: Int64)
    /// A meter has not answered since `since` (UTC epoch seconds).
    case meterOffline(name: String, since: Int64)
    /// A meter answers again after `downSeconds`.
    case meterOnline(name: String, downSeconds: Int64)
    /// A bus (its port or TCP endpoint) has been unusable since `since`, for `reason`.
    case busOutage(name: String, since: Int64, reason: String)
    /// A bus works again after `downSeconds`.
    case busRestored(name: String, downSeconds: Int64)
    /// A meter's calibration was due on `due` (YYYY-MM-DD) and has not been renewed.
    case calibrationOverdue(meter: String, due: String)
    /// The operator put `parameter` in `mode` (through the shell); `by` names the operator.
    case operatorFlag(parameter: String, mode: OperatorMode, by: String)

    /// How urgent an event is.
    public enum Severity: UInt8, Sendable, Equatable, Comparable, CaseIterable, CustomStringConvertible {
        /// Worth recording; nothing to do.
        case info = 1
        /// Something is off and may need attention (data quality, configuration, time).
        case warning = 2
        /// Data or crediting is at stake: act now.
        case alarm = 3

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .info: "info"
            case .warning: "warning"
            case .alarm: "alarm"
            }
        }
    }

    /// The kinds of event; the raw value is the stable numeric code journaled as `code=`.
    public enum Kind: UInt16, Sendable, Equatable, CaseIterable, CustomStringConvertible {
        case started = 100
        case stopped = 101
        case configurationLoaded = 110
        case configurationRejected = 111
        case clockStepped = 200
        case clockUnsynchronised = 201
        case clockSynchronised = 202
        case crossCheckTripped = 300
        case crossCheckCleared = 301
        case meterOffline = 400
        case meterOnline = 401
        case busOutage = 410
        case busRestored = 411
        case calibrationOverdue = 500
        case operatorFlag = 600

        /// The kind's name, journaled as `kind=` beside the code.
        public var name: String {
            switch self {
            case .started: "started"
            case .stopped: "stopped"
            case .configurationLoaded: "configurationLoaded"
            case .configurationRejected: "configurationRejected"
            case .clockStepped: "clockStepped"
            case .clockUnsynchronised: "clockUnsynchronised"
            case .clockSynchronised: "clockSynchronised"
            case .crossCheckTripped: "crossCheckTripped"
            case .crossCheckCleared: "crossCheckCleared"
            case .meterOffline: "meterOffline"
            case .meterOnline: "meterOnline"
            case .busOutage: "busOutage"
            case .busRestored: "busRestored"
            case .calibrationOverdue: "calibrationOverdue"
            case .operatorFlag: "operatorFlag"
            }
        }

        /// The severity every event of this kind has.
        public var severity: Severity {
            switch self {
            case .crossCheckTripped, .meterOffline, .busOutage: .alarm
            case .configurationRejected, .clockStepped, .clockUnsynchronised, .calibrationOverdue, .operatorFlag: .warning
            case .started, .stopped, .configurationLoaded, .clockSynchronised, .crossCheckCleared, .meterOnline,
                 .busRestored: .info
            }
        }

        public var description: String { name }
    }

    /// This event's kind.
    public var kind: Kind {
        switch self {
        case .started: .started
        case .stopped: .stopped
        case .configurationLoaded: .configurationLoaded
        case .configurationRejected: .configurationRejected
        case .clockStepped: .clockStepped
        case .clockUnsynchronised: .clockUnsynchronised
        case .clockSynchronised: .clockSynchronised
        case .crossCheckTripped: .crossCheckTripped
        case .crossCheckCleared: .crossCheckCleared
        case .meterOffline: .meterOffline
        case .meterOnline: .meterOnline
        case .busOutage: .busOutage
        case .busRestored: .busRestored
        case .calibrationOverdue: .calibrationOverdue
        case .operatorFlag: .operatorFlag
        }
    }

    /// The stable numeric code.
    public var code: UInt16 { kind.rawValue }
    /// The severity of the event's kind.
    public var severity: Severity { kind.severity }
}
