/// Single bits: of a 16-bit register (status words) and of packed coil / discrete-input data.
public enum RegisterBits {
    /// Bit `index` of `register`, 0 = least significant. Throws `.badValue` outside 0…15.
    public static func bit(_ index: Int, of register: UInt16) throws(WireError) -> Bool {
        guard (0...15).contains(index) else { throw WireError(.badValue, "bit index \(index) outside 0…15") }
        return register & (UInt16(1) << UInt16(index)) != 0
    }

    /// All 16 bits of `register`, least significant first.
    public static func bits(of register: UInt16) -> [Bool] {
        (0..<16).map { register & (UInt16(1) << UInt16($0)) != 0 }
    }

    /// Coil / discrete input `index` (0 = first requested) of 01/02 reply data, packed LSB
    /// first (Modbus Application Protocol §6.1). Throws `.truncated` past the data.
    public static func coil(_ index: Int, in packed: [UInt8]) throws(WireError) -> Bool {
        guard index >= 0, index / 8 < packed.count else {
            throw WireError(.truncated, "bit \(index) is beyond \(packed.count) data bytes", offset: max(index, 0) / 8)
        }
        return packed[index / 8] & (UInt8(1) << UInt8(index % 8)) != 0
    }
}
