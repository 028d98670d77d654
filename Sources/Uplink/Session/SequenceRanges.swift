/// A set of journal sequences kept as sorted, disjoint, non-adjacent closed ranges: the records
/// above the journal cursor that are already settled (delivered, or sent by nobody). Its size is
/// the number of ranges, which the session keeps bounded (docs/uplink.md, "Session").
struct SequenceRanges: Sendable, Equatable {
    private(set) var ranges: [ClosedRange<UInt64>] = []

    /// How many ranges the set holds.
    var count: Int { ranges.count }

    /// Whether `sequence` is in the set (binary search).
    func contains(_ sequence: UInt64) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < sequence {
                low = middle + 1
            } else if ranges[middle].lowerBound > sequence {
                high = middle
            } else {
                return true
            }
        }
        return false
    }

    /// Adds `range`, merging it with the ranges it overlaps or touches.
    mutating func insert(_ range: ClosedRange<UInt64>) {
        var low = range.lowerBound
        var high = range.upperBound
        var merged: [ClosedRange<UInt64>] = []
        merged.reserveCapacity(ranges.count + 1)
        var placed = false
        for existing in ranges {
            if Self.separated(existing.upperBound, low) {
                merged.append(existing)
            } else if Self.separated(high, existing.lowerBound) {
                if !placed { merged.append(low...high); placed = true }
                merged.append(existing)
            } else {
                low = min(low, existing.lowerBound)
                high = max(high, existing.upperBound)
            }
        }
        if !placed { merged.append(low...high) }
        ranges = merged
    }

    /// The cursor moved over the range that starts right after it, if any: the new cursor, with
    /// everything up to it dropped from the set.
    mutating func advance(from cursor: UInt64) -> UInt64 {
        var cursor = cursor
        while let first = ranges.first, first.lowerBound <= cursor &+ 1 {
            cursor = max(cursor, first.upperBound)
            ranges.removeFirst()
        }
        return cursor
    }

    /// True when a range ending at `upper` and one starting at `lower` neither overlap nor touch.
    private static func separated(_ upper: UInt64, _ lower: UInt64) -> Bool {
        upper < lower && lower - upper > 1
    }
}
