import Testing
@testable import Metering

@Suite struct StatisticsRecordCodecTests {
    let sample = StatisticsRecord(kind: .hour, periodStart: 1_796_140_800, configurationTag: 0xA1B2_C3D4, parameters: [
        ParameterStatistics(minimum: 1, average: 2, maximum: nil, cumulative: 0.5, validCount: 45, totalCount: 60, flag: .normal),
        ParameterStatistics(minimum: nil, average: nil, maximum: nil, cumulative: nil, validCount: 0, totalCount: 3, flag: .communication),
    ])

    /// The layout of docs/metering.md, byte by byte.
    @Test func layoutIsTheDocumentedOne() {
        let expected: [UInt8] = [
            0x01, 0x02,                                      // version 1, hour
            0xD4, 0xC3, 0xB2, 0xA1,                          // configuration tag
            0x00, 0xEF, 0x0E, 0x6B, 0x00, 0x00, 0x00, 0x00,  // period start 1_796_140_800
            0x02, 0x00,                                      // 2 parameters
            0x4E, 0x0B,                                      // 'N'; minimum, average, cumulative present
            0x2D, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x00, 0x00,  // 45 valid of 60
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,  // 1.0
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40,  // 2.0
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F,  // 0.5
            0x42, 0x00,                                      // 'B'; nothing present
            0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,  // 0 valid of 3
        ]
        #expect(StatisticsRecordCodec.encode(sample) == expected)
    }

    @Test func everyKindFlagAndPresenceRoundTrips() throws {
        var parameters: [ParameterStatistics] = []
        for (position, flag) in DataFlag.allCases.enumerated() {
            for presence in 0..<16 {
                let base = Double(position * 16 + presence)
                parameters.append(ParameterStatistics(
                    minimum: presence & 1 != 0 ? -base : nil, average: presence & 2 != 0 ? base / 3 : nil,
                    maximum: presence & 4 != 0 ? base * 1e12 : nil, cumulative: presence & 8 != 0 ? base + 0.25 : nil,
                    validCount: presence, totalCount: presence + position, flag: flag))
            }
        }
        for kind in PeriodKind.allCases {
            let record = StatisticsRecord(kind: kind, periodStart: -86400 * 3 + 60, configurationTag: 7, parameters: parameters)
            #expect(try StatisticsRecordCodec.decode(StatisticsRecordCodec.encode(record)) == record)
        }
        let empty = StatisticsRecord(kind: .day, periodStart: 0, configurationTag: 0, parameters: [])
        #expect(try StatisticsRecordCodec.decode(StatisticsRecordCodec.encode(empty)) == empty)
    }

    @Test func everyTruncationSaysWhereThePayloadEnded() {
        let bytes = StatisticsRecordCodec.encode(sample)
        for length in 0..<bytes.count {
            do {
                _ = try StatisticsRecordCodec.decode(Array(bytes.prefix(length)))
                Issue.record("a \(length)-byte prefix decoded")
            } catch {
                #expect(error.code == .truncated)
                let offset = error.offset ?? -1
                #expect(offset >= 0 && offset <= length, "length \(length): \(error)")
            }
        }
        #expect(throws: MeteringError(.truncated, "payload ends after 40 bytes: average of parameter 0 needs 8 byte(s)", offset: 34)) {
            try StatisticsRecordCodec.decode(Array(bytes.prefix(40)))
        }
        #expect(throws: MeteringError(.truncated, "payload ends after 57 bytes: total count of parameter 1 needs 4 byte(s)", offset: 56)) {
            try StatisticsRecordCodec.decode(Array(bytes.prefix(57)))
        }
    }

    @Test func garbledPayloadsAreRefusedWithWhatAndWhere() {
        let bytes = StatisticsRecordCodec.encode(sample)
        func refused(_ change: (inout [UInt8]) -> Void) -> MeteringError? {
            var copy = bytes
            change(&copy)
            do {
                _ = try StatisticsRecordCodec.decode(copy)
                return nil
            } catch {
                return error
            }
        }
        #expect(refused { $0[0] = 0 } == MeteringError(.unsupportedVersion, "statistics record version 0, this code reads 1", offset: 0))
        #expect(refused { $0[1] = 4 } == MeteringError(.malformed, "period kind 4 is not 1 (minute), 2 (hour) or 3 (day)", offset: 1))
        #expect(refused { $0[6] = 0x01 } == MeteringError(.malformed, "period start 1796140801 is not on a minute boundary", offset: 6))
        #expect(refused { $0[16] = 0x6E } == MeteringError(.malformed, "parameter 0: byte 0x6E is not a data flag", offset: 16))
        #expect(refused { $0[17] = 0x1B } == MeteringError(.malformed, "parameter 0: presence byte 0x1B sets reserved bits", offset: 17))
        #expect(refused { $0[18] = 61 } == MeteringError(.malformed, "parameter 0: valid count 61 exceeds total count 60", offset: 18))
        #expect(refused { $0[40] = 0xFF; $0[41] = 0x7F } == MeteringError(.malformed, "parameter 0: average is not a finite number", offset: 34))
        #expect(refused { $0.append(0) } == MeteringError(.trailingBytes,
                                                           "hour statistics record with 2 parameter(s) has 1 byte(s) after its last field",
                                                           offset: 60))
        #expect(refused { $0[14] = 1 } == MeteringError(.trailingBytes,
                                                         "hour statistics record with 1 parameter(s) has 10 byte(s) after its last field",
                                                         offset: 50))
    }

    @Test func arbitraryBytesNeverTrap() {
        var state: UInt64 = 0xFACE
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 57)
            var bytes: [UInt8] = []
            for index in 0..<length { bytes.append(UInt8(truncatingIfNeeded: state >> UInt64(index % 56))) }
            if bytes.count > 1 { bytes[0] = 1; bytes[1] = 1 + bytes[1] % 3 }
            _ = try? StatisticsRecordCodec.decode(bytes)
        }
    }
}
