/// How a multi-register value's bytes are laid out across 16-bit Modbus registers.
///
/// Name the value's bytes from most to least significant: A B C D for 32 bits, A B C D E F G H
/// for 64 bits. Registers are listed in address order (first register read = lowest address);
/// each register is sent high byte first on the wire (Modbus Application Protocol §4.2).
///
/// | order  | 16-bit | 32-bit registers | 64-bit registers        | meaning                          |
/// |--------|--------|------------------|-------------------------|----------------------------------|
/// | `abcd` | AB     | AB CD            | AB CD EF GH             | big-endian bytes, big-endian words (Modbus default) |
/// | `cdab` | AB     | CD AB            | GH EF CD AB             | word-swapped: least significant word first |
/// | `badc` | BA     | BA DC            | BA DC FE HG             | byte-swapped inside each word     |
/// | `dcba` | BA     | DC BA            | HG FE DC BA             | fully little-endian               |
///
/// The 64-bit extension is the consistent one: "word-swapped" reverses the order of all words
/// (little-endian word order), not just pairs. Some devices pair-swap 64-bit values
/// (CD AB GH EF); such a device is described as `cdab` per 32-bit half and is not covered here.
/// For single-register types, only the byte swap matters (`badc`/`dcba` swap the two bytes).
public enum RegisterWordOrder: String, Sendable, Equatable, Hashable, CaseIterable {
    case abcd = "ABCD"
    case badc = "BADC"
    case cdab = "CDAB"
    case dcba = "DCBA"

    /// Bytes inside each register are swapped (`badc`, `dcba`).
    public var swapsBytes: Bool { self == .badc || self == .dcba }

    /// Registers hold the least significant word first (`cdab`, `dcba`).
    public var swapsWords: Bool { self == .cdab || self == .dcba }

    /// The value's bit pattern (big-endian meaning: first byte most significant) from
    /// `registers`, which must hold 1…4 registers.
    public func bitPattern(_ registers: ArraySlice<UInt16>) -> UInt64 {
        var pattern: UInt64 = 0
        let words = swapsWords ? Array(registers.reversed()) : Array(registers)
        for word in words.prefix(4) {
            let ordered = swapsBytes ? word.byteSwapped : word
            pattern = pattern << 16 | UInt64(ordered)
        }
        return pattern
    }

    /// The inverse of `bitPattern`: the `count` registers (1…4) that carry the low
    /// `16 × count` bits of `pattern` in this order.
    public func registers(bitPattern pattern: UInt64, count: Int) -> [UInt16] {
        let n = min(max(count, 0), 4)
        var words: [UInt16] = []
        for index in stride(from: n - 1, through: 0, by: -1) {
            let word = UInt16(truncatingIfNeeded: pattern >> UInt64(16 * index))
            words.append(swapsBytes ? word.byteSwapped : word)
        }
        return swapsWords ? words.reversed() : words
    }
}
