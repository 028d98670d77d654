/// A small seeded random number generator (Steele, Lea, Flood: SplitMix64), so every randomised
/// test and campaign reproduces from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

extension SplitMix64 {
    /// A uniform integer in 0..<bound (bound > 0).
    public mutating func nextInt(below bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }
}

extension SplitMix64 {
    /// A uniform value in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// A uniform byte.
    public mutating func nextByte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
}
