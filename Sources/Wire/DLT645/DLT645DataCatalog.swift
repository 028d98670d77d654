/// The DL/T 645-2007 data identifiers this codec understands, with name, unit and format.
///
/// Source: DL/T 645-2007 Appendix A tables as reproduced by open implementations
/// (600888/dlt645 config, coyool/XXOO_000 dd645_2007.c); see docs and domain.md §7.2.
/// Combined active energy (00 00 00 00) is marked signed: the standard's note that its
/// most significant bit is a sign (range 0…799999.99) is recalled, not verified [U].
public enum DLT645DataCatalog {
    /// One known identifier.
    public struct Entry: Sendable, Equatable {
        public let identifier: DLT645DataIdentifier
        public let name: String
        /// "kWh", "V", "A", "kW", or "" when dimensionless.
        public let unit: String
        public let format: DLT645DataFormat
    }

    private static func energy(_ id: DLT645DataIdentifier, _ name: String, signed: Bool = false) -> Entry {
        Entry(identifier: id, name: name, unit: "kWh",
              format: .decimal(byteCount: 4, fractionDigits: 2, signed: signed))
    }

    private static func voltage(_ id: DLT645DataIdentifier, _ phase: String) -> Entry {
        Entry(identifier: id, name: "phase \(phase) voltage", unit: "V",
              format: .decimal(byteCount: 2, fractionDigits: 1, signed: false))
    }

    private static func current(_ id: DLT645DataIdentifier, _ phase: String) -> Entry {
        Entry(identifier: id, name: "phase \(phase) current", unit: "A",
              format: .decimal(byteCount: 3, fractionDigits: 3, signed: true))
    }

    /// Every known identifier.
    public static let entries: [Entry] = [
        energy(.combinedActiveEnergyTotal, "combined active energy, total", signed: true),
        energy(.forwardActiveEnergyTotal, "forward active energy, total"),
        energy(.reverseActiveEnergyTotal, "reverse active energy, total"),
        voltage(.phaseAVoltage, "A"), voltage(.phaseBVoltage, "B"), voltage(.phaseCVoltage, "C"),
        current(.phaseACurrent, "A"), current(.phaseBCurrent, "B"), current(.phaseCCurrent, "C"),
        Entry(identifier: .totalActivePower, name: "total active power", unit: "kW",
              format: .decimal(byteCount: 3, fractionDigits: 4, signed: true)),
        Entry(identifier: .totalPowerFactor, name: "total power factor", unit: "",
              format: .decimal(byteCount: 2, fractionDigits: 3, signed: true)),
        Entry(identifier: .date, name: "date and weekday", unit: "", format: .date),
        Entry(identifier: .time, name: "time", unit: "", format: .time),
    ]

    /// The entry for `identifier`, or nil when it is not in the catalogue.
    public static func entry(for identifier: DLT645DataIdentifier) -> Entry? {
        entries.first { $0.identifier == identifier }
    }

    /// Decodes the value bytes of a read-data reply for `identifier`; unknown identifiers
    /// give `.raw`. `baseOffset` is the frame offset of `bytes.first` for error offsets.
    public static func value(for identifier: DLT645DataIdentifier, _ bytes: ArraySlice<UInt8>,
                             baseOffset: Int = 0) throws(WireError) -> DLT645Value {
        guard let entry = entry(for: identifier) else { return .raw(Array(bytes)) }
        do {
            return try entry.format.decode(bytes, unit: entry.unit, baseOffset: baseOffset)
        } catch {
            throw error.context("DI \(identifier) (\(entry.name))")
        }
    }
}
