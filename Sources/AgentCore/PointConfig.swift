import Wire

/// One value read from a meter, from `[point NAME]`: where it is (a Modbus register or coil, or
/// a DL/T 645 data identifier), how its raw value becomes engineering units, and the unit.
public struct PointConfig: Sendable, Equatable {
    /// The Modbus data tables a point can live in.
    public enum ModbusTable: String, Sendable, Equatable {
        case holding, input, coil, discrete

        /// Whether the table holds 16-bit registers (rather than bits).
        public var holdsRegisters: Bool { self == .holding || self == .input }
    }

    /// Where the raw value comes from.
    public enum Source: Sendable, Equatable {
        /// Registers (decoded as `type` in word `order`) or a single bit (coil, discrete input).
        case modbus(table: ModbusTable, address: Int, type: RegisterDataType, order: RegisterWordOrder)
        case dlt645(DLT645DataIdentifier)
    }

    public var name: String
    /// The name of its `[meter NAME]`.
    public var meter: String
    public var source: Source
    /// Engineering value = raw × scale + offset.
    public var scale: Double
    public var offset: Double
    public var unit: String
    /// The line of the section header.
    public var line: Int
}
