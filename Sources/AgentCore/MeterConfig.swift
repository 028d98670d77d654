import Wire

/// One instrument from `[meter NAME]`: the protocol and address it answers on, the bus it
/// hangs on, and its registry data.
public struct MeterConfig: Sendable, Equatable {
    /// The protocol and the meter's address on its bus.
    public enum Address: Sendable, Equatable {
        /// A Modbus slave id (1…247).
        case modbus(slave: UInt8)
        /// A DL/T 645-2007 meter address (12 digits).
        case dlt645(DLT645Address)
    }

    public var name: String
    /// The name of its `[bus NAME]`.
    public var bus: String
    public var address: Address
    public var registry: InstrumentRegistry
    /// `status_point`: a point of this meter that reads 0 while the instrument is stopped (and
    /// anything else while it measures); its parameters' readings are then flagged F. Nil when
    /// the meter reports no such status.
    public var statusPoint: String? = nil
    /// The line of the section header.
    public var line: Int

    /// Whether the meter speaks Modbus.
    public var isModbus: Bool {
        if case .modbus = address { return true }
        return false
    }
}
