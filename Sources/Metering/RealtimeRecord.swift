/// The 1-second real-time record of a site: every parameter's value and flag at one second.
/// Journaled first (as `RealtimeRecordCodec` bytes), then aggregated into statistics.
public struct RealtimeRecord: Sendable, Equatable {
    /// The second the record stands for, UTC epoch seconds (wall clock).
    public var timestamp: Int64
    /// Whether the wall clock was synchronised (kernel `adjtimex` status) when the record was made.
    public var clockSynchronised: Bool
    /// `RealtimeRecordCodec.configurationTag(names:)` of the parameter list that made the record.
    public var configurationTag: UInt32
    /// One value per parameter; position = `ParameterSpec.index`.
    public var values: [FlaggedValue]

    public init(timestamp: Int64, clockSynchronised: Bool, configurationTag: UInt32, values: [FlaggedValue]) {
        self.timestamp = timestamp
        self.clockSynchronised = clockSynchronised
        self.configurationTag = configurationTag
        self.values = values
    }
}
