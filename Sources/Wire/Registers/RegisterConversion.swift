/// How one channel's value is read from registers: type, word order, linear scaling
/// (value = raw × scale + offset) and an optional valid range, checked after scaling.
public struct RegisterConversion: Sendable, Equatable {
    public let type: RegisterDataType
    public let order: RegisterWordOrder
    public let scale: Double
    public let offset: Double
    public let validRange: ClosedRange<Double>?

    /// Throws `.badValue` when scale or offset is not finite, scale is 0, the range bounds are
    /// not finite, or a bit index is outside 0…15.
    public init(type: RegisterDataType, order: RegisterWordOrder = .abcd, scale: Double = 1,
                offset: Double = 0, validRange: ClosedRange<Double>? = nil) throws(WireError) {
        guard scale.isFinite, scale != 0 else { throw WireError(.badValue, "scale \(scale) must be finite and non-zero") }
        guard offset.isFinite else { throw WireError(.badValue, "offset \(offset) must be finite") }
        if let range = validRange, !range.lowerBound.isFinite || !range.upperBound.isFinite {
            throw WireError(.badValue, "valid range \(range) must have finite bounds")
        }
        if case .bit(let index) = type, !(0...15).contains(index) {
            throw WireError(.badValue, "bit index \(index) outside 0…15")
        }
        self.type = type
        self.order = order
        self.scale = scale
        self.offset = offset
        self.validRange = validRange
    }

    /// Reads the first `type.registerCount` registers. Throws `.truncated` only when too few
    /// registers are given (a framing problem); every value problem is a `RegisterReading` case.
    public func read(_ registers: ArraySlice<UInt16>) throws(WireError) -> RegisterReading {
        let raw: RegisterValue
        do throws(WireError) {
            raw = try RegisterDecoder.decode(registers, as: type, order: order)
        } catch {
            guard error.code == .badValue, type == .bcd16 || type == .bcd32 else { throw error }
            let pattern = order.bitPattern(registers.prefix(type.registerCount))
            if case .invalidDigit(let nibble, _) = BCD.decode(pattern, digits: 4 * type.registerCount) {
                return .invalidBCD(raw: pattern, nibble: nibble)
            }
            throw error
        }
        return judge(raw.doubleValue)
    }

    public func read(_ registers: [UInt16]) throws(WireError) -> RegisterReading {
        try read(registers[...])
    }

    /// Applies scale, offset and range to a raw number.
    public func judge(_ raw: Double) -> RegisterReading {
        if raw.isNaN { return .notANumber }
        if raw.isInfinite { return .infinite(raw.sign) }
        let scaled = raw * scale + offset
        if scaled.isNaN { return .notANumber }
        if scaled.isInfinite { return .infinite(scaled.sign) }
        if let range = validRange, !range.contains(scaled) { return .outOfRange(scaled, validRange: range) }
        return .value(scaled)
    }
}
