import Wire

/// The serial-port port: what a bus master needs from a UART, and nothing more.
///
/// Implemented by DeviceIO's termios `SerialPort` and by AgentTesting's scripted fake.
/// Methods throw the implementation's error (DeviceIO throws `DeviceIOError`); callers in
/// FieldBus wrap it into `FieldBusError` with the bus name and what was being done.
public protocol SerialLink {
    /// Baud rate and character format the port is configured for (for turnaround arithmetic).
    var characterFormat: SerialCharacterFormat { get }

    /// Queues all of `bytes` for transmission (write(2), looping over short writes).
    mutating func write(_ bytes: [UInt8]) throws

    /// Returns when every queued byte has been handed to the UART's shift register (tcdrain(3)).
    /// The last character is still on the wire for one character time after this returns.
    mutating func drain() throws

    /// Returns the bytes that arrive before `deadline`: as soon as at least one byte is there
    /// (poll(2) then read(2)), or an empty array when the deadline passes with nothing read.
    mutating func read(until deadline: MonotonicInstant) throws -> [UInt8]

    /// Discards received but unread input (tcflush(3) with TCIFLUSH).
    mutating func discardInput() throws
}
