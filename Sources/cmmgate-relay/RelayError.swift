/// The one error type of `cmmgate-relay`: a code, a message that says what was being done and on
/// what, and the cause underneath (an SQLite error text, an errno text, a configuration error).
/// `context(_:)` prepends what the caller was doing; nothing is swallowed.
struct RelayError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Code: String, Sendable, Equatable {
        /// The command line is wrong (unknown option, missing value): exit 64.
        case usage
        /// The relay configuration (or a site configuration it names) is invalid: exit 78.
        case configuration
        /// SQLite refused an operation.
        case database
        /// A socket operation failed (bind, listen, accept).
        case network
        /// A file could not be read.
        case file
        /// Stored data or an argument cannot be used as asked (a date that is not a date, an unknown site).
        case data
    }

    var code: Code
    var message: String
    /// The underlying cause's text (SQLite's message, strerror), when there is one.
    var cause: String?

    init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The same error with `prefix` prepended to its message.
    func context(_ prefix: String) -> RelayError {
        RelayError(code, "\(prefix): \(message)", cause: cause)
    }

    /// The process exit status for this error (sysexits.h).
    var exitStatus: Int32 {
        switch code {
        case .usage: 64
        case .configuration: 78
        case .data: 65
        case .file: 66
        case .database, .network: 74
        }
    }

    var description: String {
        cause.map { "\(message) (\($0))" } ?? message
    }
}
