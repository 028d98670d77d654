/// One record as read back from the journal: verified against its CRC-32C before it is returned.
public struct JournalRecord: Equatable, Sendable {
    /// Strictly increasing over the journal's life; gaps in the numbering are the journal's
    /// internal records (acknowledgements), which reads do not return.
    public var sequence: UInt64
    public var type: RecordType
    /// The record's time as the application gave it (Unix time in milliseconds, by convention).
    public var timestamp: Int64
    public var payload: [UInt8]

    public init(sequence: UInt64, type: RecordType, timestamp: Int64, payload: [UInt8]) {
        self.sequence = sequence
        self.type = type
        self.timestamp = timestamp
        self.payload = payload
    }

    /// The gap event this record carries, when it is a `.gap` record.
    public var gapEvent: GapEvent? {
        type == .gap ? GapEvent(decoding: payload) : nil
    }
}
