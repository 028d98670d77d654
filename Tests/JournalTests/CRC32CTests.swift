@testable import Journal
import Testing

@Suite struct CRC32CTests {
    @Test func standardCheckValue() {
        #expect(CRC32C.checksum("123456789") == 0xE306_9283)
    }

    @Test func emptyInputIsZero() {
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    /// RFC 3720 (iSCSI) B.4 vectors: 32 bytes of zeros, of 0xFF, and ascending bytes.
    @Test func iscsiVectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    }

    /// The eight-bytes-at-a-time path agrees with a bitwise reference at every length and split.
    @Test func slicedPathAgreesWithBitwiseReference() {
        let bytes = (0..<67).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...bytes.count {
            #expect(CRC32C.checksum(bytes.prefix(length)) == bitwise(Array(bytes.prefix(length))))
        }
        for split in 0...bytes.count {
            var running = CRC32C.Accumulator()
            running.update(Array(bytes[..<split]))
            running.update(Array(bytes[split...]))
            #expect(running.value == bitwise(bytes))
        }
    }

    private func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
