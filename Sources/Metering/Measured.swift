/// One input value to the accounting or a cross-check: the number and whether its sample counts
/// as valid (its data flag `countsAsValid`: N or S). An invalid value is carried, not dropped, so
/// the caller can say which input excluded a second; the arithmetic never uses it.
public struct Measured: Sendable, Equatable {
    /// The value in the canonical unit the consumer documents (m³/h, %, °C, kPa, 0/1).
    public var value: Double
    /// Whether the sample's flag counts as valid.
    public var valid: Bool

    public init(_ value: Double, valid: Bool = true) {
        self.value = value
        self.valid = valid
    }

    /// The measured form of a record's value, or nil when the record has no value. `transform`
    /// converts the value to the canonical unit (the identity by default).
    public init?(_ flagged: FlaggedValue, transform: (Double) -> Double = { $0 }) {
        guard let value = flagged.value else { return nil }
        self.init(transform(value), valid: flagged.flag.countsAsValid)
    }

    /// Valid and finite: the only values the arithmetic uses.
    public var isUsable: Bool { valid && value.isFinite }
}
