/// The type byte of a journal record. Values below 0x10 are the journal's own; the
/// application (metering, statistics, events) uses 0x10 and above.
public struct RecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// A consumer's acknowledgement (internal: replayed into cursors, never returned by reads).
    public static let acknowledgement = RecordType(rawValue: 0x01)
    /// Records were overwritten before every consumer acknowledged them (payload: `GapEvent`).
    /// Returned by reads, so the uplinks can report the loss.
    public static let gap = RecordType(rawValue: 0x02)
    /// The first type available to applications.
    public static let firstApplicationType = RecordType(rawValue: 0x10)

    /// Whether reads hide this record (journal bookkeeping).
    public var isInternal: Bool { self == .acknowledgement }

    /// Whether an application may append records of this type.
    public var isApplicationType: Bool { rawValue >= RecordType.firstApplicationType.rawValue }

    public var description: String {
        switch self {
        case .acknowledgement: "acknowledgement"
        case .gap: "gap"
        default: "type 0x\(String(rawValue, radix: 16, uppercase: true))"
        }
    }
}
