import Testing
@testable import Wire

/// The golden vectors of ../shared/vectors/dlt645-2007.tsv and domain.md §7.3, both directions.
@Suite("DL/T 645-2007 vectors")
struct DLT645VectorTests {
    /// What each vector must decode to (the independent oracle: domain.md §7.3).
    struct Expected {
        var address: String
        var control: UInt8
        var identifier: DLT645DataIdentifier?
        var value: DLT645Value?
        var error: UInt8?
    }

    static let meter = "123456789012"
    static let expected: [String: Expected] = [
        "FE FE FE FE 68 AA AA AA AA AA AA 68 11 04 33 33 34 33 AE 16":
            Expected(address: "AAAAAAAAAAAA", control: 0x11, identifier: .forwardActiveEnergyTotal),
        "68 AA AA AA AA AA AA 68 13 00 DF 16":
            Expected(address: "AAAAAAAAAAAA", control: 0x13),
        "FE FE FE FE 68 12 90 78 56 34 12 68 11 04 33 33 34 33 68 16":
            Expected(address: meter, control: 0x11, identifier: .forwardActiveEnergyTotal),
        "68 12 90 78 56 34 12 68 91 08 33 33 34 33 9A 78 56 34 88 16":
            Expected(address: meter, control: 0x91, identifier: .forwardActiveEnergyTotal,
                     value: .decimal(DLT645Decimal(units: 1_234_567, fractionDigits: 2), unit: "kWh")),
        "68 12 90 78 56 34 12 68 91 06 33 34 34 35 34 55 76 16":
            Expected(address: meter, control: 0x91, identifier: .phaseAVoltage,
                     value: .decimal(DLT645Decimal(units: 2201, fractionDigits: 1), unit: "V")),
        "68 12 90 78 56 34 12 68 D1 01 35 8D 16":
            Expected(address: meter, control: 0xD1, error: 0x02),
        // domain.md §7.3: real reply quoted in a public Java sample.
        "68 37 03 00 92 81 39 68 91 08 33 33 34 33 37 33 33 33 8C 16":
            Expected(address: "398192000337", control: 0x91, identifier: .forwardActiveEnergyTotal,
                     value: .decimal(DLT645Decimal(units: 4, fractionDigits: 2), unit: "kWh")),
        // domain.md §7.3: voltage request.
        "68 12 90 78 56 34 12 68 11 04 33 34 34 35 6B 16":
            Expected(address: meter, control: 0x11, identifier: .phaseAVoltage),
    ]

    static func vectorHexes() throws -> [String] {
        try VectorFile.rows("dlt645-2007.tsv").compactMap { $0["hex"] }
    }

    @Test func vectorFileIsCoveredByExpectations() throws {
        let hexes = try Self.vectorHexes()
        #expect(hexes.count == 6)
        for hex in hexes { #expect(Self.expected[hex] != nil, "no expectation for vector \(hex)") }
    }

    @Test(arguments: expected.keys.sorted())
    func decodesAndRebuilds(_ hex: String) throws {
        let bytes = try Hex.parse(hex)
        let want = try #require(Self.expected[hex])
        let frame = try DLT645Frame.parse(bytes)
        #expect(frame.address.digits == want.address)
        #expect(frame.control.rawValue == want.control)
        let message = try DLT645Message(frame)
        #expect(message.identifier == want.identifier)
        #expect(try message.value() == want.value)
        if let error = want.error {
            #expect(message == .abnormalReply(.readData, DLT645ErrorWord(rawValue: error)))
        }
        // The other direction: the builders reproduce the exact bytes, preamble included.
        let preamble = bytes.prefix { $0 == 0xFE }.count
        let rebuilt = try Self.rebuild(message, address: frame.address)
        #expect(rebuilt.encoded(preambleCount: preamble) == bytes, "rebuilt \(Hex.format(rebuilt.encoded()))")
        #expect(frame.encoded(preambleCount: preamble) == bytes)
    }

    /// Builds the frame for `message` with the public builders only.
    static func rebuild(_ message: DLT645Message, address: DLT645Address) throws -> DLT645Frame {
        switch message {
        case .readData(let id, let parameters):
            #expect(parameters.isEmpty)
            return DLT645Request.readData(id, from: address)
        case .readAddress:
            #expect(address == .wildcard)
            return DLT645Request.readAddress()
        case .readDataReply(let id, _, let more):
            let value = try #require(try message.value())
            return try DLT645Reply.readData(id, value: value, from: address, hasFollowUp: more)
        case .abnormalReply(let function, let error):
            return DLT645Reply.abnormal(function, error: error, from: address)
        default:
            Issue.record("no builder for \(message)")
            return try DLT645Frame(address: address, control: DLT645ControlCode(0), data: [])
        }
    }

    @Test(arguments: expected.keys.sorted())
    func decoderVerifierWithPreamblesAndNoise(_ hex: String) throws {
        let bytes = try Hex.parse(hex)
        let frame = try DLT645Frame.parse(bytes)
        let verifier = DecoderVerifier { DLT645FrameDecoder() }
        verifier.verify(bytes, decodesTo: frame, garbage: DLT645Noise.garbage)
        for noise in DLT645Noise.garbage {
            let stream = noise + bytes
            #expect(verifier.frames(stream, splitAt: Array(0..<stream.count)) == [frame],
                    "byte by byte after garbage \(Hex.format(noise))")
        }
    }

    @Test func builtRequestsMatchTheWorkedFrames() throws {
        let meter = try DLT645Address(Self.meter)
        #expect(meter.wireBytes == [0x12, 0x90, 0x78, 0x56, 0x34, 0x12])
        #expect(DLT645Request.readData(.forwardActiveEnergyTotal, from: meter).encoded()
                == (try Hex.parse("FE FE FE FE 68 12 90 78 56 34 12 68 11 04 33 33 34 33 68 16")))
        #expect(DLT645Request.readData(.forwardActiveEnergyTotal, from: .wildcard).encoded()
                == (try Hex.parse("FE FE FE FE 68 AA AA AA AA AA AA 68 11 04 33 33 34 33 AE 16")))
        #expect(DLT645Request.readAddress().encoded(preambleCount: 0)
                == (try Hex.parse("68 AA AA AA AA AA AA 68 13 00 DF 16")))
    }
}

/// Noise put in front of frames: FE preambles, stray 68 and 16 bytes, and a stray 68 whose
/// "offset 7" lands on the real frame's first 68 (so it looks like a long frame).
enum DLT645Noise {
    static let garbage: [[UInt8]] = [
        [0x00], [0xFF, 0x13, 0x37],
        [0xFE, 0xFE, 0xFE, 0xFE], [0xFE, 0xFE],
        [0x68], [0x16], [0x16, 0x16, 0x68],
        [0x68, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
        [0xFE, 0x68, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x68, 0x11],
        [0x68, 0x16, 0xFE, 0xFE, 0x68, 0x16],
        [0xFE, 0xFE, 0xFE, 0xFE, 0x68, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0x68, 0x11, 0x04, 0x33],
    ]
}
