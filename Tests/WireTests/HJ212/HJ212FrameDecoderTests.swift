import Testing
@testable import Wire

@Suite("HJ212 stream decoder")
struct HJ212FrameDecoderTests {
    let verifier = DecoderVerifier(makeDecoder: { HJ212FrameDecoder() })
    static let garbage: [[UInt8]] = [
        [0x00], [0xFF, 0x13, 0x37], Array("#".utf8), Array("##".utf8), Array("##xy".utf8), Array("##01".utf8),
        Array("\r\n".utf8), Array(HJ212Fixture.appendixAFrame.utf8.prefix(50)),
        Array("##9999QN=".utf8.prefix(6)),
    ]

    @Test("Appendix A frame through the decoder verifier (whole, byte by byte, every split, garbage)")
    func appendixA() throws {
        let bytes = Array(HJ212Fixture.appendixAFrame.utf8)
        let expected = try HJ212Frame.parse(bytes)
        verifier.verify(bytes, decodesTo: expected, garbage: Self.garbage)
    }

    @Test("every segment of hj212-crc.tsv framed, through the verifier")
    func vectorFrames() throws {
        for row in try VectorFile.rows("hj212-crc.tsv") {
            let segment = row["segment"] ?? ""
            let bytes = HJ212Fixture.frameBytes(segment)
            #expect(bytes.suffix(6).prefix(4) == ArraySlice((row["crc"] ?? "").utf8))
            let expected = HJ212Frame(segment: segment, lengthField: segment.utf8.count, crc: HJ212CRC.compute(segment))
            verifier.verify(bytes, decodesTo: expected, garbage: Self.garbage)
        }
    }

    @Test("encrypted frame (plaintext length field) is delimited by CR LF and decrypted")
    func encrypted() throws {
        let segment = "QN=20240520210700000;ST=31;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=9;"
            + "CP=&&DataTime=20240520210600;a01011-Min=1.35,a01011-Avg=1.35,a01011-Flag=N&&"
        let cipher = ToyBlockCipher()
        let bytes = try HJ212Frame.encode(segment: segment, cipher: cipher)
        let expected = try HJ212Frame.parse(bytes, cipher: cipher)
        #expect(expected.segment == segment)
        DecoderVerifier(makeDecoder: { HJ212FrameDecoder(cipher: cipher) })
            .verify(bytes, decodesTo: expected, garbage: Self.garbage)
        var decoder = HJ212FrameDecoder()
        var buffer = InputBuffer(bytes)
        guard case .discarded(_, let reason) = decoder.decode(&buffer) else {
            Issue.record("encrypted frame without a key must be discarded")
            return
        }
        #expect(reason.code == .unsupported)
    }

    @Test("bad CRC, bad length, missing terminator: discarded with a reason, the next frame still decodes")
    func resync() throws {
        let good = Array(HJ212Fixture.appendixAFrame.utf8)
        var badCRC = good
        badCRC[good.count - 3] = UInt8(ascii: "1")
        let badLength = Array(("##0100" + HJ212Fixture.appendixASegment + "1C80\r\n").utf8)
        let missingCRLF = Array(good.dropLast(2))
        let steps = decodeAll(badCRC + badLength + missingCRLF + good)
        let frames = steps.compactMap { step -> HJ212Frame? in if case .frame(let f) = step { return f } else { return nil } }
        let reasons = steps.compactMap { step -> WireError? in if case .discarded(_, let r) = step { return r } else { return nil } }
        #expect(frames.count == 2)
        #expect(frames.first?.warnings.map(\.kind) == [.missingTerminator])
        #expect(reasons.map(\.code) == [.badChecksum, .malformed])
        #expect(reasons.first?.message.contains("expected 1C80") ?? false)
        #expect(reasons.last?.message.contains("101 characters") ?? false)
    }

    @Test("lower-case CRC and the literal \\r\\n text are accepted with warnings")
    func lenient() {
        let segment = HJ212Fixture.appendixASegment
        let lower = HJ212Fixture.frameBytes(segment, crc: "1c80")
        let literal = HJ212Fixture.frameBytes(segment, terminator: "\\r\\n\r\n")
        let frames = decodeAll(lower + literal).compactMap { step -> HJ212Frame? in
            if case .frame(let f) = step { return f } else { return nil }
        }
        #expect(frames.map { $0.warnings.map(\.kind) } == [[.lowercaseCRC], [.literalTerminator]])
    }

    @Test("seeded: random bit flips and truncations never trap, always progress, never yield a wrong frame")
    func mutations() throws {
        let seed: UInt64 = 0x2120_2017
        var random = SeededRandom(seed: seed)
        let base = Array(HJ212Fixture.appendixAFrame.utf8)
        for round in 0..<400 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            }
            if Bool.random(using: &random) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))) }
            let stream = bytes + base
            let frames = verifier.frames(stream, splitAt: [Int.random(in: 0...stream.count, using: &random)])
            #expect(frames.last?.segment == HJ212Fixture.appendixASegment, "seed \(seed) round \(round)")
            for frame in frames {
                #expect(HJ212CRC.compute(frame.segment) == frame.crc, "seed \(seed) round \(round)")
            }
        }
    }

    private func decodeAll(_ bytes: [UInt8]) -> [DecodeStep<HJ212Frame>] {
        var decoder = HJ212FrameDecoder()
        var buffer = InputBuffer(bytes)
        return decoder.decodeAvailable(&buffer)
    }
}
