/// The HJ 212 validity rules of the minute, hour and day statistics, from `[statistics]`
/// (optional; every key has a default).
public struct StatisticsSettings: Sendable, Equatable {
    /// A minute value is valid with at least this many valid 1-second samples (1…60).
    public var minuteMinimumSamples: Int
    /// An hour value is valid with at least this many valid minutes (1…60).
    public var hourMinimumMinutes: Int
    /// A day value is valid with at least this many valid hours (1…24).
    public var dayMinimumHours: Int
    /// A period is flagged normal when at least this fraction of its values are (0 < x ≤ 1).
    public var normalFraction: Double
    /// The line of the `[statistics]` header, or nil when the file has none.
    public var line: Int?
}
