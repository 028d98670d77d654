import Testing
@testable import Wire

@Suite("HJ212 packet envelope")
struct HJ212FrameTests {
    @Test("Appendix A example encodes to the standard's bytes and parses back")
    func appendixA() throws {
        let bytes = try HJ212Frame.encode(segment: HJ212Fixture.appendixASegment)
        #expect(bytes == Array(HJ212Fixture.appendixAFrame.utf8))
        let frame = try HJ212Frame.parse(HJ212Fixture.appendixAFrame)
        #expect(frame.segment == HJ212Fixture.appendixASegment)
        #expect(frame.lengthField == 101)
        #expect(frame.crc == 0x1C80)
        #expect(frame.warnings.isEmpty)
        let segment = try frame.dataSegment(mode: .strict)
        #expect(segment.header.cn == "1062")
        #expect(segment.cp.allFields == [.realtimeInterval(30)])
    }

    @Test("pasted without CR LF, with the literal text \\r\\n, with a lower-case CRC")
    func lenientEnvelope() throws {
        let bare = "##0101" + HJ212Fixture.appendixASegment + "1C80"
        let missing = try HJ212Frame.parse(bare)
        #expect(missing.warnings.map(\.kind) == [.missingTerminator])
        let literal = try HJ212Frame.parse(bare + "\\r\\n")
        #expect(literal.warnings.map(\.kind) == [.literalTerminator])
        let lower = try HJ212Frame.parse(String(bare.dropLast(4)) + "1c80\r\n")
        #expect(lower.warnings.map(\.kind) == [.lowercaseCRC])
        #expect(lower.crc == 0x1C80)
        let spaced = try HJ212Frame.parse("  " + HJ212Fixture.appendixAFrame + "\n")
        #expect(spaced.warnings.map(\.kind).contains(.surroundingWhitespace))
    }

    @Test("a length field that disagrees names both counts")
    func lengthMismatch() {
        let text = "##0100" + HJ212Fixture.appendixASegment + "1C80\r\n"
        #expect {
            try HJ212Frame.parse(text)
        } throws: { error in
            let e = error as? WireError
            return e?.code == .malformed && e?.offset == 2
                && (e?.message.contains("0100") ?? false) && (e?.message.contains("101 characters") ?? false)
        }
    }

    @Test("a CRC mismatch gives expected and received values and the CRC's offset")
    func crcMismatch() {
        let text = "##0101" + HJ212Fixture.appendixASegment + "1C81\r\n"
        #expect {
            try HJ212Frame.parse(text)
        } throws: { error in
            let e = error as? WireError
            return e?.code == .badChecksum && e?.offset == 107
                && (e?.message.contains("received 1C81") ?? false) && (e?.message.contains("expected 1C80") ?? false)
        }
    }

    @Test("an over-long segment is refused by the encoder")
    func tooLong() {
        let segment = "QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&"
            + String(repeating: "a", count: 1000) + "&&"
        #expect(throws: WireError.self) { try HJ212Frame.encode(segment: segment) }
    }

    @Test("encrypted frames: length convention, CRC over plaintext, decryption with the cipher")
    func encryptedEnvelope() throws {
        let segment = "QN=20240520210700000;ST=31;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=9;"
            + "CP=&&DataTime=20240520210600;a01011-Min=1.35,a01011-Flag=N&&"
        let cipher = ToyBlockCipher()
        for convention in [HJ212LengthConvention.plaintextLength, .transmittedLength] {
            let bytes = try HJ212Frame.encode(segment: segment, cipher: cipher, lengthConvention: convention)
            let frame = try HJ212Frame.parse(bytes, cipher: cipher, lengthConvention: convention)
            #expect(frame.segment == segment)
            #expect(frame.transmittedSegment != nil)
            #expect(frame.crc == HJ212CRC.compute(segment))
            #expect(frame.warnings.isEmpty)
            let other: HJ212LengthConvention = convention == .plaintextLength ? .transmittedLength : .plaintextLength
            let crossed = try HJ212Frame.parse(bytes, cipher: cipher, lengthConvention: other)
            #expect(crossed.warnings.map(\.kind) == [.lengthConvention])
            #expect(throws: WireError.self) { try HJ212Frame.parse(bytes, cipher: nil) }
        }
    }
}
