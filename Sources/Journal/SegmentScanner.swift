/// Walks the records of one segment image (docs/journal-format.md §5):
/// a record is accepted only if its marker, length and CRC-32C hold and its sequence is the
/// expected next one; erased bytes up to the next program-size boundary are commit padding.
///
/// Where the walk stops on anything else, the scanner *resynchronises*: it searches the rest of
/// the image for the next record that is intact and whose sequence is plausible after the bad
/// spot (at least the expected one, at most one more per 24 bytes skipped — a record is never
/// shorter). If it finds one, the bad spot was corruption, not a torn tail: the region is
/// reported as `Damage` and the walk continues there. If it finds none, the bad spot is the end
/// of what was written (a torn tail, or an abandoned one) and is reported as the `tail`.
struct SegmentScanner {
    var programSize: Int
    var erasedByte: UInt8

    /// Why a scan ended.
    enum Stop: Equatable {
        /// The bytes after the last record are erased (a clean end).
        case erased
        /// Non-erased bytes that are not followed by any plausible record: a torn or abandoned tail.
        case invalid
        /// The image ended, or the visitor stopped the scan.
        case endOfImage
    }

    /// A region of the image that holds no valid record, followed by a valid one.
    struct Damage: Equatable {
        /// Offset of the first byte that does not check (segment-relative).
        var offset: Int
        /// Offset of the next valid record.
        var resumeOffset: Int
        /// The sequence expected at `offset`; the records `firstLost ..< resumedSequence` are lost.
        var firstLost: UInt64
        var resumedSequence: UInt64
        /// Timestamps of the valid records on either side (`Int64.min` when there is none before).
        var timestampBefore: Int64
        var timestampAfter: Int64

        var lostCount: UInt64 { resumedSequence - firstLost }
    }

    struct Result: Equatable {
        /// Offset just past the last valid record (or the start offset when there is none).
        var end: Int
        /// The sequence the next record would carry.
        var nextSequence: UInt64
        var stop: Stop
        /// Corrupt regions with valid records after them, in order.
        var damage: [Damage] = []
        /// Valid records visited.
        var records = 0
    }

    /// Scans `image` from `start`, calling `visit` for every valid record in order;
    /// `visit` returns false to stop early.
    func scan(_ image: UnsafeRawBufferPointer, from start: Int, expecting firstSequence: UInt64,
              visit: (RecordType, UInt64, Int64, Range<Int>) -> Bool) -> Result {
        var offset = start
        var result = Result(end: start, nextSequence: firstSequence, stop: .endOfImage)
        var lastTimestamp = Int64.min
        while true {
            if offset >= image.count { return result }
            if let stop = badSpot(image, at: &offset, expected: result.nextSequence) {
                guard let found = resynchronise(image, after: offset, end: result.end,
                                                expected: result.nextSequence) else {
                    result.stop = stop
                    return result
                }
                result.damage.append(Damage(offset: offset, resumeOffset: found.offset,
                                            firstLost: result.nextSequence, resumedSequence: found.sequence,
                                            timestampBefore: lastTimestamp, timestampAfter: found.timestamp))
                result.nextSequence = found.sequence
                offset = found.offset
                continue
            }
            guard case let .record(type, sequence, timestamp, payload) = RecordCodec.decode(image, at: offset) else {
                return result  // unreachable: badSpot accepted the record
            }
            offset = payload.upperBound
            result.end = offset
            result.nextSequence = sequence + 1
            result.records += 1
            lastTimestamp = timestamp
            if !visit(type, sequence, timestamp, payload) { return result }
        }
    }

    /// Nil when a valid next record starts at `offset` (after skipping commit padding, which
    /// moves `offset`); otherwise why the walk cannot go on here.
    private func badSpot(_ image: UnsafeRawBufferPointer, at offset: inout Int, expected: UInt64) -> Stop? {
        while offset < image.count, image[offset] == erasedByte {
            let boundary = min(image.count, (offset / programSize + 1) * programSize)
            guard offset % programSize != 0 else { return .erased }
            guard isErased(image, offset..<boundary) else { return .invalid }
            offset = boundary
        }
        if offset >= image.count { return .endOfImage }
        guard case let .record(_, sequence, _, _) = RecordCodec.decode(image, at: offset),
              sequence == expected else { return .invalid }
        return nil
    }

    /// The first intact record after `offset` whose sequence is plausible for the expected one,
    /// given that the bytes from `end` (the end of the last valid record) hold the lost records.
    private func resynchronise(_ image: UnsafeRawBufferPointer, after offset: Int, end: Int, expected: UInt64)
        -> (offset: Int, sequence: UInt64, timestamp: Int64)? {
        var candidate = offset + 1
        while candidate + RecordCodec.headerSize <= image.count {
            if image[candidate] == RecordCodec.marker,
               case let .record(_, sequence, timestamp, _) = RecordCodec.decode(image, at: candidate),
               sequence >= expected, sequence - expected <= UInt64((candidate - end) / RecordCodec.headerSize) {
                return (candidate, sequence, timestamp)
            }
            candidate += 1
        }
        return nil
    }

    /// Whether every byte of `range` reads as erased.
    func isErased(_ image: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        for index in range where image[index] != erasedByte { return false }
        return true
    }
}
