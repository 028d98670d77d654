@testable import Journal
import Testing

@Suite struct RecordFormatTests {
    @Test func recordRoundTripsAndItsLayoutIsAsSpecified() {
        var bytes: [UInt8] = []
        RecordCodec.encode(sequence: 0x0102, type: RecordType(rawValue: 0x21), timestamp: -5, payload: [9, 8, 7],
                           into: &bytes)
        #expect(bytes.count == 27)
        #expect(Array(bytes[0..<4]) == [0xA5, 0x21, 3, 0])
        #expect(Array(bytes[4..<12]) == [0x02, 0x01, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[24...]) == [9, 8, 7])
        let crc = CRC32C.checksum(Array(bytes[0..<20]) + [9, 8, 7])
        #expect(LittleEndian.read(UInt32.self, bytes, at: 20) == crc)
        let decoded = bytes.withUnsafeBytes { RecordCodec.decode($0, at: 0) }
        guard case let .record(type, sequence, timestamp, payload) = decoded else {
            Issue.record("record did not decode")
            return
        }
        #expect(type.rawValue == 0x21 && sequence == 0x0102 && timestamp == -5 && payload == 24..<27)
    }

    @Test func everySingleBitFlipIsRejected() {
        var bytes: [UInt8] = []
        RecordCodec.encode(sequence: 7, type: .firstApplicationType, timestamp: 1_700_000_000_000,
                           payload: Array(0..<40), into: &bytes)
        for bit in 0..<(bytes.count * 8) {
            var flipped = bytes
            flipped[bit / 8] ^= 1 << (bit % 8)
            let decoded = flipped.withUnsafeBytes { RecordCodec.decode($0, at: 0) }
            if case .record = decoded { Issue.record("flip of bit \(bit) accepted") }
        }
    }

    @Test func segmentHeaderRoundTripsWithConsumers() {
        var checkpoint = JournalCheckpoint(reclaimedThrough: 41)
        checkpoint.acknowledged = ["hj212": 77, "compact": 12]
        let header = SegmentHeader(epoch: 9, firstSequence: 100, previousEarliest: -3, previousLatest: 55,
                                   checkpoint: checkpoint)
        let bytes = header.encoded(segmentSize: 4096, programSize: 256)
        let decoded = bytes.withUnsafeBytes { SegmentHeader.decode($0, segmentSize: 4096, programSize: 256) }
        guard case let .header(back, length) = decoded else {
            Issue.record("header did not decode")
            return
        }
        #expect(back == header)
        #expect(length == bytes.count)
        let other = bytes.withUnsafeBytes { SegmentHeader.decode($0, segmentSize: 8192, programSize: 256) }
        guard case .incompatible = other else {
            Issue.record("geometry mismatch not reported")
            return
        }
    }

    @Test func gapEventRoundTrips() {
        let gap = GapEvent(firstSequence: 5, lastSequence: 9, firstTimestamp: 10, lastTimestamp: 20,
                           reason: .overwrittenWhenFull)
        #expect(GapEvent(decoding: gap.encoded) == gap)
        #expect(GapEvent(decoding: [1, 2, 3]) == nil)
    }

    @Test func scannerSkipsCommitPaddingAndStopsAtATornRecord() {
        var image: [UInt8] = []
        RecordCodec.encode(sequence: 1, type: .firstApplicationType, timestamp: 1, payload: [1, 2, 3], into: &image)
        image += [UInt8](repeating: 0xFF, count: 32 - image.count)  // padding to the 16-byte program unit
        RecordCodec.encode(sequence: 2, type: .firstApplicationType, timestamp: 2, payload: [4], into: &image)
        var torn: [UInt8] = []
        RecordCodec.encode(sequence: 3, type: .firstApplicationType, timestamp: 3, payload: [5, 6], into: &torn)
        torn[torn.count - 1] ^= 0x40
        image += torn + [UInt8](repeating: 0xFF, count: 40)
        let scanner = SegmentScanner(programSize: 16, erasedByte: 0xFF)
        var seen: [UInt64] = []
        let result = image.withUnsafeBytes {
            scanner.scan($0, from: 0, expecting: 1) { _, sequence, _, _ in seen.append(sequence); return true }
        }
        #expect(seen == [1, 2])
        #expect(result.nextSequence == 3)
        #expect(result.end == 32 + 25)
        #expect(result.stop == .invalid)
    }
}
