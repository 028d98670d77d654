/// The statistics of every parameter over one closed period, as journaled when the period closes.
public struct StatisticsRecord: Sendable, Equatable {
    /// Minute, hour or day.
    public var kind: PeriodKind
    /// The period's first second, UTC epoch seconds (its HJ 212 DataTime).
    public var periodStart: Int64
    /// `RealtimeRecordCodec.configurationTag(names:)` of the parameter list.
    public var configurationTag: UInt32
    /// One entry per parameter; position = `ParameterSpec.index`.
    public var parameters: [ParameterStatistics]

    public init(kind: PeriodKind, periodStart: Int64, configurationTag: UInt32, parameters: [ParameterStatistics]) {
        self.kind = kind
        self.periodStart = periodStart
        self.configurationTag = configurationTag
        self.parameters = parameters
    }

    /// The first second after the period (exclusive end).
    public var periodEnd: Int64 { periodStart + kind.seconds }
}
