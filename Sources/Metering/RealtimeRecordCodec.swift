/// The journaled form of a `RealtimeRecord`: a versioned little-endian binary payload, laid out
/// byte by byte in docs/metering.md ("Real-time record payload"). In short:
///
///     u8 version (1) · u8 header flags (bit 0: clock synchronised) · u32 configuration tag ·
///     i64 timestamp · u16 count · count × (u8 entry [· f64 value])
///
/// where an entry byte is the flag's ASCII letter, with bit 7 set when an 8-byte value follows.
/// Decoding never traps: a truncated, over-long, wrong-version or garbled payload throws a
/// `MeteringError` that says what was wrong and at which byte.
public enum RealtimeRecordCodec {
    /// The format version this code writes and reads.
    public static let version: UInt8 = 1
    /// Bytes before the first entry.
    public static let headerSize = 16
    /// Header flag bit: the wall clock was synchronised.
    static let clockSynchronisedBit: UInt8 = 0x01
    /// Entry bit: an 8-byte value follows the entry byte.
    static let valuePresentBit: UInt8 = 0x80

    /// The payload for `record`. At most 65,535 values fit (a precondition: a site has dozens).
    public static func encode(_ record: RealtimeRecord) -> [UInt8] {
        precondition(record.values.count <= Int(UInt16.max), "a real-time record holds at most 65535 values")
        var size = headerSize + record.values.count
        for entry in record.values where entry.value != nil { size += 8 }
        var writer = ByteWriter(capacity: size)
        writer.write(version)
        writer.write(record.clockSynchronised ? clockSynchronisedBit : 0)
        writer.write(record.configurationTag)
        writer.write(record.timestamp)
        writer.write(UInt16(record.values.count))
        for entry in record.values {
            if let value = entry.value {
                writer.write(entry.flag.rawValue | valuePresentBit)
                writer.write(value)
            } else {
                writer.write(entry.flag.rawValue)
            }
        }
        return writer.bytes
    }

    /// The record in `bytes`, or a `MeteringError` saying what is wrong and where.
    public static func decode(_ bytes: [UInt8]) throws(MeteringError) -> RealtimeRecord {
        var reader = ByteReader(bytes)
        let headerFlags = try readHeader(&reader)
        let tag = try reader.read(UInt32.self, "configuration tag")
        let timestamp = try reader.read(Int64.self, "timestamp")
        let count = Int(try reader.read(UInt16.self, "value count"))
        var values: [FlaggedValue] = []
        values.reserveCapacity(min(count, reader.remaining))
        for position in 0..<count {
            values.append(try decodeEntry(&reader, position: position))
        }
        try reader.finish("real-time record with \(count) value(s)")
        return RealtimeRecord(timestamp: timestamp, clockSynchronised: headerFlags & clockSynchronisedBit != 0,
                              configurationTag: tag, values: values)
    }

    /// FNV-1a (32-bit) over the UTF-8 names joined by a NUL byte, so a record can be matched to the
    /// parameter list that made it (same names in the same order ⇒ same tag).
    public static func configurationTag(names: [String]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for (position, name) in names.enumerated() {
            if position > 0 { hash = hash &* 0x0100_0193 }  // the NUL separator: XOR with 0, then multiply
            for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        }
        return hash
    }

    private static func readHeader(_ reader: inout ByteReader) throws(MeteringError) -> UInt8 {
        let version = try reader.readByte("version")
        guard version == Self.version else {
            throw MeteringError(.unsupportedVersion,
                                "real-time record version \(version), this code reads \(Self.version)", offset: 0)
        }
        let headerFlags = try reader.readByte("header flags")
        guard headerFlags & ~clockSynchronisedBit == 0 else {
            throw reader.malformed("header flags 0x\(hex(headerFlags)) set reserved bits", at: 1)
        }
        return headerFlags
    }

    private static func decodeEntry(_ reader: inout ByteReader, position: Int) throws(MeteringError) -> FlaggedValue {
        let at = reader.offset
        let entry = try reader.readByte("entry of value \(position)")
        guard let flag = DataFlag(rawValue: entry & ~valuePresentBit) else {
            throw reader.malformed("value \(position): entry byte 0x\(hex(entry)) holds no data flag", at: at)
        }
        guard entry & valuePresentBit != 0 else { return FlaggedValue(value: nil, flag: flag) }
        let valueAt = reader.offset
        let value = try reader.readDouble("value \(position)")
        guard value.isFinite else {
            throw reader.malformed("value \(position) is not a finite number", at: valueAt)
        }
        return FlaggedValue(value: value, flag: flag)
    }
}

/// Two uppercase hex digits.
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
