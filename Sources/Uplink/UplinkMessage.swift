import Journal
import Wire

/// What the uplink sends for one journal record: the HJ 212 data segments (already split into
/// PNUM/PNO parts when one frame would exceed the length limit), without a QN. The session gives
/// each part its QN and the A (acknowledge) flag when it sends it, and counts the record as
/// delivered only when every part is acknowledged; the journal cursor then moves past `sequence`.
public struct UplinkMessage: Sendable, Equatable {
    /// The journal sequence number of the record this message carries.
    public var sequence: UInt64
    /// The record's timestamp (UTC epoch milliseconds), for ordering and history pulls.
    public var timestampMilliseconds: Int64
    /// Whether the message is real-time data (sent first, at its cadence) rather than a
    /// statistics period, an event, or backlog.
    public var isRealtime: Bool
    /// The segments to send, in order (several only when split).
    public var segments: [HJ212DataSegment]

    public init(sequence: UInt64, timestampMilliseconds: Int64, isRealtime: Bool, segments: [HJ212DataSegment]) {
        self.sequence = sequence
        self.timestampMilliseconds = timestampMilliseconds
        self.isRealtime = isRealtime
        self.segments = segments
    }
}
