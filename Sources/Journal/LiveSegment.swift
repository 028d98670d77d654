/// In-memory index entry of a segment that holds live records: where it is, its place in the
/// ring (epoch), the sequence range and the time span of its records. Built at recovery from
/// the segment headers (no record scan except the newest segment) and kept up to date on commit.
struct LiveSegment: Equatable, Sendable {
    var block: Int
    var epoch: UInt64
    /// Bytes of the segment header; records start here.
    var headerLength: Int
    var firstSequence: UInt64
    /// `firstSequence - 1` while the segment holds no record.
    var lastSequence: UInt64
    /// Earliest and latest record timestamp (`Int64.max` / `Int64.min` while empty).
    var earliest: Int64 = .max
    var latest: Int64 = .min

    var isEmpty: Bool { lastSequence < firstSequence }

    mutating func include(sequence: UInt64, timestamp: Int64) {
        lastSequence = sequence
        earliest = min(earliest, timestamp)
        latest = max(latest, timestamp)
    }

    func overlaps(_ range: ClosedRange<Int64>) -> Bool {
        !isEmpty && earliest <= range.upperBound && latest >= range.lowerBound
    }
}

/// Where the next commit goes in the newest segment.
struct WritePosition: Equatable, Sendable {
    var block: Int
    /// Byte offset within the segment, a multiple of the program size.
    var offset: Int
    /// Set when the bytes after `offset` are not all erased (a torn or reordered write before a
    /// power cut, or a failed program): nothing more is written here, the next commit rotates.
    var abandoned: Bool
}
