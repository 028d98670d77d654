/// The journal state a segment header carries (docs/journal-format.md §2): each consumer's
/// acknowledged sequence and the sequence through which segments have been reclaimed.
/// Recovery takes the newest segment's checkpoint and replays that segment's records onto it.
struct JournalCheckpoint: Equatable, Sendable {
    /// Consumer name → highest sequence it acknowledged (its cursor).
    var acknowledged: [String: UInt64] = [:]
    /// Every record with a sequence ≤ this was reclaimed (acknowledged by all, or reported in a gap).
    var reclaimedThrough: UInt64 = 0

    /// Moves `consumer`'s cursor forward to `sequence` (never backwards).
    mutating func acknowledge(_ consumer: String, through sequence: UInt64) {
        acknowledged[consumer] = max(acknowledged[consumer] ?? 0, sequence)
    }

    /// Applies a gap: consumers behind its end move to it; the range counts as reclaimed.
    /// A corrupt region in the middle of the ring changes nothing: the intact records before it
    /// are still to be read, and reads skip the lost sequences by themselves.
    mutating func apply(_ gap: GapEvent) {
        guard gap.reason != .corruptRegion else { return }
        for (name, cursor) in acknowledged where cursor < gap.lastSequence {
            acknowledged[name] = gap.lastSequence
        }
        reclaimedThrough = max(reclaimedThrough, gap.lastSequence)
    }

    /// Applies an internal record (acknowledgement or gap) found at recovery.
    mutating func replay(_ type: RecordType, _ payload: UnsafeRawBufferPointer) {
        if type == .acknowledgement, let (name, sequence) = Self.decodeAcknowledgement(payload) {
            acknowledge(name, through: sequence)
        } else if type == .gap, let gap = GapEvent(decoding: Array(payload)) {
            apply(gap)
        }
    }

    /// The lowest cursor over all consumers (nil when there are none: nothing holds records).
    var slowestCursor: UInt64? { acknowledged.values.min() }

    /// Encodes an acknowledgement record's payload: u8 name length, name, u64 sequence.
    static func acknowledgementPayload(_ consumer: String, _ sequence: UInt64) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(consumer.utf8.count)]
        bytes.append(contentsOf: consumer.utf8)
        LittleEndian.append(sequence, to: &bytes)
        return bytes
    }

    /// Decodes an acknowledgement payload; nil when malformed.
    static func decodeAcknowledgement(_ payload: UnsafeRawBufferPointer) -> (String, UInt64)? {
        guard let length = payload.first.map(Int.init), payload.count == 1 + length + 8 else { return nil }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: payload[1..<1 + length]), as: UTF8.self)
        return (name, LittleEndian.read(UInt64.self, payload, at: 1 + length))
    }
}
