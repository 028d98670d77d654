/// The accounting of one closed minute, hour or day, as journaled when the period closes: the
/// per-unit and energy totals, and the constant set they were computed under (by name and
/// version, so a figure is never separated from the GWP and density behind it).
public struct AccountingRecord: Sendable, Equatable {
    /// Minute, hour or day (the statistics' periods; raw values 1, 2, 3).
    public var kind: PeriodKind
    /// The period's first second, UTC epoch seconds.
    public var periodStart: Int64
    /// The configuration tag of the records the totals were computed from (as in
    /// `StatisticsRecord.configurationTag`).
    public var configurationTag: UInt32
    /// `AccountingConstants.name` of the set used.
    public var constantsName: String
    /// `AccountingConstants.version` of the set used.
    public var constantsVersion: String
    public var totals: AccountingTotals

    public init(kind: PeriodKind, periodStart: Int64, configurationTag: UInt32, constantsName: String,
                constantsVersion: String, totals: AccountingTotals) {
        self.kind = kind
        self.periodStart = periodStart
        self.configurationTag = configurationTag
        self.constantsName = constantsName
        self.constantsVersion = constantsVersion
        self.totals = totals
    }

    /// A record for `totals` under `constants`.
    public init(kind: PeriodKind, periodStart: Int64, configurationTag: UInt32, constants: AccountingConstants,
                totals: AccountingTotals) {
        self.init(kind: kind, periodStart: periodStart, configurationTag: configurationTag,
                  constantsName: constants.name, constantsVersion: constants.version, totals: totals)
    }

    /// Per oxidizer unit, in configuration order.
    public var oxidizers: [OxidizerTotals] { totals.oxidizers }
    /// The site's electricity and heat.
    public var energy: EnergyTotals { totals.energy }
    /// Methane destroyed by every unit, t CO2e.
    public var tonnesCO2e: Double { totals.tonnesCO2e }
    /// The first second after the period (exclusive end).
    public var periodEnd: Int64 { periodStart + kind.seconds }
}
