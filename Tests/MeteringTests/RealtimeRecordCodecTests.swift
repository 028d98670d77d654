import Testing
@testable import Metering

@Suite struct RealtimeRecordCodecTests {
    let sample = RealtimeRecord(timestamp: 1_700_000_000, clockSynchronised: true, configurationTag: 0x1122_3344,
                                values: [FlaggedValue(value: 1.5, flag: .normal), FlaggedValue(value: nil, flag: .communication)])

    /// The layout of docs/metering.md, byte by byte.
    @Test func layoutIsTheDocumentedOne() {
        let expected: [UInt8] = [
            0x01, 0x01,                                      // version 1, clock synchronised
            0x44, 0x33, 0x22, 0x11,                          // configuration tag
            0x00, 0xF1, 0x53, 0x65, 0x00, 0x00, 0x00, 0x00,  // timestamp 1_700_000_000
            0x02, 0x00,                                      // 2 values
            0xCE, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F,  // 'N' | 0x80, 1.5
            0x42,                                            // 'B', no value
        ]
        #expect(RealtimeRecordCodec.encode(sample) == expected)
    }

    @Test func everyFlagWithAndWithoutAValueRoundTrips() throws {
        var values: [FlaggedValue] = []
        for (position, flag) in DataFlag.allCases.enumerated() {
            values.append(FlaggedValue(value: nil, flag: flag))
            values.append(FlaggedValue(value: Double(position) * -3.25e7, flag: flag))
        }
        values.append(FlaggedValue(value: -0.0, flag: .normal))
        values.append(FlaggedValue(value: Double.greatestFiniteMagnitude, flag: .overRange))
        for synchronised in [false, true] {
            let record = RealtimeRecord(timestamp: -86_401, clockSynchronised: synchronised,
                                        configurationTag: 0xFFFF_FFFF, values: values)
            let bytes = RealtimeRecordCodec.encode(record)
            #expect(bytes.count == 16 + values.count + 8 * values.filter { $0.value != nil }.count)
            #expect(try RealtimeRecordCodec.decode(bytes) == record)
        }
    }

    @Test func emptyRecordRoundTrips() throws {
        let record = RealtimeRecord(timestamp: 0, clockSynchronised: false, configurationTag: 0, values: [])
        #expect(RealtimeRecordCodec.encode(record).count == 16)
        #expect(try RealtimeRecordCodec.decode(RealtimeRecordCodec.encode(record)) == record)
    }

    @Test func everyTruncationSaysWhereThePayloadEnded() {
        let bytes = RealtimeRecordCodec.encode(sample)
        for length in 0..<bytes.count {
            do {
                _ = try RealtimeRecordCodec.decode(Array(bytes.prefix(length)))
                Issue.record("a \(length)-byte prefix decoded")
            } catch {
                #expect(error.code == .truncated)
                let offset = error.offset ?? -1
                #expect(offset <= length && offset >= 0, "length \(length): \(error)")
            }
        }
        #expect(throws: MeteringError(.truncated, "payload ends after 20 bytes: value 0 needs 8 byte(s)", offset: 17)) {
            try RealtimeRecordCodec.decode(Array(bytes.prefix(20)))
        }
        #expect(throws: MeteringError(.truncated, "payload ends after 25 bytes: entry of value 1 needs 1 byte(s)", offset: 25)) {
            try RealtimeRecordCodec.decode(Array(bytes.prefix(25)))
        }
        #expect(throws: MeteringError(.truncated, "payload ends after 10 bytes: timestamp needs 8 byte(s)", offset: 6)) {
            try RealtimeRecordCodec.decode(Array(bytes.prefix(10)))
        }
    }

    @Test func garbledPayloadsAreRefusedWithWhatAndWhere() {
        let bytes = RealtimeRecordCodec.encode(sample)
        var wrongVersion = bytes
        wrongVersion[0] = 2
        #expect(throws: MeteringError(.unsupportedVersion, "real-time record version 2, this code reads 1", offset: 0)) {
            try RealtimeRecordCodec.decode(wrongVersion)
        }
        var reserved = bytes
        reserved[1] = 0x03
        #expect(throws: MeteringError(.malformed, "header flags 0x03 set reserved bits", offset: 1)) {
            try RealtimeRecordCodec.decode(reserved)
        }
        var badFlag = bytes
        badFlag[25] = 0x58  // 'X'
        #expect(throws: MeteringError(.malformed, "value 1: entry byte 0x58 holds no data flag", offset: 25)) {
            try RealtimeRecordCodec.decode(badFlag)
        }
        var notANumber = bytes
        notANumber.replaceSubrange(17..<25, with: [0, 0, 0, 0, 0, 0, 0xF8, 0x7F])
        #expect(throws: MeteringError(.malformed, "value 0 is not a finite number", offset: 17)) {
            try RealtimeRecordCodec.decode(notANumber)
        }
        #expect(throws: MeteringError(.trailingBytes, "real-time record with 2 value(s) has 1 byte(s) after its last field", offset: 26)) {
            try RealtimeRecordCodec.decode(bytes + [0x4E])
        }
        var overCounted = bytes
        overCounted[14] = 3
        #expect(throws: MeteringError(.truncated, "payload ends after 26 bytes: entry of value 2 needs 1 byte(s)", offset: 26)) {
            try RealtimeRecordCodec.decode(overCounted)
        }
    }

    @Test func arbitraryBytesNeverTrap() {
        var state: UInt64 = 0x5EED
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 58)
            var bytes: [UInt8] = []
            for index in 0..<length { bytes.append(UInt8(truncatingIfNeeded: state >> UInt64(index % 56))) }
            if !bytes.isEmpty { bytes[0] = 1 }
            _ = try? RealtimeRecordCodec.decode(bytes)
        }
    }

    /// FNV-1a 32 reference values, and the NUL separator between names.
    @Test func configurationTagIsFNV1aOverNamesJoinedByNUL() {
        #expect(RealtimeRecordCodec.configurationTag(names: []) == 0x811C_9DC5)
        #expect(RealtimeRecordCodec.configurationTag(names: ["a"]) == 0xE40C_292C)
        #expect(RealtimeRecordCodec.configurationTag(names: ["foobar"]) == 0xBF9C_F968)
        #expect(RealtimeRecordCodec.configurationTag(names: ["a", "b"]) == 0x10F3_ABD2)
        #expect(RealtimeRecordCodec.configurationTag(names: ["CH4", "flow"]) == 0xF75F_9BA6)
        #expect(RealtimeRecordCodec.configurationTag(names: ["b", "a"]) != RealtimeRecordCodec.configurationTag(names: ["a", "b"]))
        #expect(RealtimeRecordCodec.configurationTag(names: ["ab"]) != RealtimeRecordCodec.configurationTag(names: ["a", "b"]))
    }
}
