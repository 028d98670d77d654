/// The HJ 212 data flag of a value (HJ 212-2017 Table 8; domain reference §2.4). Every value the
/// gateway records or sends carries one; a missing value is flagged, never filled in.
/// The raw value is the flag's letter as an ASCII byte, which is also how it is journaled.
public enum DataFlag: UInt8, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// N: normal.
    case normal = 0x4E
    /// F: instrument stopped.
    case stopped = 0x46
    /// M: maintenance (set by the operator).
    case maintenance = 0x4D
    /// S: manually set value (set by the operator).
    case manual = 0x53
    /// D: fault (the read failed at the device, or the value is invalid).
    case fault = 0x44
    /// C: calibrating (set by the operator).
    case calibrating = 0x43
    /// T: above the upper range limit.
    case overRange = 0x54
    /// B: communication between instrument and gateway abnormal (no reply, or no fresh reading).
    case communication = 0x42

    /// The flag's letter as HJ 212 writes it (`…-Flag=N`).
    public var letter: Character { Character(Unicode.Scalar(rawValue)) }

    /// The flag for an HJ 212 letter, or nil.
    public init?(letter: Character) {
        guard let ascii = letter.asciiValue, let flag = DataFlag(rawValue: ascii) else { return nil }
        self = flag
    }

    /// Whether a value with this flag counts as a valid sample in statistics and accounting:
    /// N (measured) and S (a value the operator set and answers for). Every other flag marks a
    /// value that is missing, suspect or not the process's (docs/metering.md).
    public var countsAsValid: Bool { self == .normal || self == .manual }

    public var description: String { String(letter) }
}
