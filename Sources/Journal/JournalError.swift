/// The one error type of the `Journal` module: a code, a message that says what was being done,
/// and the cause (the block device's error, as text) when the failure came from the device.
/// Callers add context on the way up (`context(_:)`); nothing is swallowed.
public struct JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. Stable names: tests and logs match on them.
    public enum Code: String, Sendable, Equatable {
        /// The block device failed (read, program, erase or sync); `cause` holds its error.
        case device
        /// No valid segment header was found: the region was never formatted (or is not a journal).
        case notFormatted
        /// The region holds a journal written with a different geometry or format version.
        case incompatible
        /// The ring is full of unacknowledged records and the policy is to refuse new records.
        case full
        /// A record or name exceeds what the format can hold.
        case tooLarge
        /// The caller asked for something the journal cannot do (unknown consumer, ack past data, …).
        case invalidArgument
        /// The journal's own bookkeeping contradicts itself (a bug; never expected).
        case inconsistent
    }

    public var code: Code
    public var message: String
    /// Text of the underlying cause (the block device's error description).
    public var cause: String?

    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// Wraps a block device's error as `.device`, saying what the journal was doing.
    public static func device(_ doing: String, _ error: any Error) -> JournalError {
        if let journalError = error as? JournalError { return journalError.context(doing) }
        return JournalError(.device, doing, cause: String(describing: error))
    }

    /// The same error with `prefix` prepended to its message.
    public func context(_ prefix: String) -> JournalError {
        var copy = self
        copy.message = "\(prefix): \(message)"
        return copy
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
