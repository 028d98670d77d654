import Testing
@testable import Wire

@Suite struct ModbusCRCTests {
    @Test func checkValueOf123456789() {
        #expect(ModbusCRC.checksum(Array("123456789".utf8)) == 0x4B37)
    }

    @Test func emptyInputIsTheInitialValue() {
        #expect(ModbusCRC.checksum([UInt8]()) == 0xFFFF)
    }

    @Test func tableMatchesBitwiseDefinition() {
        // Bit-by-bit CRC-16/MODBUS, independent of the table.
        func bitwise(_ bytes: [UInt8]) -> UInt16 {
            var crc: UInt16 = 0xFFFF
            for byte in bytes {
                crc ^= UInt16(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
            }
            return crc
        }
        var rng = SeededRandom(seed: 0xC2C)
        for round in 0..<200 {
            let bytes = rng.bytes(Int.random(in: 0..<64, using: &rng))
            #expect(ModbusCRC.checksum(bytes) == bitwise(bytes), "seed 0xC2C round \(round)")
        }
    }

    @Test func crcGoesLowByteFirst() {
        #expect(ModbusCRC.wireBytes(0xCDC5) == [0xC5, 0xCD])
        #expect(ModbusCRC.appending(to: [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A])
                == [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD])
    }

    @Test func badCRCErrorNamesReceivedAndExpected() {
        let frame: [UInt8] = [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCE]
        #expect(throws: WireError.self) { try RTUADU.checkCRC(frame[...]) }
        do {
            try RTUADU.checkCRC(frame[...])
        } catch {
            #expect(error.code == .badChecksum)
            #expect(error.offset == 6)
            #expect(error.message.contains("received C5 CE (0xCEC5)"))
            #expect(error.message.contains("expected C5 CD (0xCDC5)"))
        }
    }
}
