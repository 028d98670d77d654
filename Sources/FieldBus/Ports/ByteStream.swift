/// A connected byte stream (a TCP socket to a PLC or a serial device server), as the Modbus
/// TCP and RTU-over-TCP masters need it.
///
/// Implemented by DeviceIO's non-blocking TCP socket and by AgentTesting's scripted fake.
/// Methods throw the implementation's error; FieldBus wraps it with context.
public protocol ByteStream {
    /// Connects (or reconnects) to the configured endpoint, giving up at `deadline`.
    mutating func connect(until deadline: MonotonicInstant) throws

    /// Whether a connection is currently open.
    var isConnected: Bool { get }

    /// Sends all of `bytes`.
    mutating func write(_ bytes: [UInt8]) throws

    /// Bytes that arrive before `deadline`: returns as soon as some are there, or an empty
    /// array at the deadline. Throws when the peer closed the connection or it failed.
    mutating func read(until deadline: MonotonicInstant) throws -> [UInt8]

    /// Closes the connection (idempotent).
    mutating func close()
}
