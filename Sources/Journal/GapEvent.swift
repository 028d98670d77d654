/// What a `.gap` record says: which records were lost, the time they covered, and why.
///
/// Payload layout (docs/journal-format.md §4): u64 first lost sequence, u64 last lost sequence,
/// i64 first timestamp, i64 last timestamp, u8 reason.
public struct GapEvent: Equatable, Sendable {
    /// Why records were lost.
    public enum Reason: UInt8, Sendable {
        /// The ring was full and the overwrite policy reclaimed records a consumer had not
        /// acknowledged (an outage longer than the journal holds).
        case overwrittenWhenFull = 1
        /// Recovery found a consumer's cursor before the oldest record: records it had not
        /// acknowledged durably were reclaimed or lost before the cut. Time span unknown.
        case missingAtRecovery = 2
    }

    public var firstSequence: UInt64
    public var lastSequence: UInt64
    /// Earliest and latest timestamp of the lost records (`Int64.min`/`Int64.max` when unknown).
    public var firstTimestamp: Int64
    public var lastTimestamp: Int64
    public var reason: Reason

    public init(firstSequence: UInt64, lastSequence: UInt64, firstTimestamp: Int64, lastTimestamp: Int64,
                reason: Reason) {
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.reason = reason
    }

    static let encodedSize = 33

    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.encodedSize)
        LittleEndian.append(firstSequence, to: &bytes)
        LittleEndian.append(lastSequence, to: &bytes)
        LittleEndian.append(firstTimestamp, to: &bytes)
        LittleEndian.append(lastTimestamp, to: &bytes)
        bytes.append(reason.rawValue)
        return bytes
    }

    /// Decodes a gap payload; nil when it is not one.
    public init?(decoding payload: [UInt8]) {
        guard payload.count == Self.encodedSize, let reason = Reason(rawValue: payload[32]) else { return nil }
        self.init(firstSequence: LittleEndian.read(UInt64.self, payload, at: 0),
                  lastSequence: LittleEndian.read(UInt64.self, payload, at: 8),
                  firstTimestamp: LittleEndian.read(Int64.self, payload, at: 16),
                  lastTimestamp: LittleEndian.read(Int64.self, payload, at: 24),
                  reason: reason)
    }
}
