import Testing
@testable import Wire

@Suite("HJ212 seeded properties")
struct HJ212PropertyTests {
    static func randomSegment(_ random: inout SeededRandom) throws -> HJ212DataSegment {
        let qn = try HJ212Timestamp(year: Int.random(in: 2000...2099, using: &random), month: Int.random(in: 1...12, using: &random),
                                    day: Int.random(in: 1...28, using: &random), hour: Int.random(in: 0...23, using: &random),
                                    minute: Int.random(in: 0...59, using: &random), second: Int.random(in: 0...59, using: &random),
                                    millisecond: Int.random(in: 0...999, using: &random))
        let flags: [UInt8] = [4, 5, 8, 9]
        var header = HJ212Header(qn: qn, system: HJ212SystemCode([21, 31, 32, 91].randomElement(using: &random) ?? 32),
                                 command: HJ212CommandCode([2011, 2051, 2061, 9014, 1062].randomElement(using: &random) ?? 2011),
                                 pw: String(Int.random(in: 100000...999999, using: &random)),
                                 mn: Hex.format(random.bytes(12), separator: ""),
                                 flag: HJ212Flag(rawValue: flags.randomElement(using: &random) ?? 4),
                                 resend: Bool.random(using: &random))
        if header.flag?.version != .hj212_2025 { header.resend = false }
        var items = [CPDataArea.Item([.dataTime(try HJ212Timestamp.parse(qn.text14))])]
        let suffixes: [CPFactorSuffix] = [.rtd, .min, .avg, .max, .cou, .zsAvg]
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let code = ["a", "w", "p", "d"].randomElement(using: &random)! + String(Int.random(in: 10000...99999, using: &random))
            var fields: [CPField] = []
            for suffix in suffixes.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)) {
                let value = HJ212DecimalFormatter.format(Double(Int.random(in: -99999...99999, using: &random)) / 100,
                                                         decimals: Int.random(in: 0...3, using: &random)) ?? "0"
                fields.append(.factor(code: code, suffix: suffix, value: value))
            }
            fields.append(.factor(code: code, suffix: .flag, value: String(HJ212DataFlag.allCases.randomElement(using: &random)!.rawValue)))
            items.append(CPDataArea.Item(fields))
        }
        if Bool.random(using: &random) { items.append(CPDataArea.Item([.executionReturn(.success)])) }
        return HJ212DataSegment(header: header, cp: CPDataArea(items))
    }

    @Test("encode → stream decode → strict parse gives the same segment; re-encoding gives the same bytes")
    func roundTrip() throws {
        let seed: UInt64 = 0x0212_2017
        var random = SeededRandom(seed: seed)
        for round in 0..<300 {
            let segment = try Self.randomSegment(&random)
            let bytes = try HJ212Frame.encode(segment)
            var decoder = HJ212FrameDecoder()
            var buffer = InputBuffer(bytes)
            guard case .frame(let frame) = decoder.decode(&buffer) else {
                Issue.record("seed \(seed) round \(round): no frame"); continue
            }
            let parsed = try frame.dataSegment(mode: .strict)
            #expect(parsed == segment, "seed \(seed) round \(round)")
            #expect(try HJ212Frame.encode(parsed) == bytes, "seed \(seed) round \(round)")
        }
    }

    @Test("random text never traps the segment parser, CP parser or describer; strict parses re-encode exactly")
    func randomText() throws {
        let seed: UInt64 = 0x0BAD_F00D
        var random = SeededRandom(seed: seed)
        let alphabet = Array("QN=STCPWMFlagNOR0123456789;,&&=-Rtd{}0x#\r\n ".utf8)
        let base = Array(try Self.randomSegment(&random).encoded().utf8)
        for round in 0..<2000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] = alphabet.randomElement(using: &random)!
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let strict = try? HJ212DataSegment.parse(text, mode: .strict) {
                #expect(try strict.encoded() == text, "seed \(seed) round \(round)")
            }
            _ = try? HJ212DataSegment.parse(text)
            _ = HJ212FrameDescriber.describe(text, cipher: nil)
            _ = HJ212FrameDescriber.describe("##" + String(text.utf8.count) + text + "ABCD\r\n", cipher: ToyBlockCipher())
        }
    }
}
