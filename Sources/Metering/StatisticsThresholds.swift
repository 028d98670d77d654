/// The validity rules of the statistics (HJ 212-2017 Appendix C/D gas rules, domain reference
/// §2.6), all configurable. A period is normal (N) when it has at least its minimum number of valid
/// underlying values AND at least `normalFraction` of its underlying values are valid
/// (docs/metering.md, "Flag roll-up").
public struct StatisticsThresholds: Sendable, Equatable {
    /// Valid real-time values a minute needs to be normal.
    public var minuteMinimumSamples: Int
    /// Valid (normal) minutes an hour needs to be normal.
    public var hourMinimumMinutes: Int
    /// Valid (normal) hours a day needs to be normal.
    public var dayMinimumHours: Int
    /// Fraction (0…1) of a period's underlying values that must be valid for it to be normal.
    public var normalFraction: Double

    /// The HJ 212 gas defaults: 12 samples a minute, 45 minutes an hour, 20 hours a day, 75 %.
    public init(minuteMinimumSamples: Int = 12, hourMinimumMinutes: Int = 45, dayMinimumHours: Int = 20,
                normalFraction: Double = 0.75) {
        self.minuteMinimumSamples = minuteMinimumSamples
        self.hourMinimumMinutes = hourMinimumMinutes
        self.dayMinimumHours = dayMinimumHours
        self.normalFraction = normalFraction
    }

    /// The minimum number of valid underlying values for a `kind` period.
    public func minimumValid(for kind: PeriodKind) -> Int {
        switch kind {
        case .minute: minuteMinimumSamples
        case .hour: hourMinimumMinutes
        case .day: dayMinimumHours
        }
    }
}
