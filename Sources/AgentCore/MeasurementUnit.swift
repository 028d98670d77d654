/// A unit the accounting understands, and how a value in it becomes the canonical unit of its
/// kind (m³/h, %, °C, kPa, kWh, GJ or the running status 1): `canonical = value × factor + offset`.
/// A parameter's `unit` is checked against the units its quantity accepts when the file is read,
/// so a flow in `l/s` or a CH4 fraction in `ppm` is an error with its line, never a silent
/// factor of 1000 in the accounting.
public struct MeasurementUnit: Sendable, Equatable, CustomStringConvertible {
    /// What a unit measures; each kind has one canonical unit the accounting computes in.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Gas volume flow; canonical m³/h (at the conditions the quantity names).
        case volumeFlow
        /// CH4 volume fraction; canonical % (percent by volume).
        case ch4Fraction
        /// Temperature; canonical °C.
        case temperature
        /// Pressure; canonical kPa.
        case pressure
        /// Electrical energy; canonical kWh.
        case electricity
        /// Heat; canonical GJ.
        case heat
        /// Running status, 1 running and 0 stopped; canonical 1.
        case status

        /// The unit the accounting computes this kind in.
        public var canonical: MeasurementUnit {
            switch self {
            case .volumeFlow: return .cubicMetresPerHour
            case .ch4Fraction: return .percent
            case .temperature: return .celsius
            case .pressure: return .kilopascal
            case .electricity: return .kilowattHour
            case .heat: return .gigajoule
            case .status: return .status
            }
        }
    }

    /// The unit as written in the configuration (`m3/h`, `%`, `K` …).
    public var symbol: String
    public var kind: Kind
    /// canonical = value × factor + offset.
    public var factor: Double
    public var offset: Double

    public init(_ symbol: String, _ kind: Kind, factor: Double, offset: Double = 0) {
        self.symbol = symbol
        self.kind = kind
        self.factor = factor
        self.offset = offset
    }

    /// `value` (in this unit) in the canonical unit of its kind.
    public func toCanonical(_ value: Double) -> Double { value * factor + offset }

    /// `value` (in the canonical unit) in this unit: the inverse of `toCanonical`.
    public func fromCanonical(_ value: Double) -> Double { (value - offset) / factor }

    /// Whether this is the canonical unit of its kind (conversion is the identity).
    public var isCanonical: Bool { factor == 1 && offset == 0 }

    public var description: String { symbol }

    public static let cubicMetresPerHour = MeasurementUnit("m3/h", .volumeFlow, factor: 1)
    public static let cubicMetresPerMinute = MeasurementUnit("m3/min", .volumeFlow, factor: 60)
    public static let cubicMetresPerSecond = MeasurementUnit("m3/s", .volumeFlow, factor: 3600)
    /// Standard ("normal") cubic metres: the same factors; the quantity says the volume is normalised.
    public static let normalCubicMetresPerHour = MeasurementUnit("Nm3/h", .volumeFlow, factor: 1)
    public static let normalCubicMetresPerMinute = MeasurementUnit("Nm3/min", .volumeFlow, factor: 60)
    public static let normalCubicMetresPerSecond = MeasurementUnit("Nm3/s", .volumeFlow, factor: 3600)
    public static let percent = MeasurementUnit("%", .ch4Fraction, factor: 1)
    /// A volume fraction written as a plain number (0.046 for 4.6 %).
    public static let volumeFraction = MeasurementUnit("1", .ch4Fraction, factor: 100)
    public static let celsius = MeasurementUnit("C", .temperature, factor: 1)
    /// Kelvin: °C = K − 273.15 (an offset, not a factor).
    public static let kelvin = MeasurementUnit("K", .temperature, factor: 1, offset: -273.15)
    public static let kilopascal = MeasurementUnit("kPa", .pressure, factor: 1)
    public static let pascal = MeasurementUnit("Pa", .pressure, factor: 0.001)
    public static let megapascal = MeasurementUnit("MPa", .pressure, factor: 1000)
    public static let kilowattHour = MeasurementUnit("kWh", .electricity, factor: 1)
    public static let megawattHour = MeasurementUnit("MWh", .electricity, factor: 1000)
    public static let gigajoule = MeasurementUnit("GJ", .heat, factor: 1)
    public static let megajoule = MeasurementUnit("MJ", .heat, factor: 0.001)
    public static let status = MeasurementUnit("1", .status, factor: 1)

    /// The units a parameter measuring `quantity` may be written in, canonical first.
    public static func accepted(for quantity: MethodologyQuantity) -> [MeasurementUnit] {
        let flows = [cubicMetresPerHour, cubicMetresPerMinute, cubicMetresPerSecond]
        switch quantity {
        case .inletFlowWorking, .pumpOutletFlow: return flows
        case .inletFlowStandard:
            return flows + [normalCubicMetresPerHour, normalCubicMetresPerMinute, normalCubicMetresPerSecond]
        case .inletCH4Fraction, .pumpOutletCH4Fraction: return [percent, volumeFraction]
        case .inletTemperature, .bedTemperature: return [celsius, kelvin]
        case .inletPressure: return [kilopascal, pascal, megapascal]
        case .unitRunning: return [status]
        case .electricityGenerated, .electricityExported, .electricityConsumed: return [kilowattHour, megawattHour]
        case .heatSupplied: return [gigajoule, megajoule]
        }
    }

    /// The unit written `symbol` that `quantity` accepts, or nil.
    public static func parse(_ symbol: String, for quantity: MethodologyQuantity) -> MeasurementUnit? {
        accepted(for: quantity).first { $0.symbol == symbol }
    }
}
