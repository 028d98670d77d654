import Testing
@testable import Wire

@Suite struct RTUTimingTests {
    private func close(_ a: Double, _ b: Double, within tolerance: Double = 0.01) -> Bool { abs(a - b) <= tolerance }

    @Test func bitsPerCharacter() throws {
        #expect(try SerialCharacterFormat(baud: 9600, parity: .none).bitsPerCharacter == 10)   // 8N1
        #expect(try SerialCharacterFormat(baud: 9600, parity: .even).bitsPerCharacter == 11)   // 8E1
        #expect(try SerialCharacterFormat(baud: 9600, parity: .none, stopBits: 2).bitsPerCharacter == 11) // 8N2
        #expect(try SerialCharacterFormat(baud: 9600, dataBits: 7, parity: .odd).bitsPerCharacter == 10)  // 7O1
    }

    @Test func worked9600Numbers() throws {
        let n81 = try RTUTiming(baud: 9600, parity: .none)
        #expect(close(n81.characterMicroseconds, 1041.67))        // 10 bits / 9600
        #expect(close(n81.t15Microseconds, 1562.50))
        #expect(close(n81.t35Microseconds, 3645.83))
        let e81 = try RTUTiming(baud: 9600, parity: .even)
        #expect(close(e81.characterMicroseconds, 1145.83))        // 11 bits / 9600
        #expect(close(e81.t15Microseconds, 1718.75))
        #expect(close(e81.t35Microseconds, 4010.42))
        #expect(RTUTiming.ceilingMicroseconds(e81.t35Microseconds) == 4011)
        // 8-byte request + 25-byte reply for 10 registers at 9600 8N1: 33 × 1041.67 µs ≈ 34.4 ms.
        #expect(close(n81.frameMicroseconds(byteCount: 33), 34375.0))
    }

    @Test func slowAndBoundaryRates() throws {
        let dlt = try RTUTiming(baud: 2400, parity: .even)         // DL/T 645 meters: 8E1 at 2400
        #expect(close(dlt.characterMicroseconds, 4583.33))
        let at19200 = try RTUTiming(baud: 19200, parity: .even)     // 19200 itself still computed
        #expect(close(at19200.t15Microseconds, 859.38))
        #expect(close(at19200.t35Microseconds, 2005.21))
    }

    @Test(arguments: [38400, 57600, 115200])
    func fixedTimesAbove19200(baud: Int) throws {
        let timing = try RTUTiming(baud: baud, parity: .even)
        #expect(timing.t15Microseconds == 750)
        #expect(timing.t35Microseconds == 1750)
        #expect(close(timing.characterMicroseconds, 11_000_000 / Double(baud)))
    }

    @Test func invalidFormatsThrow() {
        #expect(throws: WireError.self) { try RTUTiming(baud: 0, parity: .none) }
        #expect(throws: WireError.self) { try RTUTiming(baud: 9600, dataBits: 9, parity: .none) }
        #expect(throws: WireError.self) { try RTUTiming(baud: 9600, parity: .none, stopBits: 3) }
        #expect(RTUTiming.ceilingMicroseconds(.nan) == 0)
        #expect(RTUTiming.ceilingMicroseconds(-3) == 0)
        #expect(RTUTiming.ceilingMicroseconds(750) == 750)
    }
}
