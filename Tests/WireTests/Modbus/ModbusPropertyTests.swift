import Testing
@testable import Wire

/// Seeded property tests: round trips of random valid frames, and random damage that must
/// never trap and must always make progress. Seeds are printed in every failure.
@Suite struct ModbusPropertyTests {
    static let seeds: [UInt64] = [1, 0xC0A1, 0x5EED_0003, 0xDEAD_BEEF]

    @Test(arguments: seeds) func rtuRoundTrips(seed: UInt64) throws {
        var random = ModbusRandom(seed: seed)
        for round in 0..<200 {
            let request = RTURequestFrame(slave: random.slave(), request: random.request())
            let requestBytes = try request.encode()
            #expect(requestBytes.count == 8)
            let parsedRequest = try RTUADU.parse(requestBytes)
            switch parsedRequest {
            case .request(let frame), .ambiguous(let frame, _): #expect(frame == request, "seed \(seed) round \(round)")
            case .reply: Issue.record("seed \(seed) round \(round): request parsed as reply")
            }
            let reply = RTUReplyFrame(slave: request.slave, reply: random.reply(to: request.request))
            let replyBytes = try reply.encode()
            if case .normal = reply.reply { #expect(replyBytes.count == request.replyLength, "seed \(seed) round \(round)") }
            else { #expect(replyBytes.count == 5) }
            var decoder = RTUReplyDecoder(expecting: request)
            var buffer = InputBuffer(replyBytes)
            let replies = modbusFrames(decoder.decodeAvailable(&buffer))
            #expect(replies.frames == [.reply(reply)] && replies.discards == 0, "seed \(seed) round \(round)")
            var requests = RTURequestDecoder()
            var requestBuffer = InputBuffer(requestBytes)
            let decoded = modbusFrames(requests.decodeAvailable(&requestBuffer))
            #expect(decoded.frames == [request] && decoded.discards == 0, "seed \(seed) round \(round)")
        }
    }

    @Test(arguments: seeds) func tcpRoundTrips(seed: UInt64) throws {
        var random = ModbusRandom(seed: seed)
        for round in 0..<200 {
            let request = random.request()
            let tid = UInt16.random(in: 0...UInt16.max, using: &random.rng)
            let unit = UInt8.random(in: 0...255, using: &random.rng)
            let requestFrame = try ModbusTCPFrame.request(transactionID: tid, unitID: unit, request)
            let reply = random.reply(to: request)
            let replyFrame = try ModbusTCPFrame.reply(transactionID: tid, unitID: unit, reply)
            let stream = try requestFrame.encode() + replyFrame.encode()
            var decoder = MBAPFrameDecoder()
            var buffer = InputBuffer(stream)
            let decoded = modbusFrames(decoder.decodeAvailable(&buffer))
            #expect(decoded.frames == [requestFrame, replyFrame] && decoded.discards == 0, "seed \(seed) round \(round)")
            #expect(try requestFrame.parseRequest() == request, "seed \(seed) round \(round)")
            #expect(try replyFrame.parseReply() == reply, "seed \(seed) round \(round)")
            if case .normal = reply { #expect(try replyFrame.encode().count == request.tcpReplyLength) }
        }
    }

    /// Flips bits and truncates valid frames; every decoder call must return a frame, consume
    /// at least one byte, or ask for more without consuming; parsers must throw, not trap.
    @Test(arguments: seeds) func damagedFramesNeverTrapAndAlwaysProgress(seed: UInt64) throws {
        var random = ModbusRandom(seed: seed)
        for round in 0..<300 {
            let request = RTURequestFrame(slave: random.slave(), request: random.request())
            let reply = RTUReplyFrame(slave: request.slave, reply: random.reply(to: request.request))
            let tcp = try ModbusTCPFrame.reply(transactionID: 7, unitID: 1, reply.reply).encode()
            for original in [request.bytes, reply.bytes, tcp] {
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &random.rng) {
                    let index = Int.random(in: 0..<bytes.count, using: &random.rng)
                    bytes[index] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random.rng)
                }
                if Bool.random(using: &random.rng) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &random.rng)) }
                let context = "seed \(seed) round \(round) bytes \(Hex.format(bytes))"
                checkProgress(RTUReplyDecoder(expecting: request), bytes, context)
                checkProgress(RTURequestDecoder(), bytes, context)
                checkProgress(MBAPFrameDecoder(), bytes, context)
                _ = try? RTUADU.parse(bytes)
                _ = try? ModbusTCPFrame.parse(bytes)
                _ = ModbusFrameDescriber.describeRTU(bytes)
                _ = ModbusFrameDescriber.describeTCP(bytes)
                if bytes != original, bytes.count == original.count, original.count == request.bytes.count,
                   original == request.bytes || original == reply.bytes {
                    // A 1–3 bit error is always caught by CRC-16.
                    #expect((try? RTUADU.parse(bytes)) == nil, "\(context)")
                }
            }
        }
    }

    private func checkProgress<D: FrameDecoder>(_ decoder: D, _ bytes: [UInt8], _ context: String) {
        var decoder = decoder
        var buffer = InputBuffer(bytes)
        for _ in 0...(bytes.count + 1) {
            let before = buffer.readableBytes
            switch decoder.decode(&buffer) {
            case .needMoreData:
                #expect(buffer.readableBytes == before, "needMoreData consumed: \(context)")
                return
            case .frame:
                #expect(buffer.readableBytes < before, "frame consumed nothing: \(context)")
            case .discarded(let count, _):
                #expect(count >= 1 && buffer.readableBytes == before - count, "bad discard: \(context)")
            }
        }
        Issue.record("no progress: \(context)")
    }
}
