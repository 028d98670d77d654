import Wire

/// The usual settings of a DL/T 645-2007 meter bus, as configuration defaults (not assumptions
/// baked into the master): 2400 baud, 8 data bits, even parity, 1 stop bit; 4 FE wake-up bytes
/// before each request; meters answer within a few hundred milliseconds at 2400 baud, so the
/// response timeout is longer than Modbus's.
public enum DLT645BusDefaults {
    public static let baud = 2400
    public static let parity = SerialCharacterFormat.Parity.even
    public static let dataBits = 8
    public static let stopBits = 1
    public static let preambleCount = DLT645Frame.defaultPreambleCount
    public static let responseTimeoutMilliseconds = 1500

    /// 2400 8E1.
    public static func characterFormat() throws(WireError) -> SerialCharacterFormat {
        try SerialCharacterFormat(baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits)
    }

    /// Master settings for a meter bus named `busName`.
    public static func settings(busName: String) -> SerialMasterSettings {
        SerialMasterSettings(busName: busName, responseTimeoutMilliseconds: responseTimeoutMilliseconds)
    }
}
