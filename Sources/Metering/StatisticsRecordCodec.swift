/// The journaled form of a `StatisticsRecord`: a versioned little-endian binary payload, laid out
/// byte by byte in docs/metering.md ("Statistics record payload"). In short:
///
///     u8 version (1) · u8 kind (1 minute, 2 hour, 3 day) · u32 configuration tag ·
///     i64 period start · u16 count ·
///     count × (u8 flag · u8 presence · u32 valid count · u32 total count · present f64 values)
///
/// where presence bits 0…3 say which of minimum, average, maximum, cumulative follow, in that
/// order. Decoding never traps: a truncated, over-long, wrong-version or garbled payload throws a
/// `MeteringError` that says what was wrong and at which byte.
public enum StatisticsRecordCodec {
    /// The format version this code writes and reads.
    public static let version: UInt8 = 1
    /// Bytes before the first parameter entry.
    public static let headerSize = 16
    /// Bytes of a parameter entry before its values.
    static let entryHeaderSize = 10
    static let minimumBit: UInt8 = 0x01
    static let averageBit: UInt8 = 0x02
    static let maximumBit: UInt8 = 0x04
    static let cumulativeBit: UInt8 = 0x08
    /// The optional values in payload order (presence bits 0…3).
    static let valueNames = ["minimum", "average", "maximum", "cumulative"]

    /// The payload for `record`. At most 65,535 parameters fit and counts must lie in
    /// 0…4,294,967,295 (preconditions; the aggregator's counts are at most 60).
    public static func encode(_ record: StatisticsRecord) -> [UInt8] {
        precondition(record.parameters.count <= Int(UInt16.max), "a statistics record holds at most 65535 parameters")
        var size = headerSize
        for entry in record.parameters { size += entryHeaderSize + 8 * presentValues(entry).count }
        var writer = ByteWriter(capacity: size)
        writer.write(version)
        writer.write(record.kind.rawValue)
        writer.write(record.configurationTag)
        writer.write(record.periodStart)
        writer.write(UInt16(record.parameters.count))
        for entry in record.parameters {
            let present = presentValues(entry)
            writer.write(entry.flag.rawValue)
            writer.write(present.bits)
            writer.write(UInt32(entry.validCount))
            writer.write(UInt32(entry.totalCount))
            if let value = entry.minimum { writer.write(value) }
            if let value = entry.average { writer.write(value) }
            if let value = entry.maximum { writer.write(value) }
            if let value = entry.cumulative { writer.write(value) }
        }
        return writer.bytes
    }

    /// The record in `bytes`, or a `MeteringError` saying what is wrong and where.
    public static func decode(_ bytes: [UInt8]) throws(MeteringError) -> StatisticsRecord {
        var reader = ByteReader(bytes)
        let version = try reader.readByte("version")
        guard version == Self.version else {
            throw MeteringError(.unsupportedVersion,
                                "statistics record version \(version), this code reads \(Self.version)", offset: 0)
        }
        let kindByte = try reader.readByte("period kind")
        guard let kind = PeriodKind(rawValue: kindByte) else {
            throw reader.malformed("period kind \(kindByte) is not 1 (minute), 2 (hour) or 3 (day)", at: 1)
        }
        let tag = try reader.read(UInt32.self, "configuration tag")
        let periodStart = try reader.read(Int64.self, "period start")
        guard periodStart % 60 == 0 else {
            throw reader.malformed("period start \(periodStart) is not on a minute boundary", at: 6)
        }
        let count = Int(try reader.read(UInt16.self, "parameter count"))
        var parameters: [ParameterStatistics] = []
        parameters.reserveCapacity(min(count, reader.remaining / entryHeaderSize))
        for position in 0..<count {
            parameters.append(try decodeEntry(&reader, position: position))
        }
        try reader.finish("\(kind) statistics record with \(count) parameter(s)")
        return StatisticsRecord(kind: kind, periodStart: periodStart, configurationTag: tag, parameters: parameters)
    }

    private static func presentValues(_ entry: ParameterStatistics) -> (bits: UInt8, count: Int) {
        var bits: UInt8 = 0
        if entry.minimum != nil { bits |= minimumBit }
        if entry.average != nil { bits |= averageBit }
        if entry.maximum != nil { bits |= maximumBit }
        if entry.cumulative != nil { bits |= cumulativeBit }
        return (bits, bits.nonzeroBitCount)
    }

    private static func decodeEntry(_ reader: inout ByteReader, position: Int) throws(MeteringError) -> ParameterStatistics {
        let at = reader.offset
        let flagByte = try reader.readByte("flag of parameter \(position)")
        guard let flag = DataFlag(rawValue: flagByte) else {
            throw reader.malformed("parameter \(position): byte 0x\(hex(flagByte)) is not a data flag", at: at)
        }
        let presence = try reader.readByte("presence bits of parameter \(position)")
        guard presence & 0xF0 == 0 else {
            throw reader.malformed("parameter \(position): presence byte 0x\(hex(presence)) sets reserved bits", at: at + 1)
        }
        let validCount = Int(try reader.read(UInt32.self, "valid count of parameter \(position)"))
        let totalCount = Int(try reader.read(UInt32.self, "total count of parameter \(position)"))
        guard validCount <= totalCount else {
            throw reader.malformed("parameter \(position): valid count \(validCount) exceeds total count \(totalCount)", at: at + 2)
        }
        var values: [Double?] = [nil, nil, nil, nil]
        for slot in 0..<4 where presence & (1 << UInt8(slot)) != 0 {
            let valueAt = reader.offset
            let value = try reader.readDouble("\(valueNames[slot]) of parameter \(position)")
            guard value.isFinite else {
                throw reader.malformed("parameter \(position): \(valueNames[slot]) is not a finite number", at: valueAt)
            }
            values[slot] = value
        }
        return ParameterStatistics(minimum: values[0], average: values[1], maximum: values[2], cumulative: values[3],
                                   validCount: validCount, totalCount: totalCount, flag: flag)
    }
}
