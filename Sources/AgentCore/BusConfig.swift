import FieldBus

/// One field bus from `[bus NAME]`: a serial RS-485 line or a TCP endpoint, with the master's
/// response timeout and retries.
public struct BusConfig: Sendable, Equatable {
    /// Character framing and turnaround of a serial bus.
    public struct Serial: Sendable, Equatable {
        public enum Parity: String, Sendable, Equatable { case none = "N", even = "E", odd = "O" }

        public var port: String
        public var baud: Int
        public var parity: Parity
        public var dataBits: Int
        public var stopBits: Int
        public var direction: DirectionSetting
        /// Hold after the last character before releasing a manual direction line, µs.
        public var guardMicroseconds: Int
    }

    /// How the bus is reached.
    public enum Transport: Sendable, Equatable {
        case serial(Serial)
        /// Modbus TCP (MBAP framing).
        case modbusTCP(host: String, port: Int)
        /// Serial frames carried unchanged over TCP (a serial device server).
        case rtuOverTCP(host: String, port: Int)
    }

    public var name: String
    public var transport: Transport
    public var responseTimeoutMilliseconds: Int
    public var retries: Int
    /// The line of the section header.
    public var line: Int

    /// Whether the bus is a serial line (DL/T 645 meters need one).
    public var isSerial: Bool {
        if case .serial = transport { return true }
        return false
    }
}
