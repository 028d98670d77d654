import Wire

/// The one error type of the `FieldBus` module: a stable `code`, a `message` that says what
/// happened on which bus at which step, the port's own error text as `cause`, and the typed
/// details a caller prints or acts on (milliseconds waited, the Modbus exception or DL/T 645
/// error word, the bytes seen).
public struct FieldBusError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// No (valid) reply before the response deadline; `waitedMilliseconds` says how long.
        case timeout
        /// The device answered with a Modbus exception or a DL/T 645 abnormal reply.
        case exception
        /// Bytes arrived but no valid reply could be framed from them (CRC mismatch, wrong
        /// length, garbage); `bytesSeen` holds them.
        case badFrame
        /// The port (serial link, direction line, socket) failed; `cause` is its error.
        case portFailure
        /// The port is gone (adapter unplugged, EIO/ENODEV): close it and reopen with back-off.
        case portVanished
        /// The bus never fell silent for t3.5 before a request (a babbling device).
        case busBusy
        /// A TCP session is not connected (and may not reconnect yet: back-off).
        case notConnected
        /// A request or setting that cannot work (slave 248…255, quantity over the limit, …).
        case configuration
    }

    public var code: Code
    public var message: String
    /// The underlying port error's text, when there is one.
    public var cause: String?
    /// For `.timeout` and `.badFrame`: how long the master waited for the reply.
    public var waitedMilliseconds: Int?
    /// For `.exception` from a Modbus slave.
    public var modbusException: ModbusExceptionReply?
    /// For `.exception` from a DL/T 645 meter (abnormal reply).
    public var dlt645Error: DLT645ErrorWord?
    /// For `.badFrame` (and a timeout with noise): the bytes received while waiting (capped).
    public var bytesSeen: [UInt8]

    public init(_ code: Code, _ message: String, cause: String? = nil, waitedMilliseconds: Int? = nil,
                modbusException: ModbusExceptionReply? = nil, dlt645Error: DLT645ErrorWord? = nil,
                bytesSeen: [UInt8] = []) {
        self.code = code
        self.message = message
        self.cause = cause
        self.waitedMilliseconds = waitedMilliseconds
        self.modbusException = modbusException
        self.dlt645Error = dlt645Error
        self.bytesSeen = bytesSeen
    }

    /// The same error with `prefix` prepended to its message (context on the way up).
    public func context(_ prefix: String) -> FieldBusError {
        var copy = self
        copy.message = "\(prefix): \(message)"
        return copy
    }

    /// Wraps a port's error thrown during `step` on `bus`: `.portVanished` when the error says
    /// the device is gone (`PortFailure`), `.portFailure` otherwise.
    /// `during` says what the step was part of ("read holding registers 0+2 from slave 3").
    public static func port(_ error: any Error, bus: String, step: String, during: String? = nil) -> FieldBusError {
        let vanished = (error as? any PortFailure)?.portVanished ?? false
        return FieldBusError(vanished ? .portVanished : .portFailure,
                             "\(bus): \(step) failed" + (during.map { " during \($0)" } ?? "")
                                + (vanished ? " (port vanished; reopen it)" : ""),
                             cause: "\(error)")
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let cause { text += " (cause: \(cause))" }
        if !bytesSeen.isEmpty { text += " [bytes seen: \(Hex.format(bytesSeen))]" }
        return text
    }
}
