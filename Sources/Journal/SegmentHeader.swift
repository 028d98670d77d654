/// The header at the start of every segment (docs/journal-format.md §2):
///
/// ```
/// 0  [4]  magic "CMJ1"
/// 4  u8   format version (1)
/// 5  u8   consumer count C
/// 6  u16  header length L (including the CRC)
/// 8  u32  segment size        } must match the device the journal is opened on
/// 12 u32  program size        }
/// 16 u64  epoch (+1 for each segment opened)
/// 24 u64  first sequence (of the first record in this segment)
/// 32 u64  reclaimed-through sequence
/// 40 i64  previous segment's earliest timestamp
/// 48 i64  previous segment's latest timestamp
/// 56      C × (u8 name length, name, u64 acknowledged sequence)
/// L-4 u32 CRC-32C over bytes 0..<L-4
/// ```
struct SegmentHeader: Equatable, Sendable {
    static let magic: [UInt8] = [0x43, 0x4D, 0x4A, 0x31]  // "CMJ1"
    static let version: UInt8 = 1
    static let fixedSize = 56
    static let maximumConsumers = 8
    static let maximumNameLength = 32
    /// The most bytes a header can take; recovery reads this much from each segment.
    static let maximumSize = fixedSize + maximumConsumers * (1 + maximumNameLength + 8) + 4

    var epoch: UInt64
    var firstSequence: UInt64
    var previousEarliest: Int64
    var previousLatest: Int64
    var checkpoint: JournalCheckpoint

    /// Encoded header for a journal with this segment and program size.
    func encoded(segmentSize: Int, programSize: Int) -> [UInt8] {
        var bytes = Self.magic
        bytes.append(Self.version)
        bytes.append(UInt8(checkpoint.acknowledged.count))
        LittleEndian.append(UInt16(0), to: &bytes)  // length, filled in below
        LittleEndian.append(UInt32(segmentSize), to: &bytes)
        LittleEndian.append(UInt32(programSize), to: &bytes)
        LittleEndian.append(epoch, to: &bytes)
        LittleEndian.append(firstSequence, to: &bytes)
        LittleEndian.append(checkpoint.reclaimedThrough, to: &bytes)
        LittleEndian.append(previousEarliest, to: &bytes)
        LittleEndian.append(previousLatest, to: &bytes)
        for (name, sequence) in checkpoint.acknowledged.sorted(by: { $0.key < $1.key }) {
            bytes.append(UInt8(name.utf8.count))
            bytes.append(contentsOf: name.utf8)
            LittleEndian.append(sequence, to: &bytes)
        }
        LittleEndian.write(UInt16(bytes.count + 4), into: &bytes, at: 6)
        LittleEndian.append(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// What the start of a segment holds.
    enum Decoded {
        case header(SegmentHeader, length: Int)
        /// Not a valid header: erased, torn, or never written.
        case invalid
        /// A valid header written for another geometry or format version.
        case incompatible(String)
    }

    /// Decodes the header at the start of `bytes` (at least `maximumSize` bytes or the whole segment).
    static func decode(_ bytes: UnsafeRawBufferPointer, segmentSize: Int, programSize: Int) -> Decoded {
        guard bytes.count >= fixedSize + 4, bytes.starts(with: magic) else { return .invalid }
        let length = Int(LittleEndian.read(UInt16.self, bytes, at: 6))
        guard length >= fixedSize + 4, length <= bytes.count,
              CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<length - 4]))
                == LittleEndian.read(UInt32.self, bytes, at: length - 4) else { return .invalid }
        guard bytes[4] == version else { return .incompatible("format version \(bytes[4]), expected \(version)") }
        let storedSegment = Int(LittleEndian.read(UInt32.self, bytes, at: 8))
        let storedProgram = Int(LittleEndian.read(UInt32.self, bytes, at: 12))
        guard storedSegment == segmentSize, storedProgram == programSize else {
            return .incompatible("written for segment \(storedSegment) B / program \(storedProgram) B, "
                + "device has \(segmentSize) B / \(programSize) B")
        }
        var checkpoint = JournalCheckpoint(reclaimedThrough: LittleEndian.read(UInt64.self, bytes, at: 32))
        var offset = fixedSize
        for _ in 0..<Int(bytes[5]) {
            guard offset < length - 4 else { return .invalid }
            let nameLength = Int(bytes[offset])
            guard offset + 1 + nameLength + 8 <= length - 4 else { return .invalid }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset + 1..<offset + 1 + nameLength]),
                              as: UTF8.self)
            checkpoint.acknowledged[name] = LittleEndian.read(UInt64.self, bytes, at: offset + 1 + nameLength)
            offset += 1 + nameLength + 8
        }
        let header = SegmentHeader(epoch: LittleEndian.read(UInt64.self, bytes, at: 16),
                                   firstSequence: LittleEndian.read(UInt64.self, bytes, at: 24),
                                   previousEarliest: LittleEndian.read(Int64.self, bytes, at: 40),
                                   previousLatest: LittleEndian.read(Int64.self, bytes, at: 48),
                                   checkpoint: checkpoint)
        return .header(header, length: length)
    }
}

extension UnsafeRawBufferPointer {
    fileprivate func starts(with prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for index in 0..<prefix.count where self[index] != prefix[index] { return false }
        return true
    }
}
