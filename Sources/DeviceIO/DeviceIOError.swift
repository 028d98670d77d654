/// The one error type of the `DeviceIO` module: a code, a message that says what
/// was being done and on what, and the cause (an errno value or a library's error text).
public struct DeviceIOError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A system call failed; `errno` holds the cause.
        case systemCall
        /// A library (libcrypto, libgpiod, mbedTLS) reported a failure; `cause` holds its text.
        case library
        /// The caller passed something the device or library cannot take (wrong key size, …).
        case invalidArgument
        /// The device or driver lacks a needed feature (no RS-485 mode, no SM4 in libcrypto, …).
        case unsupported
        /// The device went away under an open descriptor (EIO, ENODEV, ENXIO, hang-up: a USB
        /// adapter unplugged): close it and reopen with back-off.
        case portVanished
        /// A deadline passed before the operation could complete.
        case timedOut
    }

    public var code: Code
    public var message: String
    /// errno of the failed call, when the cause is a system call.
    public var errno: Int32?
    /// Text of the underlying cause (strerror or a library's error string).
    public var cause: String?

    public init(_ code: Code, _ message: String, errno: Int32? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
        self.cause = cause
    }

    /// The same error with `prefix` prepended to its message.
    public func context(_ prefix: String) -> DeviceIOError {
        var copy = self
        copy.message = "\(prefix): \(message)"
        return copy
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let cause { text += " (\(cause))" } else if let errno { text += " (errno \(errno))" }
        return text
    }
}
