/// Walks the records of one segment image (docs/journal-format.md §5):
/// a record is accepted only if its marker, length and CRC-32C hold and its sequence is the
/// expected next one; erased bytes up to the next program-size boundary are commit padding;
/// anything else ends the segment (a torn tail, or the end of what was written).
struct SegmentScanner {
    var programSize: Int
    var erasedByte: UInt8

    /// Why a scan ended.
    enum Stop: Equatable {
        /// The bytes after the last record are erased (a clean end).
        case erased
        /// Non-erased bytes that are not the next record: a torn write, corruption, or stale data.
        case invalid
        /// The image ended.
        case endOfImage
    }

    struct Result: Equatable {
        /// Offset just past the last valid record (or the start offset when there is none).
        var end: Int
        /// The sequence the next record would carry.
        var nextSequence: UInt64
        var stop: Stop
    }

    /// Scans `image` from `start`, calling `visit` for every valid record in order;
    /// `visit` returns false to stop early.
    func scan(_ image: UnsafeRawBufferPointer, from start: Int, expecting firstSequence: UInt64,
              visit: (RecordType, UInt64, Int64, Range<Int>) -> Bool) -> Result {
        var offset = start
        var expected = firstSequence
        var end = start
        while true {
            if offset >= image.count { return Result(end: end, nextSequence: expected, stop: .endOfImage) }
            if image[offset] == erasedByte {
                let boundary = min(image.count, (offset / programSize + 1) * programSize)
                guard offset % programSize != 0 else {
                    return Result(end: end, nextSequence: expected, stop: .erased)
                }
                guard isErased(image, offset..<boundary) else {
                    return Result(end: end, nextSequence: expected, stop: .invalid)
                }
                offset = boundary
                continue
            }
            guard case let .record(type, sequence, timestamp, payload) = RecordCodec.decode(image, at: offset),
                  sequence == expected else {
                return Result(end: end, nextSequence: expected, stop: .invalid)
            }
            offset = payload.upperBound
            end = offset
            expected += 1
            if !visit(type, sequence, timestamp, payload) {
                return Result(end: end, nextSequence: expected, stop: .endOfImage)
            }
        }
    }

    /// Whether every byte of `range` reads as erased.
    func isErased(_ image: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        for index in range where image[index] != erasedByte { return false }
        return true
    }
}
