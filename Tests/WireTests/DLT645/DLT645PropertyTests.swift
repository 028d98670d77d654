import Testing
@testable import Wire

/// Seeded property tests: every failure message carries the seed to replay it.
@Suite("DL/T 645-2007 properties")
struct DLT645PropertyTests {
    static let seeds: [UInt64] = [1, 0x645, 0xC0FFEE, 20_070_101]
    let verifier = DecoderVerifier { DLT645FrameDecoder() }

    static func randomAddress(_ rng: inout SeededRandom) -> DLT645Address {
        let bytes: [UInt8] = (0..<6).map { _ in
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: 0xAA
            case 1: UInt8.random(in: 0...255, using: &rng)
            default: DLT645BCD.byte(Int.random(in: 0...99, using: &rng))
            }
        }
        return DLT645Address(uncheckedWireBytes: bytes)
    }

    static func randomFrame(_ rng: inout SeededRandom) -> DLT645Frame {
        let count = Bool.random(using: &rng) ? Int.random(in: 0...12, using: &rng) : Int.random(in: 0...200, using: &rng)
        return DLT645Frame(unchecked: randomAddress(&rng), control: DLT645ControlCode(UInt8.random(in: 0...255, using: &rng)),
                           data: rng.bytes(count))
    }

    /// Runs a fresh decoder over `stream` fed in `pieces`, checking progress on every call.
    static func drain(_ stream: [UInt8], cuts: [Int], context: String) -> [DLT645Frame] {
        var decoder = DLT645FrameDecoder()
        var buffer = InputBuffer()
        var frames: [DLT645Frame] = []
        var start = 0
        for cut in cuts.sorted() + [stream.count] where cut >= start {
            buffer.append(contentsOf: stream[start..<cut])
            start = cut
            var calls = 0
            while true {
                let before = buffer.readableBytes
                let step = decoder.decode(&buffer)
                calls += 1
                if case .needMoreData = step { break }
                if case .frame(let frame) = step { frames.append(frame) }
                if buffer.readableBytes >= before || calls > stream.count + 2 {
                    Issue.record("no progress: \(context)")
                    return frames
                }
            }
        }
        return frames
    }

    @Test(arguments: seeds)
    func encodeThenDecodeRoundTrips(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        for round in 0..<150 {
            let frame = Self.randomFrame(&rng)
            let preamble = Int.random(in: 0...6, using: &rng)
            let bytes = frame.encoded(preambleCount: preamble)
            let context = "seed \(seed) round \(round): \(Hex.format(bytes))"
            #expect(try DLT645Frame.parse(bytes) == frame, "\(context)")
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            #expect(verifier.frames(bytes, splitAt: [cut]) == [frame], "\(context) split at \(cut)")
            let noise = rng.bytes(Int.random(in: 0...8, using: &rng)).map { $0 == 0x68 ? 0x00 : $0 }
            #expect(verifier.frames(noise + bytes + bytes) == [frame, frame], "\(context) after \(noise)")
        }
    }

    @Test(arguments: seeds)
    func catalogueValuesRoundTripThroughReplies(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        for round in 0..<200 {
            let entry = DLT645DataCatalog.entries.randomElement(using: &rng)!
            let value: DLT645Value
            switch entry.format {
            case .decimal(let count, let fraction, let signed):
                var limit: Int64 = 1
                for _ in 0..<(count * 2) { limit *= 10 }
                if signed { limit = limit / 10 * 8 }
                var units = Int64.random(in: 0..<limit, using: &rng)
                if signed, Bool.random(using: &rng) { units = -units }
                value = .decimal(DLT645Decimal(units: units, fractionDigits: fraction), unit: entry.unit)
            case .date:
                value = .date(year: Int.random(in: 0...99, using: &rng), month: Int.random(in: 1...12, using: &rng),
                              day: Int.random(in: 1...31, using: &rng), weekday: Int.random(in: 0...6, using: &rng))
            case .time:
                value = .time(hour: Int.random(in: 0...23, using: &rng), minute: Int.random(in: 0...59, using: &rng),
                              second: Int.random(in: 0...59, using: &rng))
            case .raw:
                value = .raw(rng.bytes(3))
            }
            let address = Self.randomAddress(&rng)
            let reply = try DLT645Reply.readData(entry.identifier, value: value, from: address)
            let decoded = try DLT645Frame.parse(reply.encoded())
            let message = try DLT645Message(decoded)
            #expect(message.identifier == entry.identifier, "seed \(seed) round \(round)")
            #expect(try message.value() == value, "seed \(seed) round \(round): \(value)")
        }
    }

    @Test(arguments: seeds)
    func singleBitFlipsAreCaughtOrHitOnlyThePreamble(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        for round in 0..<150 {
            let frame = Self.randomFrame(&rng)
            var bytes = frame.encoded(preambleCount: 4)
            let index = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[index] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            let context = "seed \(seed) round \(round) flip at \(index): \(Hex.format(bytes))"
            let frames = Self.drain(bytes, cuts: Array(0..<bytes.count), context: context)
            let whole = Self.drain(bytes, cuts: [], context: context)
            #expect(frames == whole, "\(context)")
            if index < 4 {
                #expect(frames == [frame], "\(context)")
            } else {
                #expect(frames.isEmpty, "\(context)")
                #expect(throws: WireError.self, "\(context)") { try DLT645Frame.parse(bytes) }
            }
        }
    }

    @Test(arguments: seeds)
    func damagedStreamsNeverTrapAndAlwaysProgress(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let alphabet: [UInt8] = [0x68, 0x16, 0xFE, 0x33, 0x00, 0xAA]
        for round in 0..<100 {
            var stream: [UInt8] = []
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                var piece = Self.randomFrame(&rng).encoded(preambleCount: Int.random(in: 0...4, using: &rng))
                for _ in 0..<Int.random(in: 0...3, using: &rng) where !piece.isEmpty {
                    piece[Int.random(in: 0..<piece.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                }
                if Bool.random(using: &rng) { piece = Array(piece.prefix(Int.random(in: 0...piece.count, using: &rng))) }
                stream += piece
                stream += (0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            }
            let context = "seed \(seed) round \(round)"
            let cuts = (0..<3).map { _ in Int.random(in: 0...stream.count, using: &rng) }
            for frame in Self.drain(stream, cuts: cuts, context: context) {
                #expect(try DLT645Frame.parse(frame.encoded(preambleCount: 0), maximumDataLength: 255) == frame,
                        "\(context)")
            }
            _ = DLT645FrameDescriber.describe(stream)
            _ = try? DLT645Frame.parse(stream)
        }
    }

    @Test(arguments: seeds)
    func truncationsAskForMoreAndDescribeWithAProblem(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        for round in 0..<100 {
            let bytes = Self.randomFrame(&rng).encoded(preambleCount: 2)
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            let prefix = Array(bytes.prefix(cut))
            let context = "seed \(seed) round \(round) cut \(cut)"
            #expect(Self.drain(prefix, cuts: [], context: context).isEmpty, "\(context)")
            #expect(throws: WireError.self, "\(context)") { try DLT645Frame.parse(prefix) }
            if let description = DLT645FrameDescriber.describe(prefix) {
                #expect(!description.problems.isEmpty, "\(context)")
            }
        }
    }
}
