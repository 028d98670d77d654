/// The journaled form of an `AccountingRecord`: a versioned little-endian binary payload, laid
/// out byte by byte in docs/accounting.md ("Accounting record payload"). In short:
///
///     u8 version (1) · u8 kind (1 minute, 2 hour, 3 day) · u32 configuration tag ·
///     i64 period start · str constants name · str constants version ·
///     u8 energy presence · present f64 energy values · u16 unit count ·
///     count × (str name · 10 × f64 figures)
///
/// where `str` is a u16 byte count and that many UTF-8 bytes, energy presence bits 0…3 say which
/// of generated, exported, consumed (kWh) and heat (GJ) follow, and the ten figures are standard
/// volume, CH4 volume, CH4 mass, destroyed kg, destroyed t CO2e, measured s, running s, counted s,
/// excluded s and not-running s. The total t CO2e is not stored: it is the units' sum.
///
/// Decoding never traps: a truncated, over-long, wrong-version or garbled payload throws a
/// `MeteringError` that says what was wrong and at which byte.
public enum AccountingRecordCodec {
    /// The format version this code writes and reads.
    public static let version: UInt8 = 1
    /// Bytes of the fixed header (version, kind, tag, period start).
    static let fixedHeaderSize = 14
    /// Figures per oxidizer unit.
    static let figureCount = 10
    static let figureNames = ["standard volume", "CH4 volume", "CH4 mass", "destroyed kg", "destroyed tCO2e",
                              "measured seconds", "running seconds", "counted seconds", "excluded seconds",
                              "not-running seconds"]
    static let energyNames = ["electricity generated", "electricity exported", "electricity consumed", "heat"]

    /// The payload for `record`. Names are at most 65,535 UTF-8 bytes and there are at most
    /// 65,535 units (preconditions; configuration names are short).
    public static func encode(_ record: AccountingRecord) -> [UInt8] {
        let units = record.oxidizers
        precondition(units.count <= Int(UInt16.max), "an accounting record holds at most 65535 oxidizer units")
        var writer = ByteWriter(capacity: fixedHeaderSize + 64 + units.count * (2 + 16 + 8 * figureCount))
        writer.write(version)
        writer.write(record.kind.rawValue)
        writer.write(record.configurationTag)
        writer.write(record.periodStart)
        writeString(&writer, record.constantsName)
        writeString(&writer, record.constantsVersion)
        let energy = energyValues(record.energy)
        var presence: UInt8 = 0
        for (slot, value) in energy.enumerated() where value != nil { presence |= 1 << UInt8(slot) }
        writer.write(presence)
        for value in energy { if let value { writer.write(value) } }
        writer.write(UInt16(units.count))
        for unit in units {
            writeString(&writer, unit.name)
            for figure in figures(unit) { writer.write(figure) }
        }
        return writer.bytes
    }

    /// The record in `bytes`, or a `MeteringError` saying what is wrong and where.
    public static func decode(_ bytes: [UInt8]) throws(MeteringError) -> AccountingRecord {
        var reader = ByteReader(bytes)
        let version = try reader.readByte("version")
        guard version == Self.version else {
            throw MeteringError(.unsupportedVersion,
                                "accounting record version \(version), this code reads \(Self.version)", offset: 0)
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
        let constantsName = try readString(&reader, "constants name")
        let constantsVersion = try readString(&reader, "constants version")
        let energy = try decodeEnergy(&reader)
        let count = Int(try reader.read(UInt16.self, "oxidizer unit count"))
        var units: [OxidizerTotals] = []
        units.reserveCapacity(min(count, reader.remaining / (2 + 8 * figureCount)))
        for position in 0..<count {
            let at = reader.offset
            let unit = try decodeUnit(&reader, position: position)
            if units.contains(where: { $0.name == unit.name }) {
                throw reader.malformed("oxidizer unit \(position): name \(unit.name) appears twice", at: at)
            }
            units.append(unit)
        }
        try reader.finish("\(kind) accounting record with \(count) oxidizer unit(s)")
        return AccountingRecord(kind: kind, periodStart: periodStart, configurationTag: tag,
                                constantsName: constantsName, constantsVersion: constantsVersion,
                                totals: AccountingTotals(oxidizers: units, energy: energy))
    }

    private static func energyValues(_ energy: EnergyTotals) -> [Double?] {
        [energy.generatedKilowattHours, energy.exportedKilowattHours, energy.consumedKilowattHours, energy.heatGigajoules]
    }

    private static func figures(_ unit: OxidizerTotals) -> [Double] {
        [unit.standardVolumeCubicMetres, unit.ch4VolumeCubicMetres, unit.ch4MassKilograms, unit.destroyedKilograms,
         unit.destroyedTonnesCO2e, unit.measuredSeconds, unit.runningSeconds, unit.countedSeconds,
         unit.excludedSeconds, unit.notRunningSeconds]
    }

    private static func decodeEnergy(_ reader: inout ByteReader) throws(MeteringError) -> EnergyTotals {
        let at = reader.offset
        let presence = try reader.readByte("energy presence bits")
        guard presence & 0xF0 == 0 else {
            throw reader.malformed("energy presence byte 0x\(hex(presence)) sets reserved bits", at: at)
        }
        var values: [Double?] = [nil, nil, nil, nil]
        for slot in 0..<4 where presence & (1 << UInt8(slot)) != 0 {
            let valueAt = reader.offset
            let value = try reader.readDouble(energyNames[slot])
            guard value.isFinite else {
                throw reader.malformed("\(energyNames[slot]) is not a finite number", at: valueAt)
            }
            values[slot] = value
        }
        return EnergyTotals(generatedKilowattHours: values[0], exportedKilowattHours: values[1],
                            consumedKilowattHours: values[2], heatGigajoules: values[3])
    }

    private static func decodeUnit(_ reader: inout ByteReader, position: Int) throws(MeteringError) -> OxidizerTotals {
        var unit = OxidizerTotals(name: try readString(&reader, "name of oxidizer unit \(position)"))
        var values: [Double] = []
        values.reserveCapacity(figureCount)
        for slot in 0..<figureCount {
            let valueAt = reader.offset
            let value = try reader.readDouble("\(figureNames[slot]) of oxidizer unit \(position)")
            guard value.isFinite, value >= 0 else {
                throw reader.malformed("oxidizer unit \(position): \(figureNames[slot]) \(value) is not a finite, "
                                       + "non-negative number", at: valueAt)
            }
            values.append(value)
        }
        unit.standardVolumeCubicMetres = values[0]
        unit.ch4VolumeCubicMetres = values[1]
        unit.ch4MassKilograms = values[2]
        unit.destroyedKilograms = values[3]
        unit.destroyedTonnesCO2e = values[4]
        unit.measuredSeconds = values[5]
        unit.runningSeconds = values[6]
        unit.countedSeconds = values[7]
        unit.excludedSeconds = values[8]
        unit.notRunningSeconds = values[9]
        return unit
    }

    private static func writeString(_ writer: inout ByteWriter, _ text: String) {
        let utf8 = Array(text.utf8)
        precondition(utf8.count <= Int(UInt16.max), "an accounting record string is at most 65535 bytes")
        writer.write(UInt16(utf8.count))
        writer.write(contentsOf: utf8)
    }

    private static func readString(_ reader: inout ByteReader, _ field: String) throws(MeteringError) -> String {
        let length = Int(try reader.read(UInt16.self, "length of \(field)"))
        let at = reader.offset
        guard reader.remaining >= length else {
            throw MeteringError(.truncated, "payload ends after \(reader.bytes.count) bytes: \(field) needs \(length) "
                                + "byte(s)", offset: at)
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(length)
        for _ in 0..<length { utf8.append(try reader.readByte(field)) }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw reader.malformed("\(field) is not valid UTF-8", at: at)
        }
        return text
    }
}
