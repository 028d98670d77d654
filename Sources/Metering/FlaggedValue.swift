/// One parameter's value in one record, with its HJ 212 data flag. A missing value is nil, never
/// filled in; the flag says why it is missing (B, D, F) or what the value is (N, T, S, M, C).
public struct FlaggedValue: Sendable, Equatable {
    /// The value, or nil when there is none to report.
    public var value: Double?
    /// The value's data flag.
    public var flag: DataFlag

    public init(value: Double?, flag: DataFlag) {
        self.value = value
        self.flag = flag
    }

    /// Whether this value counts as a valid sample in statistics: a flag that `countsAsValid`
    /// (N or S) and a value.
    public var isValid: Bool { flag.countsAsValid && value != nil }
}
