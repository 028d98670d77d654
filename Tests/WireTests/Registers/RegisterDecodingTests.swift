import Testing
@testable import Wire

/// Known values in every word order. Byte patterns from Python's `struct.pack('>f'/'>d'/'>q')`.
@Suite struct RegisterDecodingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let type: RegisterDataType
        let value: RegisterValue
        let registers: [RegisterWordOrder: [UInt16]]
        var testDescription: String { "\(type.name) \(value)" }
    }

    static let cases: [Case] = [
        Case(type: .float32, value: .float(Double(Float(123.456))), registers: [
            .abcd: [0x42F6, 0xE979], .cdab: [0xE979, 0x42F6], .badc: [0xF642, 0x79E9], .dcba: [0x79E9, 0xF642]]),
        Case(type: .float64, value: .float(123.456), registers: [
            .abcd: [0x405E, 0xDD2F, 0x1A9F, 0xBE77], .cdab: [0xBE77, 0x1A9F, 0xDD2F, 0x405E],
            .badc: [0x5E40, 0x2FDD, 0x9F1A, 0x77BE], .dcba: [0x77BE, 0x9F1A, 0x2FDD, 0x5E40]]),
        Case(type: .int16, value: .signed(-2), registers: [
            .abcd: [0xFFFE], .cdab: [0xFFFE], .badc: [0xFEFF], .dcba: [0xFEFF]]),
        Case(type: .uint16, value: .unsigned(0x1234), registers: [
            .abcd: [0x1234], .cdab: [0x1234], .badc: [0x3412], .dcba: [0x3412]]),
        Case(type: .int32, value: .signed(-2), registers: [
            .abcd: [0xFFFF, 0xFFFE], .cdab: [0xFFFE, 0xFFFF], .badc: [0xFFFF, 0xFEFF], .dcba: [0xFEFF, 0xFFFF]]),
        Case(type: .uint32, value: .unsigned(0x1234_5678), registers: [
            .abcd: [0x1234, 0x5678], .cdab: [0x5678, 0x1234], .badc: [0x3412, 0x7856], .dcba: [0x7856, 0x3412]]),
        Case(type: .int64, value: .signed(-1_234_567_890_123), registers: [
            .abcd: [0xFFFF, 0xFEE0, 0x8E04, 0xFB35], .cdab: [0xFB35, 0x8E04, 0xFEE0, 0xFFFF],
            .badc: [0xFFFF, 0xE0FE, 0x048E, 0x35FB], .dcba: [0x35FB, 0x048E, 0xE0FE, 0xFFFF]]),
        Case(type: .uint64, value: .unsigned(0x0102_0304_0506_0708), registers: [
            .abcd: [0x0102, 0x0304, 0x0506, 0x0708], .cdab: [0x0708, 0x0506, 0x0304, 0x0102],
            .badc: [0x0201, 0x0403, 0x0605, 0x0807], .dcba: [0x0807, 0x0605, 0x0403, 0x0201]]),
        Case(type: .bcd16, value: .unsigned(1234), registers: [
            .abcd: [0x1234], .cdab: [0x1234], .badc: [0x3412], .dcba: [0x3412]]),
        Case(type: .bcd32, value: .unsigned(12_345_678), registers: [
            .abcd: [0x1234, 0x5678], .cdab: [0x5678, 0x1234], .badc: [0x3412, 0x7856], .dcba: [0x7856, 0x3412]]),
    ]

    @Test(arguments: cases)
    func everyTypeInEveryOrder(_ known: Case) throws {
        for order in RegisterWordOrder.allCases {
            let registers = try #require(known.registers[order])
            #expect(try RegisterDecoder.decode(registers, as: known.type, order: order) == known.value, "\(order.rawValue)")
            #expect(try RegisterDecoder.encode(known.value, as: known.type, order: order) == registers, "\(order.rawValue)")
        }
    }

    @Test func float32Value() throws {
        let value = try RegisterDecoder.decode([0x42F6, 0xE979], as: .float32)
        #expect(abs(value.doubleValue - 123.456) < 0.0001)
        #expect(try RegisterDecoder.decode([0xBF00, 0x0000], as: .float32) == .float(-0.5))
    }

    @Test func extraRegistersAreIgnoredAndTooFewThrow() throws {
        #expect(try RegisterDecoder.decode([0x1234, 0x5678, 0x9ABC], as: .uint32) == .unsigned(0x1234_5678))
        #expect(throws: WireError(.truncated, "float64 needs 4 registers, got 3", offset: 3)) {
            try RegisterDecoder.decode([1, 2, 3], as: .float64)
        }
    }

    @Test func invalidBCDDigitIsReportedWithItsPlace() {
        #expect(throws: WireError(.badValue, "bcd16 0x12A4: digit 3 from the left is 0xA, not a decimal digit", offset: 0)) {
            try RegisterDecoder.decode([0x12A4], as: .bcd16)
        }
        // In CDAB the bad nibble sits in the register at index 1 (the high word).
        #expect(throws: WireError(.badValue, "bcd32 0x1F345678: digit 2 from the left is 0xF, not a decimal digit", offset: 1)) {
            try RegisterDecoder.decode([0x5678, 0x1F34], as: .bcd32, order: .cdab)
        }
        #expect(BCD.decode(0x99, digits: 2) == .value(99))
        #expect(throws: WireError.self) { try BCD.encode(10_000, digits: 4) }
    }

    @Test func bitsOfARegisterAndCoils() throws {
        #expect(try RegisterDecoder.decode([0x8001], as: .bit(0)) == .bit(true))
        #expect(try RegisterDecoder.decode([0x8001], as: .bit(1)) == .bit(false))
        #expect(try RegisterDecoder.decode([0x8001], as: .bit(15)) == .bit(true))
        #expect(try RegisterDecoder.decode([0x8001], as: .bit(7), order: .badc) == .bit(true))  // 0x0180
        #expect(throws: WireError.self) { try RegisterDecoder.decode([0], as: .bit(16)) }
        #expect(try RegisterBits.bit(3, of: 0x0008))
        #expect(RegisterBits.bits(of: 0x0005) == [true, false, true] + [Bool](repeating: false, count: 13))
        // Spec §6.1 example: CD 6B → coils 20…35; coil 20 is the LSB of 0xCD.
        #expect(try RegisterBits.coil(0, in: [0xCD, 0x6B]))
        #expect(try !RegisterBits.coil(1, in: [0xCD, 0x6B]))
        #expect(try RegisterBits.coil(8, in: [0xCD, 0x6B]))
        #expect(throws: WireError.self) { try RegisterBits.coil(16, in: [0xCD, 0x6B]) }
    }

    @Test func seededPatternRoundTrip() throws {
        let seed: UInt64 = 0x7E6
        var rng = SeededRandom(seed: seed)
        for round in 0..<500 {
            let pattern = rng.next()
            for order in RegisterWordOrder.allCases {
                for count in [1, 2, 4] {
                    let registers = order.registers(bitPattern: pattern, count: count)
                    let mask: UInt64 = count == 4 ? .max : (UInt64(1) << UInt64(16 * count)) - 1
                    #expect(order.bitPattern(registers[...]) == pattern & mask, "seed \(seed) round \(round) \(order) \(count)")
                }
            }
        }
    }
}
