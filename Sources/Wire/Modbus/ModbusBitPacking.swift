/// Packing of coil and discrete-input bits in 01/02 replies (Modbus Application Protocol §6.1):
/// the first bit is the least significant bit of the first data byte; unused high bits of the
/// last byte are padded with zeros.
public enum ModbusBitPacking {
    /// Packs `bits` into ceil(count / 8) bytes, LSB first, zero padded.
    public static func pack(_ bits: [Bool]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit {
            bytes[index / 8] |= UInt8(1) << UInt8(index % 8)
        }
        return bytes
    }

    /// The first `count` bits of `packed`, LSB of the first byte first. Bits past the end of
    /// `packed` are not invented: the result is at most `8 × packed.count` long.
    public static func unpack(_ packed: [UInt8], count: Int) -> [Bool] {
        let available = min(max(count, 0), packed.count * 8)
        var bits: [Bool] = []
        bits.reserveCapacity(available)
        for index in 0..<available {
            bits.append(packed[index / 8] & (UInt8(1) << UInt8(index % 8)) != 0)
        }
        return bits
    }
}
