/// The one error type of the `Metering` module: a machine-readable `code`, a `message` that says
/// what was wrong, the byte `offset` within a payload where a decoder found the problem (when
/// there is one), and the `cause` (another error, as text) when the failure came from elsewhere.
/// Callers add context on the way up (`context(_:)`); nothing is swallowed.
public struct MeteringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Stable names: tests and logs match on them.
    public enum Code: String, Sendable, Equatable {
        /// A payload ended before all the bytes it announces.
        case truncated
        /// A payload has bytes after its last announced field.
        case trailingBytes
        /// A payload was written in a format version this code does not read.
        case unsupportedVersion
        /// A byte or field holds a value the format does not allow (bad flag, reserved bit set,
        /// non-finite number, inconsistent counts).
        case malformed
        /// An argument is outside what the operation accepts.
        case invalidArgument
    }

    public var code: Code
    public var message: String
    /// Byte offset within the payload where the problem was found, for decoding errors.
    public var offset: Int?
    /// Text of the underlying cause, when the failure came from another error.
    public var cause: String?

    public init(_ code: Code, _ message: String, offset: Int? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.cause = cause
    }

    /// The same error with `prefix` prepended to its message, for context on the way up.
    public func context(_ prefix: String) -> MeteringError {
        var copy = self
        copy.message = "\(prefix): \(message)"
        return copy
    }

    public var description: String {
        var text = code.rawValue
        if let offset { text += " at byte \(offset)" }
        text += ": \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
