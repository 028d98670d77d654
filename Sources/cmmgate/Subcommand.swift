/// One verb of the multi-call `cmmgate` binary.
protocol Subcommand {
    /// The verb, as typed after `cmmgate` or as the suffix of a `cmmgate-<verb>` link.
    static var name: String { get }
    /// One line for `cmmgate help`.
    static var summary: String { get }
    /// Full usage text for `cmmgate help <verb>` and usage errors.
    static var usage: String { get }
    /// Runs the verb with the arguments after it; returns the process exit status.
    static func run(_ arguments: [String]) -> Int32
}

/// Exit statuses shared by all subcommands.
enum ExitStatus {
    static let success: Int32 = 0
    /// The command ran, and what it examined was not valid (a bad frame, a bad config).
    static let invalid: Int32 = 1
    /// The command line itself was wrong.
    static let usage: Int32 = 64
    /// The command could not run (a file could not be read, a device failed).
    static let failure: Int32 = 70
}
