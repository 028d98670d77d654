/// The one error type of the `AgentCore` module: a configuration problem with the file and line
/// where it was found, printed `FILE:LINE: message` like a compiler diagnostic so an editor (or an
/// integrator on a serial console) can jump straight to it.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem this is. Stable names: tests and logs match on them.
    public enum Code: String, Sendable, Equatable {
        /// A line is neither a comment, a `[section]` header nor `key = value`.
        case syntax
        /// A section kind, or a key in a section, that the format does not define.
        case unknownKey
        /// A value of the wrong type (not a number, not one of the allowed words, malformed).
        case badValue
        /// A number or date outside the range the key allows.
        case outOfRange
        /// A required key or section is absent.
        case missing
        /// A name (section, key, address, factor code) given twice.
        case duplicate
        /// A reference to a bus, meter, point or constant set that is not defined.
        case danglingReference
        /// Keys that contradict each other (a serial key on a TCP bus, a due date before calibration).
        case conflict
    }

    public var code: Code
    public var message: String
    /// The file the problem is in, as given to the parser.
    public var file: String
    /// The 1-based line of the problem (the section header for a missing key).
    public var line: Int

    public init(_ code: Code, _ message: String, file: String, line: Int) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// The same error with `prefix` prepended to its message, for context on the way up.
    public func context(_ prefix: String) -> ConfigError {
        ConfigError(code, "\(prefix): \(message)", file: file, line: line)
    }

    public var description: String { "\(file):\(line): \(message)" }
}
