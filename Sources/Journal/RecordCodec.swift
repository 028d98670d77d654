/// The record layout of docs/journal-format.md §3:
///
/// ```
/// 0  u8   marker 0xA5
/// 1  u8   type
/// 2  u16  payload length
/// 4  u64  sequence
/// 12 i64  timestamp
/// 20 u32  CRC-32C over bytes 0..<20 and the payload
/// 24      payload
/// ```
enum RecordCodec {
    static let marker: UInt8 = 0xA5
    static let headerSize = 24
    static let maximumPayload = Int(UInt16.max)

    /// Appends the encoded record to `bytes`.
    static func encode(sequence: UInt64, type: RecordType, timestamp: Int64, payload: [UInt8],
                       into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(marker)
        bytes.append(type.rawValue)
        LittleEndian.append(UInt16(payload.count), to: &bytes)
        LittleEndian.append(sequence, to: &bytes)
        LittleEndian.append(timestamp, to: &bytes)
        var crc = CRC32C.Accumulator()
        bytes.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[start..<start + 20])) }
        crc.update(payload)
        LittleEndian.append(crc.value, to: &bytes)
        bytes.append(contentsOf: payload)
    }

    /// What is found at an offset of a segment.
    enum Found {
        /// A record whose CRC holds: its header fields and where its payload lies.
        case record(type: RecordType, sequence: UInt64, timestamp: Int64, payload: Range<Int>)
        /// Bytes that are not a valid record (erased space, a torn or corrupt record).
        case invalid
    }

    /// Decodes the record at `offset` of `bytes` (which ends at `bytes.count`).
    static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Found {
        guard offset + headerSize <= bytes.count, bytes[offset] == marker else { return .invalid }
        let length = Int(LittleEndian.read(UInt16.self, bytes, at: offset + 2))
        let end = offset + headerSize + length
        guard end <= bytes.count else { return .invalid }
        var crc = CRC32C.Accumulator()
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 20]))
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[offset + headerSize..<end]))
        guard crc.value == LittleEndian.read(UInt32.self, bytes, at: offset + 20) else { return .invalid }
        return .record(type: RecordType(rawValue: bytes[offset + 1]),
                       sequence: LittleEndian.read(UInt64.self, bytes, at: offset + 4),
                       timestamp: LittleEndian.read(Int64.self, bytes, at: offset + 12),
                       payload: offset + headerSize..<end)
    }
}
