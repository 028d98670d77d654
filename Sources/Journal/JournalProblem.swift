/// One thing recovery or `Journal.verify()` found that does not check, located on the device.
/// Structured for tools and tests; `description` is the line `cmmgate journal verify` prints.
public struct JournalProblem: Equatable, Sendable, CustomStringConvertible {
    /// What kind of damage this is.
    public enum Kind: String, Sendable, Equatable {
        /// Bytes inside a segment's records that do not check, with intact records after them.
        case corruptRegion
        /// Records an older segment should hold (up to its successor's first sequence) that do not
        /// check and are not followed by any intact record of that segment.
        case corruptTail
        /// A segment whose header does not check, but whose records were found between its
        /// neighbours' (the chain was bridged).
        case damagedHeader
    }

    public var kind: Kind
    /// Erase block (segment) index.
    public var segment: Int
    /// Byte offset on the device where the damage starts.
    public var offset: Int
    /// Bytes from `offset` to the next intact record (or to the end of the segment).
    public var length: Int
    /// Sequence numbers lost in the region (nil when no record was lost, e.g. damaged padding).
    public var lost: ClosedRange<UInt64>?
    public var message: String

    public init(kind: Kind, segment: Int, offset: Int, length: Int, lost: ClosedRange<UInt64>?, message: String) {
        self.kind = kind
        self.segment = segment
        self.offset = offset
        self.length = length
        self.lost = lost
        self.message = message
    }

    public var description: String {
        var text = "\(kind.rawValue) at byte \(offset) (segment \(segment), \(length) B)"
        if let lost { text += ", records \(lost.lowerBound)…\(lost.upperBound) lost" }
        return text + ": \(message)"
    }
}
