import Testing
@testable import Wire

/// RTU over TCP: the RTU ADU on a byte stream (serial device servers). The same decoders,
/// fed TCP segments of arbitrary size with no gaps between frames.
@Suite struct ModbusRTUOverTCPTests {
    @Test func chunkedStreamOfRepliesAndNoise() throws {
        let seed: UInt64 = 0x52_54_55
        var random = ModbusRandom(seed: seed)
        for round in 0..<50 {
            let request = RTURequestFrame(slave: random.slave(), request: random.request())
            let replies = (0..<4).map { _ in RTUReplyFrame(slave: request.slave, reply: random.reply(to: request.request)) }
            var stream: [UInt8] = []
            for reply in replies { stream += reply.bytes }
            var decoder = RTUReplyDecoder(expecting: request)
            var buffer = InputBuffer()
            var got: [RTUReplyFrame] = []
            var offset = 0
            while offset < stream.count {
                let size = Int.random(in: 1...300, using: &random.rng)
                let end = min(stream.count, offset + size)
                buffer.append(contentsOf: stream[offset..<end])
                offset = end
                for step in decoder.decodeAvailable(&buffer) {
                    if case .frame(.reply(let frame)) = step { got.append(frame) }
                    else { Issue.record("seed \(seed) round \(round): unexpected \(step)") }
                }
            }
            #expect(got == replies, "seed \(seed) round \(round)")
            #expect(buffer.isEmpty, "seed \(seed) round \(round)")
        }
    }

    @Test func requestsOverAStreamForASimulator() {
        let seed: UInt64 = 0x51_4D
        var random = ModbusRandom(seed: seed)
        let requests = (0..<40).map { _ in RTURequestFrame(slave: random.slave(), request: random.request()) }
        let stream = requests.flatMap(\.bytes)
        let verifier = DecoderVerifier(makeDecoder: { RTURequestDecoder() })
        var cuts: [Int] = []
        var at = 0
        while at < stream.count {
            at += Int.random(in: 1...13, using: &random.rng)
            cuts.append(min(at, stream.count))
        }
        #expect(verifier.frames(stream, splitAt: cuts) == requests, "seed \(seed)")
    }
}
