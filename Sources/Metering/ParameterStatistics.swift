/// One parameter's statistics over one period (docs/metering.md, "Statistics"). The values are
/// computed over the valid underlying values only; each is nil when there is nothing to compute it
/// from (or, for `cumulative`, when the parameter's kind has none).
public struct ParameterStatistics: Sendable, Equatable {
    /// Smallest valid value.
    public var minimum: Double?
    /// Mean of the valid values (for `.status`: the fraction of valid seconds running).
    public var average: Double?
    /// Largest valid value.
    public var maximum: Double?
    /// The amount over the period: `.rate` Σ value × Δt, `.counter` the register's increase;
    /// nil for `.level` and `.status`.
    public var cumulative: Double?
    /// Valid underlying values: real-time values flagged N or S for a minute, normal minutes for
    /// an hour, normal hours for a day.
    public var validCount: Int
    /// Underlying values that exist (records in the minute, closed minutes in the hour, closed
    /// hours in the day). Seconds or periods with no record at all are not counted.
    public var totalCount: Int
    /// The period's flag: N when the thresholds are met, otherwise the roll-up flag.
    public var flag: DataFlag

    public init(minimum: Double?, average: Double?, maximum: Double?, cumulative: Double?,
                validCount: Int, totalCount: Int, flag: DataFlag) {
        self.minimum = minimum
        self.average = average
        self.maximum = maximum
        self.cumulative = cumulative
        self.validCount = validCount
        self.totalCount = totalCount
        self.flag = flag
    }
}
