import Journal

/// The journal record types the agent writes (docs/journal-format.md reserves 0x10 and up for
/// applications). Each payload is the named `Metering` codec's bytes; the record's timestamp is
/// the UTC epoch milliseconds of the second (or period start) the payload stands for.
public enum AgentRecordType {
    /// A 1-second real-time record (`RealtimeRecordCodec`).
    public static let realtime = RecordType(rawValue: 0x10)
    /// A closed minute, hour or day of statistics (`StatisticsRecordCodec`).
    public static let statistics = RecordType(rawValue: 0x11)
    /// A closed minute, hour or day of methane accounting (`AccountingRecordCodec`).
    public static let accounting = RecordType(rawValue: 0x12)
    /// An agent event or alarm (`AgentEventCodec`, a readable text payload).
    public static let event = RecordType(rawValue: 0x13)
    /// The site's basic information table (`SiteInformation`), journaled at start when it changed.
    public static let siteInformation = RecordType(rawValue: 0x14)

    /// Every agent type with its name, for exports and messages.
    public static let all: [(type: RecordType, name: String)] = [
        (realtime, "realtime"), (statistics, "statistics"), (accounting, "accounting"), (event, "event"),
        (siteInformation, "siteInformation"),
    ]

    /// The name of `type` (`realtime` …), or nil for a type the agent does not write.
    public static func name(of type: RecordType) -> String? {
        all.first { $0.type == type }?.name
    }
}

/// One record the runtime asks the daemon to append, in the order given.
public struct JournalEntry: Sendable, Equatable {
    public var type: RecordType
    /// UTC epoch milliseconds.
    public var timestampMilliseconds: Int64
    public var payload: [UInt8]

    public init(type: RecordType, timestampMilliseconds: Int64, payload: [UInt8]) {
        self.type = type
        self.timestampMilliseconds = timestampMilliseconds
        self.payload = payload
    }
}
