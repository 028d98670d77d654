import AgentCore
import DeviceIO

/// `cmmgate info`: the site's basic information table for networking — the site's identity and
/// every instrument's registry data, with overdue calibrations marked — then the constant set,
/// monitoring parameters, cross-checks, statistics rules and agent settings it runs with.
enum InfoCommand: Subcommand {
    static let name = "info"
    static let summary = "the site's basic information: identity, instruments, parameters, settings"
    static let defaultConfigPath = "/etc/cmmgate/cmmgate.conf"
    static let usage = """
        usage: cmmgate info [--config FILE] [--today YYYY-MM-DD]

        Prints the site's basic information table from its configuration: the site's name,
        HJ 212 MN and ST, UTC offset and methodology constant set, then each instrument's
        protocol, address, bus, maker, model, serial number, measuring range, accuracy
        class, installation point, last calibration and due date. A calibration past its
        due date is marked OVERDUE and also reported on standard error as a warning.
        Then, each after a blank line: the constant set in use (version, GWP, CH4 density,
        reference temperature, standard pressure); the monitoring parameters (quantity,
        oxidizer unit, HJ 212 factor code, unit, limits, period and tolerance, point and
        meter); the flow cross-checks; the HJ 212 statistics rules; and the agent's
        settings (journal, commit interval, overwrite, watchdog, log, clock, offline);
        the HJ 212 uplinks (profile, endpoint, link, OverTime × ReCount, intervals, backlog
        rate, events, SM4 key file, journal consumer). The password is not printed.

          --config FILE  the site configuration (default \(defaultConfigPath))
          --today DATE   judge due dates on DATE instead of the site's local date today

        Exit status: 0 when the configuration is valid (overdue calibrations included),
        1 when it has errors (printed as by check-config), 64 on a usage error, 70 when
        the file cannot be read.

        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: ArgumentList
        do {
            parsed = try ArgumentList(arguments, valueOptions: ["config", "today"])
            guard parsed.positionals.isEmpty else {
                throw ArgumentList.UsageError(description: "unexpected argument '\(parsed.positionals[0])'")
            }
        } catch {
            StandardStreams.writeError("cmmgate info: \(error)\n\n" + usage)
            return ExitStatus.usage
        }
        let path = parsed.value("config") ?? defaultConfigPath
        guard let result = CheckConfigCommand.load(path: path, command: name) else { return ExitStatus.failure }
        guard let config = result.config else {
            CheckConfigCommand.reportErrors(result.errors, command: name)
            return ExitStatus.invalid
        }
        guard let today = CheckConfigCommand.today(parsed.value("today"), config: config, command: name) else {
            return ExitStatus.usage
        }
        StandardStreams.writeOut(InfoTable.render(config, today: today))
        for warning in config.calibrationWarnings(on: today, file: path) {
            StandardStreams.writeError(warning + "\n")
        }
        return ExitStatus.success
    }
}
