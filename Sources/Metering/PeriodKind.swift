/// The statistics periods of HJ 212: minute, hour and day.
public enum PeriodKind: UInt8, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// A minute, aligned to UTC minutes.
    case minute = 1
    /// An hour, aligned to local hours.
    case hour = 2
    /// A day, aligned to local midnight.
    case day = 3

    /// The period's length in seconds (the configured UTC offset is fixed, so every local day has
    /// 86,400 seconds).
    public var seconds: Int64 {
        switch self {
        case .minute: 60
        case .hour: 3600
        case .day: 86400
        }
    }

    public var description: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .day: "day"
        }
    }
}
