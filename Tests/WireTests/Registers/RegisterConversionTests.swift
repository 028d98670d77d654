import Testing
@testable import Wire

@Suite struct RegisterConversionTests {
    @Test func scaleAndOffset() throws {
        // A 4–20 mA style raw count: value = raw × 0.01 − 40 (e.g. temperature in °C).
        let conversion = try RegisterConversion(type: .int16, scale: 0.01, offset: -40)
        #expect(try conversion.read([6500]) == .value(25))
        let signed = try RegisterConversion(type: .int16, scale: 0.1)
        #expect(try signed.read([0xFF9C]) == .value(-10))   // -100 × 0.1
    }

    @Test func nanAndInfinityAreTypedOutcomes() throws {
        let conversion = try RegisterConversion(type: .float32, order: .cdab)
        #expect(try conversion.read([0x0000, 0x7FC0]) == .notANumber)
        #expect(try conversion.read([0x0000, 0x7F80]) == .infinite(.plus))
        #expect(try conversion.read([0x0000, 0xFF80]) == .infinite(.minus))
        #expect(try conversion.read([0x0000, 0x7F80]).value == nil)
        let double = try RegisterConversion(type: .float64)
        #expect(try double.read([0x7FF8, 0, 0, 1]) == .notANumber)
        // Scaling a huge finite float to infinity is reported, not passed on.
        let huge = try RegisterConversion(type: .float32, scale: 1e300)
        #expect(try huge.read([0x7F7F, 0xFFFF]) == .infinite(.plus))
    }

    @Test func validRangeIsCheckedAfterScaling() throws {
        // CH4 % must lie in 0…100.
        let ch4 = try RegisterConversion(type: .uint16, scale: 0.01, validRange: 0...100)
        #expect(try ch4.read([4_250]) == .value(42.5))
        #expect(try ch4.read([10_000]) == .value(100))
        #expect(try ch4.read([10_001]) == .outOfRange(100.01, validRange: 0...100))
    }

    @Test func invalidBCDIsAnOutcome() throws {
        let conversion = try RegisterConversion(type: .bcd32, scale: 0.01)
        #expect(try conversion.read([0x0012, 0x3456]) == .value(1234.56))
        #expect(try conversion.read([0x0012, 0x3F56]) == .invalidBCD(raw: 0x0012_3F56, nibble: 2))
    }

    @Test func structuralErrorsThrow() throws {
        #expect(throws: WireError.self) { try RegisterConversion(type: .float32).read([0x42F6]) }
        #expect(throws: WireError.self) { try RegisterConversion(type: .int16, scale: .nan) }
        #expect(throws: WireError.self) { try RegisterConversion(type: .int16, scale: 0) }
        #expect(throws: WireError.self) { try RegisterConversion(type: .int16, offset: .infinity) }
        #expect(throws: WireError.self) { try RegisterConversion(type: .bit(20)) }
        #expect(throws: WireError.self) { try RegisterConversion(type: .int16, validRange: -Double.infinity...0) }
    }

    @Test func everyTypeThroughConversion() throws {
        let registers: [UInt16] = [0x0000, 0x0000, 0x0000, 0x0001]
        let expected: [(RegisterDataType, Double)] = [
            (.int16, 0), (.uint16, 0), (.int32, 0), (.uint32, 0), (.int64, 1), (.uint64, 1),
            (.float32, 0), (.float64, Double.leastNonzeroMagnitude), (.bcd16, 0), (.bcd32, 0), (.bit(0), 0),
        ]
        for (type, value) in expected {
            #expect(try RegisterConversion(type: type).read(registers) == .value(value), "\(type.name)")
        }
        for (type, value) in expected where type.registerCount == 4 {
            let swapped = try RegisterConversion(type: type, order: .dcba).read([0x0100, 0, 0, 0])
            #expect(swapped == .value(value), "\(type.name) DCBA")
        }
    }
}
