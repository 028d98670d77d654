import AgentCore
import DeviceIO

/// `cmmgate check-config FILE`: validates a site configuration without opening any port and
/// prints every problem at once, `FILE:LINE: message`, like a compiler.
enum CheckConfigCommand: Subcommand {
    static let name = "check-config"
    static let summary = "validate a site configuration, printing every error"
    static let usage = """
        usage: cmmgate check-config [--today YYYY-MM-DD] FILE

        Reads the site configuration FILE (Board/reference.conf documents the format) and
        checks everything the agent checks before it opens a port: unknown sections and
        keys, wrong types, out-of-range values, duplicate names, references to undefined
        buses, meters, points and constant sets. Prints every error as FILE:LINE: message on
        standard error, or a one-line summary on standard output when there is none: the
        site, how many buses, meters, points, parameters, oxidizer units and cross-checks,
        and the constant set in use. Calibrations past their due date are warnings
        (FILE:LINE: warning: ...).

          --today DATE  judge calibration due dates on DATE instead of today (the site's
                        local date from the system clock and the configured utc_offset)

        Exit status: 0 when the file is valid, 1 when it has errors, 64 on a usage error,
        70 when the file cannot be read.

        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: ArgumentList
        do {
            parsed = try ArgumentList(arguments, valueOptions: ["today"])
            guard parsed.positionals.count == 1 else {
                throw ArgumentList.UsageError(description: "give exactly one FILE")
            }
        } catch {
            StandardStreams.writeError("cmmgate check-config: \(error)\n\n" + usage)
            return ExitStatus.usage
        }
        let path = parsed.positionals[0]
        guard let result = load(path: path, command: name) else { return ExitStatus.failure }
        guard let config = result.config else {
            reportErrors(result.errors, command: name)
            return ExitStatus.invalid
        }
        guard let today = today(parsed.value("today"), config: config, command: name) else { return ExitStatus.usage }
        for warning in config.calibrationWarnings(on: today, file: path) {
            StandardStreams.writeError(warning + "\n")
        }
        StandardStreams.writeOut("\(path): valid: \(summary(config))\n")
        return ExitStatus.success
    }

    /// The one-line summary of a valid configuration: the site, how many of each section,
    /// the oxidizer units and the constant set in use.
    static func summary(_ config: SiteConfig) -> String {
        let counts = [
            counted(config.buses.count, "bus", "buses"),
            counted(config.meters.count, "meter", "meters"),
            counted(config.points.count, "point", "points"),
            counted(config.parameters.count, "parameter", "parameters"),
            counted(config.oxidizers.count, "oxidizer unit", "oxidizer units"),
            counted(config.crossChecks.count, "cross-check", "cross-checks"),
        ]
        return "site '\(config.identity.name)', \(counts.joined(separator: ", ")), constants \(config.constants.name)"
    }

    private static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }

    /// Reads and parses the configuration at `path`; nil (with the reason on stderr) when the
    /// file cannot be read.
    static func load(path: String, command: String) -> SiteConfigParser.Result? {
        do {
            let bytes = try FileContents.read(path: path)
            return SiteConfigParser.parse(text: String(decoding: bytes, as: UTF8.self), file: path)
        } catch {
            StandardStreams.writeError("cmmgate \(command): \(error)\n")
            return nil
        }
    }

    /// Prints `errors` one per line and their count, on stderr.
    static func reportErrors(_ errors: [ConfigError], command: String) {
        for error in errors { StandardStreams.writeError("\(error)\n") }
        StandardStreams.writeError("cmmgate \(command): \(errors.count) error\(errors.count == 1 ? "" : "s")\n")
    }

    /// The date calibrations are judged on: `--today` when given, else the site's local date
    /// now (system clock, configured UTC offset). nil (with the reason on stderr) on a bad date.
    static func today(_ option: String?, config: SiteConfig, command: String) -> CalendarDate? {
        guard let option else {
            let milliseconds = SystemClock().wallTime().nanosecondsSinceEpoch / 1_000_000
            return CalendarDate(unixMilliseconds: milliseconds, utcOffsetMinutes: config.identity.utcOffsetMinutes)
        }
        guard let date = CalendarDate(parsing: option) else {
            StandardStreams.writeError("cmmgate \(command): --today '\(option)' is not a date YYYY-MM-DD\n")
            return nil
        }
        return date
    }
}
