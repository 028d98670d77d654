/// The one error type of the `Wire` module.
///
/// Every decoder and encoder reports failures as a `WireError`: a machine-readable
/// `code`, a human-readable `message` that says what was wrong, and, where it is
/// known, the byte `offset` inside the frame at which the problem was found.
/// Callers add context on the way up (`WireError.context(_:)`); nothing is swallowed.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Stable names: tests and logs match on them.
    public enum Code: String, Sendable, Equatable {
        /// A checksum or CRC does not match the frame's contents.
        case badChecksum
        /// The frame ended before all the bytes it announces arrived.
        case truncated
        /// A byte or field has a value the protocol does not allow here.
        case malformed
        /// A length field or the whole frame exceeds the protocol's limits.
        case tooLong
        /// A well-formed frame uses a feature this implementation does not handle.
        case unsupported
        /// A value cannot be represented (out of range, NaN, not encodable).
        case badValue
        /// Bytes before a frame that belong to no frame (noise, a torn frame).
        case garbage
    }

    public var code: Code
    public var message: String
    /// Byte (or character) offset within the frame where the problem was found.
    public var offset: Int?

    public init(_ code: Code, _ message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// The same error with `prefix` prepended to its message, for context on the way up.
    public func context(_ prefix: String) -> WireError {
        WireError(code, "\(prefix): \(message)", offset: offset)
    }

    public var description: String {
        if let offset { return "\(code.rawValue) at byte \(offset): \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
