/// Why a journal record could not be turned into HJ 212 segments: a machine-readable `code`, a
/// `message` that says what was wrong, the `cause` (the Metering or Wire error, as text) and the
/// `context` (which record), so the session can log it and decide (skip, hold) without guessing.
public struct UplinkFrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Stable names: tests and logs match on them.
    public enum Code: String, Sendable, Equatable {
        /// The payload does not decode with its Metering codec.
        case undecodable
        /// A real-time or statistics record made with another parameter list than the one the
        /// builder names factors from (a reload changed the list): its values cannot be named.
        case foreignConfiguration
        /// A time cannot be written as HJ 212 `YYYYMMDDhhmmss` (outside years 0…9999).
        case badTimestamp
        /// The segments cannot be built (a field that cannot be encoded, an item too long to split).
        case unencodable
    }

    public var code: Code
    public var message: String
    /// Text of the underlying error, when the failure came from another module.
    public var cause: String?
    /// Where it happened, e.g. `record 42 (statistics)`.
    public var context: String?

    public init(_ code: Code, _ message: String, cause: String? = nil, context: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
        self.context = context
    }

    /// The same error with `context` set (the innermost context is kept when one is already set).
    public func context(_ text: String) -> UplinkFrameError {
        var copy = self
        copy.context = context.map { text + ": " + $0 } ?? text
        return copy
    }

    public var description: String {
        var text = code.rawValue
        if let context { text += " in \(context)" }
        text += ": \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
