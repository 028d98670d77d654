/// What a `.gap` record says: which records were lost, the time they covered, and why.
///
/// Payload layout (docs/journal-format.md §4): u64 first lost sequence, u64 last lost sequence,
/// i64 first timestamp, i64 last timestamp, u8 reason; for reason 3 (corrupt region) also
/// u64 the device byte offset where the damage starts.
public struct GapEvent: Equatable, Sendable {
    /// Why records were lost.
    public enum Reason: UInt8, Sendable {
        /// The ring was full and the overwrite policy reclaimed records a consumer had not
        /// acknowledged (an outage longer than the journal holds).
        case overwrittenWhenFull = 1
        /// Recovery found a consumer's cursor before the oldest record: records it had not
        /// acknowledged durably were reclaimed or lost before the cut. Time span unknown.
        case missingAtRecovery = 2
        /// Recovery found a corrupt region (a flipped byte, a damaged header) with intact records
        /// after it: the records in the region are lost. `deviceOffset` says where it starts.
        case corruptRegion = 3
    }

    public var firstSequence: UInt64
    public var lastSequence: UInt64
    /// Earliest and latest timestamp of the lost records (`Int64.min`/`Int64.max` when unknown).
    public var firstTimestamp: Int64
    public var lastTimestamp: Int64
    public var reason: Reason
    /// For `.corruptRegion`: the byte offset on the device where the damaged region starts.
    public var deviceOffset: UInt64?

    public init(firstSequence: UInt64, lastSequence: UInt64, firstTimestamp: Int64, lastTimestamp: Int64,
                reason: Reason, deviceOffset: UInt64? = nil) {
        self.deviceOffset = deviceOffset
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.reason = reason
    }

    /// Size of a gap payload without the device offset (reasons 1 and 2; the gap reserve holds one).
    static let encodedSize = 33

    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.encodedSize)
        LittleEndian.append(firstSequence, to: &bytes)
        LittleEndian.append(lastSequence, to: &bytes)
        LittleEndian.append(firstTimestamp, to: &bytes)
        LittleEndian.append(lastTimestamp, to: &bytes)
        bytes.append(reason.rawValue)
        if reason == .corruptRegion { LittleEndian.append(deviceOffset ?? .max, to: &bytes) }
        return bytes
    }

    /// Decodes a gap payload; nil when it is not one.
    public init?(decoding payload: [UInt8]) {
        guard payload.count >= Self.encodedSize, let reason = Reason(rawValue: payload[32]),
              payload.count == Self.encodedSize + (reason == .corruptRegion ? 8 : 0) else { return nil }
        self.init(firstSequence: LittleEndian.read(UInt64.self, payload, at: 0),
                  lastSequence: LittleEndian.read(UInt64.self, payload, at: 8),
                  firstTimestamp: LittleEndian.read(Int64.self, payload, at: 16),
                  lastTimestamp: LittleEndian.read(Int64.self, payload, at: 24),
                  reason: reason,
                  deviceOffset: reason == .corruptRegion ? LittleEndian.read(UInt64.self, payload, at: 33) : nil)
    }
}
