import Testing
@testable import Metering

@Suite struct ByteCodingTests {
    @Test func writerIsLittleEndian() {
        var writer = ByteWriter(capacity: 32)
        writer.write(UInt8(0xAB))
        writer.write(UInt16(0x0102))
        writer.write(UInt32(0x0304_0506))
        writer.write(Int64(-2))
        writer.write(1.5)
        #expect(writer.bytes == [0xAB, 0x02, 0x01, 0x06, 0x05, 0x04, 0x03,
                                 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F])
        #expect(writer.count == 23)
    }

    @Test func readerMirrorsWriter() throws {
        var writer = ByteWriter()
        writer.write(UInt8(7))
        writer.write(UInt16(65535))
        writer.write(UInt32(0xDEAD_BEEF))
        writer.write(Int64.min)
        writer.write(-0.125)
        var reader = ByteReader(writer.bytes)
        #expect(try reader.readByte("a") == 7)
        #expect(try reader.read(UInt16.self, "b") == 65535)
        #expect(try reader.read(UInt32.self, "c") == 0xDEAD_BEEF)
        #expect(try reader.read(Int64.self, "d") == Int64.min)
        #expect(try reader.readDouble("e") == -0.125)
        #expect(reader.remaining == 0)
        try reader.finish("test payload")
    }

    @Test func shortReadNamesTheFieldAndItsOffset() {
        var reader = ByteReader([1, 2, 3])
        #expect(throws: Never.self) { _ = try reader.readByte("first") }
        do {
            _ = try reader.read(UInt32.self, "the tag")
            Issue.record("expected truncated")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.offset == 1)
            #expect(error.message == "payload ends after 3 bytes: the tag needs 4 byte(s)")
        }
        #expect(reader.offset == 1)
    }

    @Test func leftoverBytesAreReportedWhereTheyStart() {
        var reader = ByteReader([1, 2, 3])
        _ = try? reader.readByte("first")
        #expect(throws: MeteringError(.trailingBytes, "thing has 2 byte(s) after its last field", offset: 1)) {
            try reader.finish("thing")
        }
    }

    @Test func errorDescriptionCarriesOffsetAndCause() {
        let error = MeteringError(.malformed, "bad flag", offset: 16, cause: "decoder").context("journal record 9")
        #expect(error.description == "malformed at byte 16: journal record 9: bad flag (decoder)")
        #expect(MeteringError(.invalidArgument, "no").description == "invalidArgument: no")
    }
}
