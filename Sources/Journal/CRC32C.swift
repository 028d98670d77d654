/// CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF.
///
/// Table-driven, eight bytes per step ("slicing-by-8") so the recovery scan is not limited by the
/// checksum. Check value: `CRC32C.checksum("123456789")` is `0xE3069283`.
public enum CRC32C {
    /// Eight 256-entry tables; table 0 is the classic byte-at-a-time table.
    static let tables: [UInt32] = makeTables()

    /// CRC-32C of `bytes`.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = Accumulator()
        let handled: Void? = bytes.withContiguousStorageIfAvailable { crc.update($0) }
        if handled == nil { crc.update(Array(bytes)) }
        return crc.value
    }

    /// CRC-32C of the UTF-8 bytes of `text`.
    public static func checksum(_ text: String) -> UInt32 {
        checksum(Array(text.utf8))
    }

    /// A running CRC-32C over several pieces (a record header and then its payload).
    public struct Accumulator: Sendable {
        private var state: UInt32 = 0xFFFF_FFFF

        public init() {}

        /// The CRC of everything fed so far.
        public var value: UInt32 { state ^ 0xFFFF_FFFF }

        /// Feeds `bytes`.
        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { update($0) }
        }

        /// Feeds `bytes`.
        public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            state = CRC32C.advance(state, bytes)
        }

        /// Feeds `bytes`.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            update(bytes.bindMemory(to: UInt8.self))
        }
    }

    static func advance(_ start: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = start
        var index = 0
        let count = bytes.count
        tables.withUnsafeBufferPointer { table in
            while count - index >= 8 {
                let low = crc ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                    | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
                let high = UInt32(bytes[index + 4]) | UInt32(bytes[index + 5]) << 8
                    | UInt32(bytes[index + 6]) << 16 | UInt32(bytes[index + 7]) << 24
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        return crc
    }

    private static func makeTables() -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = table[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return table
    }
}
