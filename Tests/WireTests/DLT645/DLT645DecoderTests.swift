import Testing
@testable import Wire

@Suite("DL/T 645-2007 decoder")
struct DLT645DecoderTests {
    static let reply = try! Hex.parse("68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88 16")
    let verifier = DecoderVerifier { DLT645FrameDecoder() }

    /// All steps a fresh decoder yields for `bytes` given whole.
    func steps(_ bytes: [UInt8], _ decoder: DLT645FrameDecoder = DLT645FrameDecoder()) -> [DecodeStep<DLT645Frame>] {
        var decoder = decoder
        var buffer = InputBuffer(bytes)
        return decoder.decodeAvailable(&buffer)
    }

    func discardReasons(_ steps: [DecodeStep<DLT645Frame>]) -> [WireError] {
        steps.compactMap { if case .discarded(_, let reason) = $0 { reason } else { nil } }
    }

    func frames(_ steps: [DecodeStep<DLT645Frame>]) -> [DLT645Frame] {
        steps.compactMap { if case .frame(let f) = $0 { f } else { nil } }
    }

    @Test func badChecksumDiscardsOneByteWithExpectedAndReceived() throws {
        var bad = Self.reply
        bad[18] = 0x89
        let result = steps(bad)
        #expect(frames(result).isEmpty)
        guard case .discarded(let count, let reason) = result.first else {
            Issue.record("expected a discard, got \(result)")
            return
        }
        #expect(count == 1)
        #expect(reason.code == .badChecksum)
        #expect(reason.offset == 18)
        #expect(reason.message.contains("expected 0x88") && reason.message.contains("received 0x89"))
    }

    @Test func badFrameThenGoodFrameYieldsTheGoodOne() throws {
        var bad = Self.reply
        bad[19] = 0x17  // end byte wrong
        let frame = try DLT645Frame.parse(Self.reply)
        let stream = bad + [0xFE, 0xFE] + Self.reply
        #expect(verifier.frames(stream) == [frame])
        #expect(verifier.frames(stream, splitAt: Array(0..<stream.count)) == [frame])
        #expect(discardReasons(steps(stream)).contains { $0.message.contains("end byte 0x16 missing") })
    }

    @Test func endIsFoundFromLengthNotFromA16() throws {
        // Data bytes equal to 0x16 on the wire must not end the frame early.
        let frame = try DLT645Frame(address: try DLT645Address("16"), control: .readDataReply,
                                    data: [0x16 &- 0x33, 0x16 &- 0x33, 0, 0, 0x16 &- 0x33])
        let bytes = frame.encoded()
        #expect(bytes.dropFirst(4).dropLast().contains(0x16))
        verifier.verify(bytes, decodesTo: frame, garbage: DLT645Noise.garbage)
    }

    @Test func lengthAboveTheMaximumIsRejectedAndConfigurable() throws {
        let data = [UInt8](repeating: 0x01, count: 201)
        #expect(throws: WireError.self) { try DLT645Frame(address: .wildcard, control: .readDataReply, data: data) }
        let long = DLT645Frame(unchecked: .wildcard, control: .readDataReply, data: data)
        let bytes = long.encoded(preambleCount: 0)
        let strict = steps(bytes)
        #expect(frames(strict).isEmpty)
        #expect(discardReasons(strict).first?.code == .tooLong)
        #expect(discardReasons(strict).first?.offset == 9)
        let lenient = steps(bytes, DLT645FrameDecoder(maximumDataLength: 255))
        #expect(frames(lenient) == [long])
    }

    @Test func secondStartByteIsChecked() throws {
        var bad = Self.reply
        bad[7] = 0x69
        let reasons = discardReasons(steps(bad))
        #expect(reasons.first?.code == .malformed)
        #expect(reasons.first?.offset == 7)
        #expect(frames(steps(bad)).isEmpty)
    }

    @Test func noiseRunIsDiscardedInOneStepKeepingATrailingPreamble() {
        let noise: [UInt8] = [0x01, 0x02, 0x16, 0x03, 0xFE, 0xFE]
        var decoder = DLT645FrameDecoder()
        var buffer = InputBuffer(noise)
        guard case .discarded(let count, let reason) = decoder.decode(&buffer) else {
            Issue.record("expected a discard")
            return
        }
        #expect(count == 4)
        #expect(reason.code == .garbage)
        guard case .needMoreData = decoder.decode(&buffer) else {
            Issue.record("the FE preamble should wait for its frame")
            return
        }
        buffer.append(contentsOf: Self.reply)
        guard case .frame = decoder.decode(&buffer) else {
            Issue.record("expected the frame after the preamble")
            return
        }
        #expect(buffer.isEmpty)
    }

    @Test func strayStartByteDoesNotHoldAGoodFrameHostage() throws {
        // The stray 68's offset 7 is the real 68, its "L" is the address byte 0x90 = 144:
        // the good frame must come out without waiting for 144 more bytes.
        let frame = try DLT645Frame.parse(Self.reply)
        let stream: [UInt8] = [0x68, 1, 2, 3, 4, 5, 6] + Self.reply
        let result = steps(stream)
        #expect(frames(result) == [frame])
        #expect(discardReasons(result).first?.message.contains("abandoned") == true)
    }

    @Test func longFeRunIsTrimmedButTheFrameSurvives() throws {
        let frame = try DLT645Frame.parse(Self.reply)
        let stream = [UInt8](repeating: 0xFE, count: 100) + Self.reply
        #expect(verifier.frames(stream) == [frame])
        #expect(verifier.frames(stream, splitAt: Array(0..<stream.count)) == [frame])
        var decoder = DLT645FrameDecoder()
        var buffer = InputBuffer([UInt8](repeating: 0xFE, count: 100))
        let result = decoder.decodeAvailable(&buffer)
        #expect(buffer.readableBytes == 16, "the kept preamble is bounded")
        #expect(discardReasons(result).count == 1)
    }

    @Test func needMoreDataOnEveryProperPrefix() {
        for cut in 0..<Self.reply.count {
            var decoder = DLT645FrameDecoder()
            var buffer = InputBuffer(Self.reply.prefix(cut))
            guard case .needMoreData = decoder.decode(&buffer) else {
                Issue.record("prefix of \(cut) bytes did not ask for more")
                continue
            }
            #expect(buffer.readableBytes == cut)
        }
    }

    @Test func wholeFrameParserErrorsSayWhereAndWhat() throws {
        #expect(throws: WireError(.malformed, "2 bytes after the end byte 0x16", offset: 20)) {
            try DLT645Frame.parse(Self.reply + [0x00, 0x01])
        }
        do {
            _ = try DLT645Frame.parse(Array(Self.reply.prefix(15)))
            Issue.record("truncated frame parsed")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.message.contains("L = 8 announces 20"))
        }
        do {
            _ = try DLT645Frame.parse([0xFE, 0xFE, 0x00] + Self.reply)
            Issue.record("noise parsed")
        } catch {
            #expect(error.code == .malformed && error.offset == 2)
        }
    }
}
